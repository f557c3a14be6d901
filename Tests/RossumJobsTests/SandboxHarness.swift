import Foundation
import RossumJobs
import RossumKit
import RossumSandbox

/// A private sandbox plus a private home (config, journal) for one test, with a command
/// context pointing at both and output captured.
struct SandboxHarness {
    let server: SandboxServer
    let directory: TemporaryDirectory
    static let username = "demo@rossum.local"
    static let password = "demo-password"

    static func with<T>(timings: DataHubTimings = DataHubTimings(queued: .milliseconds(20), processing: .milliseconds(40)),
                        _ body: (SandboxHarness) async throws -> T) async throws -> T {
        var configuration = SandboxConfiguration()
        configuration.size = .small
        configuration.importDelay = .milliseconds(50)
        configuration.seedsHistory = false
        configuration.dataHubTimings = timings
        configuration.username = username
        configuration.password = password
        let server = try await SandboxServer.start(configuration)
        let directory = try TemporaryDirectory()
        let harness = SandboxHarness(server: server, directory: directory)
        do {
            let result = try await body(harness)
            await server.shutdown()
            directory.remove()
            return result
        } catch {
            await server.shutdown()
            directory.remove()
            throw error
        }
    }

    var paths: AppPaths { AppPaths(configDirectory: directory.file("config"), stateDirectory: directory.file("state")) }

    var environment: [String: String] {
        ["HOME": directory.path, "ROSSUM_USERNAME": Self.username, "ROSSUM_PASSWORD": Self.password]
    }

    /// A context logging in as the demo user, with fast client retries.
    func context(baseURL: String? = nil, environment extra: [String: String] = [:], errIsTerminal: Bool = false,
                 requestAttempts: Int? = 3, requestTimeout: Duration = .seconds(10),
                 writeErr: (@Sendable (String) -> Void)? = nil) -> (CommandContext, CapturedOutput) {
        let (capturing, output) = OutputStreams.capturing(errIsTerminal: errIsTerminal)
        let streams = OutputStreams(writeOut: capturing.writeOut, writeErr: { text in
            capturing.writeErr(text)
            writeErr?(text)
        }, errIsTerminal: errIsTerminal, inIsTerminal: false)
        var configuration = RossumClientConfiguration()
        configuration.backoffFactor = 0.01
        configuration.maxJitter = 0
        configuration.retries = requestAttempts
        configuration.timeout = requestTimeout
        let context = CommandContext(overrides: ConnectionOverrides(baseURL: baseURL ?? server.apiURL),
                                     environment: environment.merging(extra) { _, new in new }, paths: paths, output: streams,
                                     clientConfiguration: configuration)
        return (context, output)
    }

    func client() throws -> RossumClient {
        var configuration = RossumClientConfiguration()
        configuration.backoffFactor = 0.01
        configuration.maxJitter = 0
        return try RossumClient(baseURL: server.apiURL, credentials: .credentials(username: Self.username, password: Self.password),
                                configuration: configuration)
    }

    /// Operations the server holds for `dataset`: counts uploads server-side.
    func operations(of dataset: String) async throws -> [RossumKit.DatasetOperation] {
        try await client().masterDataHub.operations().filter { $0.datasetName == dataset }
    }
}

/// A fast job policy: polls and retries in milliseconds.
/// A lost upload answer is looked for during `lostAnswerGrace`.
func fastPolicy(retries: Int = 3, timeout: Duration = .seconds(20), lostAnswerGrace: Duration = .milliseconds(100)) -> UpsertPolicy {
    UpsertPolicy(retries: retries, pollEvery: .milliseconds(20), timeout: timeout, retryDelay: .milliseconds(5), lostAnswerGrace: lostAnswerGrace)
}

func failure(of body: () async throws -> Void) async -> CommandFailure? {
    do {
        try await body()
    } catch let failure as CommandFailure {
        return failure
    } catch {
        return CommandFailure(.failure, "unexpected \(type(of: error)): \(error)")
    }
    return nil
}
