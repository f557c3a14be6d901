import ArgumentParser
import Console
import Foundation
import Logging
import NcursesBackend
import RossumJobs
import RossumKit
import TerminalUI

/// `rossum-tui [console]`: the full-screen console on a Rossum account. Connection settings
/// come from the profile (config.yaml), the environment and the flags, as for every command.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the full-screen console on a Rossum account (the default command).")

    @ParentCommand var root: RossumTUI
    @OptionGroup(visibility: .hidden) var local: GlobalOptions

    @Flag(name: .long, help: "Read-only: actions that change data are switched off (wins over the profile).")
    var readonly = false

    @Option(name: .long, help: "Theme: default, light, high-contrast, monochrome, solarized-dark or NAME from the themes directory.")
    var theme: String?

    func run() async throws {
        let global = root.global.overriding(with: local)
        var overrides = global.overrides
        // `:profile NAME` ends the session asking for another profile; reconnect with it.
        while let next = try await runOnce(try global.commandContext(overrides: overrides, base: .console)) {
            overrides.profile = next
        }
    }

    func runOnce(_ context: CommandContext) async throws -> String? {
        // Settings, credentials and one answer from the server before the screen is taken:
        // a wrong password or an unreachable server is said at once, with its exit code.
        var connection: (settings: ConnectionSettings, options: ConsoleOptions, client: RossumClient)?
        let status = await context.run {
            let settings = try context.settings()
            let options = try ConsoleOptions(settings, configFile: context.paths.configFile)
            try await ConnectionCheck.verify(context)
            connection = (settings, options, try context.client())
        }
        guard let (settings, options, client) = connection, status == .success else {
            if [.config, .auth].contains(status) {
                context.output.errorLine("(try `rossum-tui demo` for the built-in sandbox, or `rossum-tui login`)")
            }
            throw ExitCode(status.rawValue)
        }
        return try await ConsoleLauncher.run(ConsoleLaunch(
            client: client, profileName: settings.profileName, serverLabel: URL(string: settings.baseURL)?.host ?? Redactor.removingURLCredentials(from: settings.baseURL),
            readOnly: readonly || settings.readonly, themeName: theme ?? settings.theme, intervals: options.intervals,
            keyOverrides: options.keyOverrides, aliases: options.aliases, mouse: settings.mouse, plugins: options.plugins, paths: context.paths, scope: JournalScope(settings: settings),
            checkProfile: { name in await ConsoleOptions.problem(switchingTo: name, from: context) }))
    }
}

/// What the console needs to start.
struct ConsoleLaunch: Sendable {
    var client: RossumClient
    var profileName: String
    var serverLabel: String
    var readOnly: Bool
    var themeName: String?
    var intervals = RefreshIntervals()
    /// Key bindings from `config.yaml` (`keys:`), per action id.
    var keyOverrides: [String: [String]] = [:]
    /// `:` command aliases from `config.yaml` (`aliases:`).
    var aliases = CommandAliases()
    /// Clicks and the wheel (the config's `mouse:`, on unless it says false).
    var mouse = true
    /// Plugins from `config.yaml` (`plugins:`), checked; their keys are in the keymap.
    var plugins: [Plugin] = []
    var paths: AppPaths
    /// Whose jobs the monitor lists and the console's jobs are journaled under.
    var scope: JournalScope
    var canSwitchProfile = true
    /// Whose recent annotations and pinned queues these are: the server (the demo's changes
    /// port every run, so it names itself).
    var placesKey: String?
    /// Checks a profile before `:profile` leaves this one (nil when it works, else why not).
    var checkProfile: (@Sendable (String) async -> String?)?
}

/// Runs the console on the terminal: one thread owns curses, effects run as tasks on the shared
/// client. The terminal is restored on every way out (the loop's job), and nothing is printed
/// while it runs: logs go to a file.
enum ConsoleLauncher {
    /// Runs until quit; returns the profile the user switched to with `:profile`, if any.
    @discardableResult
    static func run(_ launch: ConsoleLaunch) async throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        Console.FileLogHandler.bootstrapOnce(path: launch.paths.logFile)
        let logger = Logger(label: "rossum-tui")
        logger.info("console starting on \(launch.serverLabel) (read-only: \(launch.readOnly))")

