import Foundation
import RossumKit

/// Everything a headless command needs from outside: the connection options, the environment,
/// the file locations and the output streams. The executable builds it from the process;
/// tests build it around a sandbox server and captured streams.
public struct CommandContext: Sendable {
    public var overrides: ConnectionOverrides
    public var environment: [String: String]
    public var paths: AppPaths
    public var output: OutputStreams
    /// Transport settings of the client (tests shorten timeouts and backoff).
    public var clientConfiguration: RossumClientConfiguration
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(overrides: ConnectionOverrides = ConnectionOverrides(),
                environment: [String: String] = ProcessInfo.processInfo.environment,
                paths: AppPaths? = nil, output: OutputStreams = .standard,
                clientConfiguration: RossumClientConfiguration = RossumClientConfiguration(),
                now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.overrides = overrides
        self.environment = environment
        self.paths = paths ?? AppPaths(environment: environment)
        self.output = output
        self.clientConfiguration = clientConfiguration
        self.now = now
        self.sleep = sleep
    }

    public var profileStore: ProfileStore { ProfileStore(paths: paths) }

    public func settings() throws -> ConnectionSettings {
        try ConnectionSettings.resolve(overrides: overrides, environment: environment, configuration: profileStore.load())
    }

    /// A client for the resolved connection; fails with a hint when credentials are missing.
    public func client() throws -> RossumClient {
        let settings = try settings()
        let credentials: Credentials
        switch settings.credentials {
        case .token(let token): credentials = .token(token)
        case .password(let username, let password): credentials = .credentials(username: username, password: password)
        case .usernameOnly(let username):
            throw CommandFailure(.auth, "no password for \(username): set ROSSUM_PASSWORD or run `rossum-tui login` to store a token")
        case .none:
            throw CommandFailure(.auth, "no credentials: run `rossum-tui login`, or set ROSSUM_TOKEN (or ROSSUM_USERNAME and ROSSUM_PASSWORD)")
        }
        do {
            return try RossumClient(baseURL: settings.baseURL, credentials: credentials, configuration: clientConfiguration)
        } catch {
            throw CommandFailure(.config, ErrorClassifier.classify(error).message)
        }
    }

    public func journal() throws -> Journal {
        try Journal(paths: paths)
    }

    /// The server and account jobs of this connection are journaled under.
    public func journalScope() throws -> JournalScope {
        JournalScope(settings: try settings())
    }

    /// Runs a command body, turning any failure into a one-line message on stderr and an exit
    /// status. A reader of standard output that went away is not a failure worth a message.
    public func run(_ body: () async throws -> Void) async -> ExitStatus {
        do {
            try await body()
            return .success
        } catch {
            let failure = Self.failure(from: error)
            if failure.status != .outputClosed {
                output.errorLine("rossum-tui: \(Redactor.removingURLCredentials(from: failure.message))")
            }
            return failure.status
        }
    }

    public static func failure(from error: any Error) -> CommandFailure {
        if let failure = error as? CommandFailure { return failure }
        if StandardOutputPipe.isClosedPipe(error) { return CommandFailure(.outputClosed, "standard output was closed") }
        // A local write that failed (a full disk, a file gone read-only).
        if let failed = error as? POSIXError {
            return CommandFailure(.cannotCreate, "cannot write the output: \(String(cString: strerror(failed.code.rawValue)))")
        }
        let classified = ErrorClassifier.classify(error)
        return CommandFailure(classified.status, classified.message)
    }
}
