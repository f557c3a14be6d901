import ArgumentParser
import Console
import Foundation
import RossumJobs
import RossumKit
import RossumSandbox

/// `rossum-tui demo`: the console on an in-process sandbox with live demo data.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the console on a built-in sandbox with live demo data (nothing leaves this machine).")

    @Option(name: .long, help: "Demo data size: empty, small, demo (about 12,000 annotations) or large (about 100,000).")
    var size: String = "demo"

    @Option(name: .long, help: "Faults to inject, e.g. error=0.1,latency=200ms (see rossum-sandbox --help).")
    var faults: String?

    @Flag(name: .long, help: "Read-only: actions that change data are switched off.")
    var readonly = false

    @Option(name: .long, help: "Theme name.")
    var theme: String?

    @Option(name: .long, help: "Port for the sandbox (0 picks a free one).")
    var port: Int = 0

    func run() async throws {
        guard let demoSize = DemoSize(rawValue: size.lowercased()) else {
            throw ValidationError("--size must be one of \(DemoSize.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(size)\"")
        }
        var configuration = SandboxConfiguration()
        configuration.size = demoSize
        configuration.live = true
        configuration.port = port
        if let faults {
            do {
                configuration.faults = try FaultConfiguration(parsing: faults)
            } catch {
                throw ValidationError("--faults: \(error)")
            }
        }
        let server = try await SandboxServer.start(configuration)
        do {
            let client = try RossumClient(baseURL: server.apiURL, credentials: .credentials(username: configuration.username, password: configuration.password))
            try await ConsoleLauncher.run(ConsoleLaunch(
                client: client, profileName: "demo", serverLabel: "sandbox " + server.baseURL.replacingOccurrences(of: "http://", with: ""),
                readOnly: readonly, themeName: theme, paths: AppPaths(environment: ProcessInfo.processInfo.environment),
                canSwitchProfile: false))
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }
}