        let client = launch.client
        let journal = try? Journal(paths: launch.paths)
        let services = ConsoleServices(client: client, journal: journal, scope: launch.scope, logger: logger)
        let themeDirectories = [launch.paths.themesDirectory, FileManager.default.currentDirectoryPath + "/themes"]
        let resolution = ThemeLoader.resolve(name: launch.themeName, directories: themeDirectories, environment: environment, colorCount: 256)
        for problem in resolution.problems { logger.warning("theme: \(problem)") }
        let keyMap = try ConsoleAction.keyMap(overrides: launch.keyOverrides, readOnly: launch.readOnly, plugins: launch.plugins)
        var webBase = Redactor.removingURLCredentials(from: client.baseURL)
        if webBase.hasSuffix("/api/v1") { webBase = String(webBase.dropLast("/api/v1".count)) }
        var state = AppState(keyMap: keyMap, theme: resolution.theme, profileName: launch.profileName, serverLabel: launch.serverLabel,
                             webAppBase: webBase, intervals: launch.intervals, now: Date())
        // A theme that could not be used is said on screen once, not only in the log.
        if let problem = resolution.problems.first { state.flash("theme: \(problem) (using \(resolution.theme.name))", .error, seconds: 15) }
        let historyFile = CommandHistoryFile(path: launch.paths.commandHistoryFile)
        state.aliases = launch.aliases
        state.plugins = launch.plugins
        state.commandHistory = historyFile.read()
        let placesFile = PlacesFile(path: launch.paths.placesFile)
        let placesKey = launch.placesKey ?? launch.scope.server
        state.places = placesFile.read(server: placesKey)
        let firstState = state
        let loop = try TerminalLoop<Event>(options: TerminalOptions(mouse: launch.mouse))
        let runner = EffectRunner(services: services) { loop.post($0) }
        var redirect = StandardErrorRedirect(to: launch.paths.logFile)
        defer { redirect?.restore() }
        let (requested, heldReviews) = try await runOnOwnThread { () throws -> (String?, [Int]) in
            let session = ConsoleSession(state: firstState, runner: runner, loadTheme: { name in
                let found = ThemeLoader.resolve(name: name, directories: themeDirectories, environment: environment, colorCount: 256)
                if let problem = found.problems.first { throw ConsoleFailure(kind: .badInput, message: problem.description) }
                return found.theme
            })
            session.canSwitchProfile = launch.canSwitchProfile
            session.checkProfile = launch.checkProfile
            session.saveCommandHistory = { lines in
                if let problem = historyFile.write(lines) { logger.warning("command history not kept: \(problem)") }
            }
            session.savePlaces = { places in
                if let problem = placesFile.write(places, server: placesKey) { logger.warning("places not kept: \(problem)") }
            }
            var started = false
            // Inputs change the state; the loop asks for the frame once it has handled all
            // that arrived together (a held PageDown renders once per burst, not per key).
            // Killed (SIGTERM, SIGINT, the terminal closing) with a review open: cancel it
            // before the process ends, as `q` does, within a few seconds.
            let cancelBeforeExit: (Int32) -> Void = { signal in
                let held = session.heldReviews
                guard !held.isEmpty else { return }
                logger.info("signal \(signal) with reviews open: cancelling \(held)")
                let done = DispatchSemaphore(value: 0)
                Task {
                    await cancelReviews(held, client: services.client, logger: logger)
                    done.signal()
                }
                if done.wait(timeout: .now() + Self.cancelOnSignalSeconds) == .timedOut {
                    logger.warning("reviews \(held) not cancelled within \(Self.cancelOnSignalSeconds) s of the signal")
                }
            }
            try loop.run(render: { session.render() }, beforeSignalExit: cancelBeforeExit) { input in
                switch input {
                case .resize(let width, let height):
                    if started {
                        session.apply(.resize(width: width, height: height))
                    } else {
                        started = true
                        session.begin(width: width, height: height)
                    }
                case .key(let key):
                    session.apply(.key(key))
                case .event(let event):
                    // A poll that brought nothing new is not painted (see `PollFootprint`).
                    if !session.apply(event) { return .keep(wakeAt: instant(session.wakeAt)) }
                case .tick:
                    session.apply(.tick(Date()))
                case .paste(let text):
                    session.apply(.paste(text))
                case .mouse(let event):
                    session.apply(.mouse(event))
                }
                if session.isFinished { return .quit }
                if let run = session.takeHandOver() {
                    // A foreground plugin: the terminal is its until it ends; how it ended comes
                    // back as an event.
                    return LoopDecision(frame: nil, redraw: true, wakeAt: instant(session.wakeAt), handOver: {
                        loop.post(.pluginFinished(runner.runInForeground(run)))
                    })
                }
                return .redraw(wakeAt: instant(session.wakeAt))
            }
            runner.cancelAll()
            return (session.requestedProfile, session.heldReviews)
        }
        // A review left open by `q` (or a profile switch) is cancelled as `esc` would: quitting
        // never leaves a document locked by this console.
        let stillLocked = await cancelReviews(heldReviews, client: services.client, logger: logger)
        // The terminal is the person's again: a review left locked is said there, not only logged.
        redirect?.restore()
        redirect = nil
        for (id, reason) in stillLocked {
            FileHandle.standardError.write(Data(("rossum-tui: the review of #\(id) could not be cancelled (\(reason)); it stays "
                + "locked to you until its session times out. `rossum-tui annotations cancel \(id) --yes` tries again.\n").utf8))
        }
        logger.info("console closed\(requested.map { ", switching to profile \($0)" } ?? "")")
        return requested
    }

    /// How long a signalled console waits for its reviews to be cancelled before it ends.
    static let cancelOnSignalSeconds: Double = 3

    /// Cancels reviews this console started and did not confirm, so no document stays locked
    /// by a console that is gone.
    /// Returns the reviews it could not cancel, with why.
    @discardableResult
    static func cancelReviews(_ ids: [Int], client: RossumClient, logger: Logger) async -> [(Int, String)] {
        var failed: [(Int, String)] = []
        for id in ids {
            do {
                try await client.annotations.cancel(id)
                logger.info("review of #\(id) cancelled on close (not confirmed)")
            } catch {
                logger.warning("review of #\(id) could not be cancelled on close: \(error)")
                failed.append((id, ErrorClassifier.classify(error).message))
            }
        }
        return failed
    }

    static func instant(_ date: Date?) -> ContinuousClock.Instant? {
        guard let date else { return nil }
        return ContinuousClock.now.advanced(by: .milliseconds(Int64(max(0, date.timeIntervalSinceNow) * 1000)))
    }

    /// Curses wants one thread that blocks in `poll()`; keeping it off the task pool leaves the
    /// pool to the effects.
    static func runOnOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let thread = Thread {
                do {
                    continuation.resume(returning: try body())
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "terminal"
            thread.start()
        }
    }
}
