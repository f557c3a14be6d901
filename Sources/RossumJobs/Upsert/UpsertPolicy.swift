import Foundation

/// The knobs of the MDH update job, with the defaults the MDH guide recommends:
/// poll every 30 s, give an operation 30 min, retry the whole upload 3 times.
public struct UpsertPolicy: Sendable, Equatable {
    /// Extra tries after the first one: 3 means at most 4 uploads.
    public var retries: Int
    public var pollEvery: Duration
    /// How long one attempt may take, from the start of its upload to a final status.
    public var timeout: Duration
    /// Pause before uploading again, so a struggling server gets a breather.
    public var retryDelay: Duration
    /// After an upload whose answer was lost, how long to look for the operation it started
    /// before sending the file again: a request that timed out here may still reach the server.
    public var lostAnswerGrace: Duration

    public init(retries: Int = 3, pollEvery: Duration = .seconds(30), timeout: Duration = .seconds(30 * 60),
                retryDelay: Duration = .seconds(10), lostAnswerGrace: Duration = .seconds(60)) {
        self.retries = retries
        self.pollEvery = pollEvery
        self.timeout = timeout
        self.retryDelay = retryDelay
        self.lostAnswerGrace = lostAnswerGrace
    }

    public var maxAttempts: Int { retries + 1 }

    public func validated() throws -> UpsertPolicy {
        guard retries >= 0 else { throw CommandFailure(.usage, "--retries must be 0 or more") }
        guard pollEvery > .zero else { throw CommandFailure(.usage, "--poll-every must be positive") }
        guard timeout > .zero else { throw CommandFailure(.usage, "--timeout must be positive") }
        guard retryDelay >= .zero else { throw CommandFailure(.usage, "the retry delay must not be negative") }
        guard lostAnswerGrace >= .zero else { throw CommandFailure(.usage, "the lost-answer grace must not be negative") }
        return self
    }
}
