import Foundation
import RossumKit
import RossumSandbox

/// One in-process sandbox shared by the read-mostly tests of this target, started on first use.
/// Tests that change faults or token lifetimes start their own.
enum SharedSandbox {
    static let configuration: SandboxConfiguration = {
        var configuration = SandboxConfiguration()
        configuration.size = .small
        configuration.importDelay = .milliseconds(50)
        // Exports finish within the confirming request, so a confirm reads back `exported`.
        configuration.exportDelay = .zero
        return configuration
    }()

    private static let server = Task { try await SandboxServer.start(configuration) }

    static func start() async throws -> SandboxServer {
        try await server.value
    }

    /// A client logging in with the sandbox's demo user; waits are real but short.
    static func client(_ server: SandboxServer, configure: (inout RossumClientConfiguration) -> Void = { _ in }) throws -> RossumClient {
        var configuration = RossumClientConfiguration()
        configuration.backoffFactor = 0.01
        configuration.maxJitter = 0
        configuration.timeout = .seconds(10)
        configure(&configuration)
        return try RossumClient(
            baseURL: server.apiURL,
            credentials: .credentials(username: Self.configuration.username, password: Self.configuration.password),
            configuration: configuration)
    }
}

/// Starts a private sandbox for the duration of `body`.
func withSandbox<T>(_ configure: (inout SandboxConfiguration) -> Void, _ body: (SandboxServer) async throws -> T) async throws -> T {
    var configuration = SandboxConfiguration()
    configuration.size = .small
    configuration.importDelay = .milliseconds(50)
    configuration.exportDelay = .zero
    configuration.seedsHistory = false
    configure(&configuration)
    let server = try await SandboxServer.start(configuration)
    do {
        let result = try await body(server)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}
