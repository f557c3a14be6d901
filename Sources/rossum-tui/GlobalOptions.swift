import ArgumentParser
import Foundation
import RossumJobs

/// The connection options every command accepts (before or after the command name).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Profile of config.yaml to use (default: $ROSSUM_PROFILE, then default_profile).", valueName: "name"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("API base URL including /api/v1 (default: $ROSSUM_BASE_URL, then the profile).", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Allow plain http:// to a host other than this machine (credentials travel unencrypted).")
    var allowInsecureHTTP = false

    /// These options with those given again after the command name taking precedence.
    func overriding(with later: GlobalOptions) -> GlobalOptions {
        var merged = self
        merged.profile = later.profile ?? profile
        merged.baseURL = later.baseURL ?? baseURL
        merged.allowInsecureHTTP = allowInsecureHTTP || later.allowInsecureHTTP
        return merged
    }

    var overrides: ConnectionOverrides {
        ConnectionOverrides(profile: profile, baseURL: baseURL, allowInsecureHTTP: allowInsecureHTTP)
    }
}

/// Runs a command body with the process's context; Ctrl-C and SIGTERM cancel it cleanly
/// (a download removes its partial file, an MDH job stays resumable), and failures become
/// one line on stderr and the documented exit code.
func runCommand(_ global: GlobalOptions, _ body: @escaping @Sendable (CommandContext) async throws -> Void) async throws {
    let context = CommandContext(overrides: global.overrides)
    // Library logs (retries, re-logins) go to the log file, never between a command's output lines.
    FileLogHandler.bootstrap(path: context.paths.logFile)
    let work = Task { await context.run { try await body(context) } }
    let signals = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { work.cancel() }
        source.resume()
        return source
    }
    let status = await work.value
    signals.forEach { $0.cancel() }
    if status != .success { throw ExitCode(status.rawValue) }
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
