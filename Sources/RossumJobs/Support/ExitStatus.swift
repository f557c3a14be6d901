/// Exit codes of the headless commands, after BSD `sysexits.h`, so scripts and monitoring can
/// tell a typo from a network outage from a job that really failed.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    /// Something went wrong that fits no other code.
    case failure = 1
    /// Wrong arguments or options (EX_USAGE).
    case usage = 64
    /// The input file is not what it must be: not JSON/CSV, id key missing (EX_DATAERR).
    case badInput = 65
    /// The input file does not exist or cannot be read (EX_NOINPUT).
    case noInput = 66
    /// The server cannot be reached or answers with 5xx, or a named dataset/resource is unknown (EX_UNAVAILABLE).
    case unavailable = 69
    /// The output file cannot be created or written (EX_CANTCREAT).
    case cannotCreate = 73
    /// The job failed after every retry, or the server refused it in the resource's current
    /// state (409: another user holds it); running it again later may work (EX_TEMPFAIL).
    case jobFailed = 75
    /// Wrong credentials, expired token, or no permission (EX_NOPERM).
    case auth = 77
    /// The configuration is invalid: profile missing, insecure URL, unreadable config (EX_CONFIG).
    case config = 78
    /// Stopped by SIGINT/SIGTERM; a journaled job resumes on the next run (128 + SIGINT).
    case interrupted = 130
    /// Standard output was closed by its reader (`| head`): the command stopped quietly, as a
    /// program killed by SIGPIPE does (128 + SIGPIPE).
    case outputClosed = 141

    /// One line for `--help` and the README.
    public var meaning: String {
        switch self {
        case .success: "success"
        case .failure: "unexpected failure"
        case .usage: "wrong arguments or options"
        case .badInput: "the input file is invalid (not JSON/CSV, id key missing in a record)"
        case .noInput: "the input file does not exist or cannot be read"
        case .unavailable: "server unreachable, server error, or unknown dataset/collection"
        case .cannotCreate: "the output file cannot be written"
        case .jobFailed: "the job failed after every retry, another run holds it, or the server refused it in its current state (409)"
        case .auth: "wrong credentials, expired token or no permission"
        case .config: "invalid configuration or profile, insecure http URL"
        case .interrupted: "a command interrupted (Ctrl-C or SIGTERM); an MDH job resumes on the next run. The console itself ends by the signal: 130 for Ctrl-C, 143 for SIGTERM"
        case .outputClosed: "the reader of standard output went away (e.g. `| head`); stopped quietly"
        }
    }
}

/// A failure of a headless command: one line saying what happened and what to do, and the exit code.
public struct CommandFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: ExitStatus
    public let message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }
}
