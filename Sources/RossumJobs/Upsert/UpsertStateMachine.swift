import Foundation
import RossumKit

/// The retry/timeout logic of the MDH update job as a pure state machine: events in (an upload
/// was accepted, a poll returned a status, time passed), actions out (upload, poll later, record,
/// finish). No I/O and no clock of its own, so every path is tested without a server or waiting.
public struct UpsertStateMachine: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case idle
        case uploading(attempt: Int, startedAt: Date)
        case watching(attempt: Int, operationID: String, startedAt: Date, lastStatus: String?)
        case waitingToRetry(nextAttempt: Int)
        case succeeded(attempt: Int, operationID: String)
        case failed(reason: String)
    }

    public enum Event: Sendable, Equatable {
        /// Begin a fresh job.
        case start(now: Date)
        /// A previous process was watching `operationID` (started at `startedAt`) when it died.
        case resumeWatching(attempt: Int, operationID: String, startedAt: Date, lastStatus: String?)
        /// A previous process died during attempt `attempt` before it knew an operation id.
        case resumeAfterInterruptedUpload(attempt: Int)
        case uploadAccepted(operationID: String, now: Date)
        /// `retryable` is false for errors that another try cannot fix (credentials, unknown dataset).
        case uploadFailed(reason: String, retryable: Bool, now: Date)
        case polled(status: String, detail: String?, now: Date)
        /// The operation failed because of the file (`FileRejection`): the same bytes would
        /// fail again, so the job ends without another try.
        case fileRejected(status: String, detail: String, now: Date)
        case pollFailed(reason: String, retryable: Bool, now: Date)
        /// The pause before the next upload is over.
        case retryDue(now: Date)
    }

    public enum AttemptOutcome: Sendable, Equatable {
        case finished
        case failed(detail: String)
        case timedOut
        case uploadFailed(reason: String)
        case interrupted

        public var description: String {
            switch self {
            case .finished: "finished"
            case .failed(let detail): detail.isEmpty ? "operation failed" : "operation failed: \(detail)"
            case .timedOut: "timed out"
            case .uploadFailed(let reason): "upload failed: \(reason)"
            case .interrupted: "interrupted before the upload was confirmed"
            }
        }
    }

    public enum Action: Sendable, Equatable {
        case upload(attempt: Int)
        case poll(operationID: String, after: Duration)
        case statusChanged(attempt: Int, operationID: String, status: String)
        case attemptEnded(attempt: Int, outcome: AttemptOutcome)
        case waitBeforeRetry(Duration)
        case succeed(attempt: Int, operationID: String)
        case fail(reason: String)
    }

    public let policy: UpsertPolicy
    public private(set) var state: State = .idle

    public init(policy: UpsertPolicy) {
        self.policy = policy
    }

    public var isDone: Bool {
        switch state {
        case .succeeded, .failed: true
        default: false
        }
    }

    public mutating func handle(_ event: Event) -> [Action] {
        switch (state, event) {
        case (.idle, .start(let now)):
            state = .uploading(attempt: 1, startedAt: now)
            return [.upload(attempt: 1)]

        case (.idle, .resumeWatching(let attempt, let operationID, let startedAt, let lastStatus)):
            state = .watching(attempt: attempt, operationID: operationID, startedAt: startedAt, lastStatus: lastStatus)
            return [.poll(operationID: operationID, after: .zero)]

        case (.idle, .resumeAfterInterruptedUpload(let attempt)):
            return [.attemptEnded(attempt: attempt, outcome: .interrupted)] + retryOrFail(after: attempt, reason: "attempt \(attempt) was interrupted")

        case (.uploading(let attempt, let startedAt), .uploadAccepted(let operationID, let now)):
            state = .watching(attempt: attempt, operationID: operationID, startedAt: startedAt, lastStatus: nil)
            return [.poll(operationID: operationID, after: nextPollDelay(startedAt: startedAt, now: now))]

        case (.uploading(let attempt, _), .uploadFailed(let reason, let retryable, _)):
            let ended = Action.attemptEnded(attempt: attempt, outcome: .uploadFailed(reason: reason))
            guard retryable else {
                state = .failed(reason: reason)
                return [ended, .fail(reason: reason)]
            }
            return [ended] + retryOrFail(after: attempt, reason: "upload failed: \(reason)")

        case (.watching(let attempt, let operationID, let startedAt, let lastStatus), .polled(let status, let detail, let now)):
            var actions: [Action] = []
            if status != lastStatus {
                actions.append(.statusChanged(attempt: attempt, operationID: operationID, status: status))
            }
            // RossumKit's one rule: `unknown` (the service forgot the operation) is a failure, so an
            // upsert, being idempotent, is simply tried again.
            switch OperationPhase(status: status) {
            case .succeeded:
                state = .succeeded(attempt: attempt, operationID: operationID)
                return actions + [.attemptEnded(attempt: attempt, outcome: .finished), .succeed(attempt: attempt, operationID: operationID)]
            case .failed:
                let detail = detail ?? ""
                return actions + [.attemptEnded(attempt: attempt, outcome: .failed(detail: detail))]
                    + retryOrFail(after: attempt, reason: detail.isEmpty ? "operation \(operationID) failed" : "operation \(operationID) failed: \(detail)")
            case .running:
                state = .watching(attempt: attempt, operationID: operationID, startedAt: startedAt, lastStatus: status)
                return actions + continueWatching(attempt: attempt, operationID: operationID, startedAt: startedAt, now: now)
            }

        case (.watching(let attempt, let operationID, _, let lastStatus), .fileRejected(let status, let detail, _)):
            var actions: [Action] = []
            if status != lastStatus {
                actions.append(.statusChanged(attempt: attempt, operationID: operationID, status: status))
            }
            let reason = "operation \(operationID) rejected the file: \(detail.isEmpty ? status : detail) (fix the file: another try would fail the same way)"
            state = .failed(reason: reason)
            return actions + [.attemptEnded(attempt: attempt, outcome: .failed(detail: detail)), .fail(reason: reason)]

        case (.watching(let attempt, let operationID, let startedAt, _), .pollFailed(let reason, let retryable, let now)):
            guard retryable else {
                state = .failed(reason: reason)
                return [.attemptEnded(attempt: attempt, outcome: .failed(detail: reason)), .fail(reason: reason)]
            }
            // A poll that fails says nothing about the operation: keep watching until the timeout.
            return continueWatching(attempt: attempt, operationID: operationID, startedAt: startedAt, now: now)

        case (.waitingToRetry(let next), .retryDue(let now)):
            state = .uploading(attempt: next, startedAt: now)
            return [.upload(attempt: next)]

        default:
            // An event that does not fit the state (e.g. a late poll result) changes nothing.
            return []
        }
    }

    private mutating func continueWatching(attempt: Int, operationID: String, startedAt: Date, now: Date) -> [Action] {
        if now.timeIntervalSince(startedAt) >= policy.timeout.timeInterval {
            return [.attemptEnded(attempt: attempt, outcome: .timedOut)]
                + retryOrFail(after: attempt, reason: "operation \(operationID) not done after \(policy.timeout.humanReadable)")
        }
        return [.poll(operationID: operationID, after: nextPollDelay(startedAt: startedAt, now: now))]
    }

    /// The poll interval, shortened so the poll after the deadline comes right at the deadline.
    private func nextPollDelay(startedAt: Date, now: Date) -> Duration {
        let remaining = policy.timeout.timeInterval - now.timeIntervalSince(startedAt)
        return max(.zero, min(policy.pollEvery, Duration.milliseconds(Int64((remaining * 1000).rounded(.up)))))
    }

    private mutating func retryOrFail(after attempt: Int, reason: String) -> [Action] {
        if attempt < policy.maxAttempts {
            state = .waitingToRetry(nextAttempt: attempt + 1)
            return [.waitBeforeRetry(policy.retryDelay)]
        }
        let summary = "\(reason) (attempt \(attempt) of \(policy.maxAttempts), no retries left)"
        state = .failed(reason: summary)
        return [.fail(reason: summary)]
    }
}

extension Duration {
    /// Seconds as a `TimeInterval`.
    public var timeInterval: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }

    /// `30 min`, `45 s`, `250 ms`.
    public var humanReadable: String {
        let seconds = timeInterval
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600)) h" }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) min" }
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }
}
