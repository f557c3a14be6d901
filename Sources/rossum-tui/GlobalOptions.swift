import ArgumentParser
import Foundation
import RossumJobs
import RossumKit
import Synchronization

/// The connection options every command accepts (before or after the command name).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Profile of config.yaml to use (default: $ROSSUM_PROFILE, then default_profile).", valueName: "name"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("API base URL including /api/v1 (default: $ROSSUM_BASE_URL, then the profile).", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Allow plain http:// to a host other than this machine (credentials travel unencrypted).")
    var allowInsecureHTTP = false

    @Option(name: .long, help: ArgumentHelp(
        "Longest wait for one answer, body included (default: $ROSSUM_REQUEST_TIMEOUT, then 30s).", valueName: "duration"))
    var requestTimeout: DurationOption?

    @Option(name: .long, help: ArgumentHelp(
        "How long a failing request keeps being retried (default: $ROSSUM_RETRY_BUDGET, then 2m).", valueName: "duration"))
    var retryBudget: DurationOption?

    /// These options with those given again after the command name taking precedence.
    func overriding(with later: GlobalOptions) -> GlobalOptions {
        var merged = self
        merged.profile = later.profile ?? profile
        merged.baseURL = later.baseURL ?? baseURL
        merged.allowInsecureHTTP = allowInsecureHTTP || later.allowInsecureHTTP
        merged.requestTimeout = later.requestTimeout ?? requestTimeout
        merged.retryBudget = later.retryBudget ?? retryBudget
        return merged
    }

    /// The process's command context for these options: the client gets `base` with the request
    /// limits of the flags and the environment. A limit that cannot be read ends the command.
    func commandContext(overrides: ConnectionOverrides? = nil,
                        base: RossumClientConfiguration = RossumClientConfiguration()) throws -> CommandContext {
        var context = CommandContext(overrides: overrides ?? self.overrides)
        do {
            context.clientConfiguration = try RequestLimits.resolve(
                timeout: requestTimeout?.duration, retryBudget: retryBudget?.duration, environment: context.environment
            ).applied(to: base)
        } catch {
            let failure = CommandContext.failure(from: error)
            context.output.errorLine("rossum-tui: \(failure.message)")
            throw ExitCode(failure.status.rawValue)
        }
        return context
    }

    var overrides: ConnectionOverrides {
        ConnectionOverrides(profile: profile, baseURL: baseURL, allowInsecureHTTP: allowInsecureHTTP)
    }
}

/// Runs a command body with the process's context; Ctrl-C and SIGTERM cancel it cleanly
/// (a download removes its partial file, an MDH job stays resumable) and end it with 130,
/// a reader of standard output that goes away (`| head`) stops it quietly with 141, and
/// failures become one line on stderr and the documented exit code.
func runCommand(_ global: GlobalOptions, _ body: @escaping @Sendable (CommandContext) async throws -> Void) async throws {
    // A closed pipe must be an error a write can report, not a signal that kills the process
    // halfway through a line (or, caught by nobody, a crash).
    signal(SIGPIPE, SIG_IGN)
    // Library logs (retries, re-logins) go to the log file, never between a command's output
    // lines. Before the context exists: its client configuration creates the logger.
    FileLogHandler.bootstrap(path: AppPaths().logFile)
    let context = try global.commandContext()
    let stopped = StopRequest()
    let work = Task { [context] in await context.run { try await body(context) } }
    let signals = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            stopped.signalled()
            work.cancel()
        }
        source.resume()
        return source
    }
    StandardOutputPipe.shared.whenClosed { work.cancel() }
    var status = await work.value
    signals.forEach { $0.cancel() }
    // However the work unwound once stopped (a job may turn cancellation into its own failure),
    // the exit code says why it stopped.
    if StandardOutputPipe.shared.isClosed {
        status = .outputClosed
    } else if stopped.wasSignalled, status != .success {
        status = .interrupted
    }
    if status != .success { throw ExitCode(status.rawValue) }
}

/// Whether SIGINT or SIGTERM arrived while a command ran.
final class StopRequest: Sendable {
    private let flag = Mutex(false)
    func signalled() { flag.withLock { $0 = true } }
    var wasSignalled: Bool { flag.withLock { $0 } }
}

/// Parses `30`, `500ms`, `45s`, `30m`, `2h` for duration options.
struct DurationOption: ExpressibleByArgument, Sendable {
    let duration: Duration

    init(_ duration: Duration) { self.duration = duration }

    init?(argument: String) {
        guard let duration = DurationText.parse(argument) else { return nil }
        self.duration = duration
    }

    var defaultValueDescription: String { duration.humanReadable }
}
