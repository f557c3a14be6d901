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

    @Flag(name: .long, help: "Keep the demo still: no documents arrive and no MDH upserts start by themselves.")
    var noLive = false

    @Option(name: .long, help: "Seconds each MDH operation stays processing (default 2); longer ones are easier to watch.")
    var operationSeconds: Double = 2

    func run() async throws {
        guard let demoSize = DemoSize(rawValue: size.lowercased()) else {
            throw ValidationError("--size must be one of \(DemoSize.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(size)\"")
        }
        var configuration = SandboxConfiguration()
        configuration.size = demoSize
        guard operationSeconds >= 0, operationSeconds <= 86_400 else {
            throw ValidationError("--operation-seconds must be between 0 and 86400, not \(operationSeconds)")
        }
        configuration.live = !noLive
        configuration.port = port
        configuration.dataHubTimings = DataHubTimings(
            queued: DataHubTimings.standard.queued, processing: .milliseconds(Int64(operationSeconds * 1000)))
        if let faults {
            do {
                configuration.faults = try FaultConfiguration(parsing: faults)
            } catch {
                throw ValidationError("--faults: \(error)")
            }
        }
        // The sandbox's loggers take their handler when they are made: the file must be the
        // logging system before the server starts, or its warnings land on the console's screen.
        let paths = AppPaths(environment: ProcessInfo.processInfo.environment)
        Console.FileLogHandler.bootstrapOnce(path: paths.logFile)
        // The demo has no profile, but the file's console settings are the person's everywhere.
        let file = try? ProfileStore(paths: paths).load()
        let server = try await SandboxServer.start(configuration)
        do {
            let client = try RossumClient(baseURL: server.apiURL, credentials: .credentials(username: configuration.username, password: configuration.password),
                                          configuration: .console)
            try await ConsoleLauncher.run(ConsoleLaunch(
                client: client, profileName: "demo", serverLabel: "sandbox " + server.baseURL.replacingOccurrences(of: "http://", with: ""),
                readOnly: readonly, themeName: theme, keyOverrides: try demoKeys(file?.keys ?? [:], paths),
                aliases: try ConsoleOptions.aliases(file?.aliases ?? [:], configFile: paths.configFile), mouse: file?.mouse ?? true,
                plugins: try ConsoleOptions.plugins(file?.plugins ?? [:], configFile: paths.configFile), paths: paths,
                scope: JournalScope(server: server.apiURL, account: configuration.username),
                canSwitchProfile: false, placesKey: "demo"))
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    /// The file's `keys:`, checked as for a profile.
    func demoKeys(_ keys: [String: [String]], _ paths: AppPaths) throws -> [String: [String]] {
        do {
            _ = try ConsoleAction.keyMap(overrides: keys, readOnly: false)
        } catch {
            throw CommandFailure(.config, "\(paths.configFile), keys: \(error.description)")
        }
        return keys
    }
}
