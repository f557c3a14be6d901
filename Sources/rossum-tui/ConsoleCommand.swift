import ArgumentParser
import Console
import Foundation
import Logging
import NcursesBackend
import RossumKit
import TerminalUI

/// `rossum-tui [console]`: the full-screen console on a Rossum account.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the full-screen console on a Rossum account (the default command).")

    @Option(name: .long, help: "Profile name, shown in the header (or ROSSUM_PROFILE).")
    var profile: String?

    @Option(name: .long, help: "API base URL including /api/v1 (or ROSSUM_BASE_URL).")
    var baseURL: String?

    @Flag(name: .long, help: "Read-only: actions that change data are switched off.")
    var readonly = false

    @Option(name: .long, help: "Theme: default, light, high-contrast, monochrome, solarized-dark or a themes/NAME.yaml.")
    var theme: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let base = baseURL ?? environment["ROSSUM_BASE_URL"], !base.isEmpty else {
            throw ValidationError("no Rossum URL: pass --base-url https://example.rossum.app/api/v1 or set ROSSUM_BASE_URL (or try `rossum-tui demo`)")
        }
        let credentials: Credentials
        if let token = environment["ROSSUM_TOKEN"], !token.isEmpty {
            credentials = .token(token)
        } else if let user = environment["ROSSUM_USERNAME"], let password = environment["ROSSUM_PASSWORD"] {
            credentials = .credentials(username: user, password: password)
        } else {
            throw ValidationError("no credentials: set ROSSUM_TOKEN, or ROSSUM_USERNAME and ROSSUM_PASSWORD")
        }
        try await ConsoleLauncher.run(ConsoleLaunch(
            baseURL: base, credentials: credentials, profileName: profile ?? environment["ROSSUM_PROFILE"] ?? "default",
            serverLabel: URL(string: base)?.host ?? base, readOnly: readonly, themeName: theme))
    }
}

/// What the console needs to start.
struct ConsoleLaunch: Sendable {
    var baseURL: String
    var credentials: Credentials
    var profileName: String
    var serverLabel: String
    var readOnly: Bool
    var themeName: String?
}

/// Runs the console on the terminal: one thread owns curses, effects run as tasks on the shared
/// client. The terminal is restored on every way out (the loop's job), and nothing is printed
/// while it runs: logs go to a file.
enum ConsoleLauncher {
    static func run(_ launch: ConsoleLaunch) async throws {
        let environment = ProcessInfo.processInfo.environment
        let logPath = FileLogHandler.defaultPath(environment: environment)
        LoggingSystem.bootstrap(FileLogHandler.factory(path: logPath))
        let logger = Logger(label: "rossum-tui")
        logger.info("console starting on \(launch.serverLabel) (read-only: \(launch.readOnly))")

        var configuration = RossumClientConfiguration()
        configuration.logger = Logger(label: "rossum-tui.client")
        let client = try RossumClient(baseURL: launch.baseURL, credentials: launch.credentials, configuration: configuration)
        let source = RossumDataSource(client: client, logger: logger)
        let themeDirectories = themeDirectories(environment: environment)
        let resolution = ThemeLoader.resolve(name: launch.themeName, directories: themeDirectories, environment: environment, colorCount: 256)
        for problem in resolution.problems { logger.warning("theme: \(problem)") }
        let keyMap = try ConsoleAction.keyMap(readOnly: launch.readOnly)
        var webBase = client.baseURL
        if webBase.hasSuffix("/api/v1") { webBase = String(webBase.dropLast("/api/v1".count)) }
        let state = AppState(keyMap: keyMap, theme: resolution.theme, profileName: launch.profileName, serverLabel: launch.serverLabel,
                             webAppBase: webBase, now: Date())
        let loop = try TerminalLoop<Event>()
        let runner = EffectRunner(source: source, logger: logger) { loop.post($0) }
        try await runOnOwnThread {
            let session = ConsoleSession(state: state, runner: runner, loadTheme: { name in
                let found = ThemeLoader.resolve(name: name, directories: themeDirectories, environment: environment, colorCount: 256)
                if let problem = found.problems.first { throw ConsoleFailure(kind: .badInput, message: problem.description) }
                return found.theme
            })
            var started = false
            try loop.run { input in
                let frame: Grid
                switch input {
                case .resize(let width, let height):
                    if started {
                        frame = session.handle(.resize(width: width, height: height))
                    } else {
                        started = true
                        frame = session.start(width: width, height: height)
                    }
                case .key(let key):
                    frame = session.handle(.key(key))
                case .event(let event):
                    frame = session.handle(event)
                case .tick:
                    frame = session.handle(.tick(Date()))
                case .mouse:
                    return .keep(wakeAt: instant(session.wakeAt))
                }
                if session.isFinished { return .quit }
                return LoopDecision(frame: frame, wakeAt: instant(session.wakeAt))
            }
            runner.cancelAll()
        }
        logger.info("console closed")
    }

    static func instant(_ date: Date?) -> ContinuousClock.Instant? {
        guard let date else { return nil }
        return ContinuousClock.now.advanced(by: .milliseconds(Int64(max(0, date.timeIntervalSinceNow) * 1000)))
    }

    /// The user's themes first, then the ones shipped next to the program (`themes/`).
    static func themeDirectories(environment: [String: String]) -> [String] {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.config")
        return [config + "/rossum-tui/themes", FileManager.default.currentDirectoryPath + "/themes"]
    }

    /// Curses wants one thread that blocks in `poll()`; keeping it off the task pool leaves the
    /// pool to the effects.
    static func runOnOwnThread(_ body: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                do {
                    try body()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "terminal"
            thread.start()
        }
    }
}
