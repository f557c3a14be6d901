import Foundation

/// Which failures the transport retries, and how long to wait before the next attempt. Pure,
/// unit-tested. Which errors are worth another try is `RossumError.isTransient`'s rule; this
/// adds what the request allows: one that must not run twice is sent again only when the
/// server cannot have acted on it.
public struct RetryPolicy: Sendable {
    /// Statuses that mean "not applied": safe to retry even a request that must not run twice.
    /// 429 (throttled) and 503 (unavailable) are answered before the request is acted upon.
    public static let notAppliedStatuses: Set<Int> = [429, 503]

    public var attempts: Int
    public var backoffFactor: Double
    public var maxJitter: Double
    public var maxRetryAfter: Duration

    public init(attempts: Int, backoffFactor: Double, maxJitter: Double, maxRetryAfter: Duration) {
        self.attempts = attempts
        self.backoffFactor = backoffFactor
        self.maxJitter = maxJitter
        self.maxRetryAfter = maxRetryAfter
    }

    public func shouldRetry(status: Int, idempotent: Bool) -> Bool {
        idempotent ? RossumError.isTransient(status: status) : Self.notAppliedStatuses.contains(status)
    }

    /// A request without an answer is always transient (`RossumError.isTransient`); whether it
    /// may be sent again depends on whether it can have reached the server.
    public func shouldRetry(_ failure: TransportFailure, idempotent: Bool) -> Bool {
        RossumError.isTransient(failure) && (idempotent || failure.phase == .beforeSending)
    }

    /// Exponential backoff with jitter before attempt `attempt + 1` (`attempt` counts from 1):
    /// `backoffFactor * 2^(attempt-1) + random * maxJitter` seconds.
    public func backoff(afterAttempt attempt: Int, random: Double) -> Duration {
        let exponent = Double(max(0, attempt - 1))
        let seconds = backoffFactor * pow(2, exponent) + min(max(random, 0), 1) * maxJitter
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// The wait before the next attempt: the server's `Retry-After` (capped) when it sent one,
    /// otherwise the backoff.
    public func delay(afterAttempt attempt: Int, retryAfter: String?, now: Date, random: Double) -> Duration {
        if let retryAfter, let asked = Self.parseRetryAfter(retryAfter, now: now) {
            return min(asked, maxRetryAfter)
        }
        return backoff(afterAttempt: attempt, random: random)
    }

    /// `Retry-After` as delta-seconds (`120`) or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`).
    /// A date in the past means "now"; anything unreadable is ignored (nil).
    public static func parseRetryAfter(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds.isFinite {
            return .milliseconds(Int64((max(0, seconds) * 1000).rounded()))
        }
        for format in httpDateFormats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                let seconds = max(0, date.timeIntervalSince(now))
                return .milliseconds(Int64((seconds * 1000).rounded()))
            }
        }
        return nil
    }

    /// IMF-fixdate, then the obsolete RFC 850 and asctime forms HTTP still allows.
    private static let httpDateFormats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]
}

/// A request that got no HTTP answer.
public struct TransportFailure: Error, Sendable {
    public enum Phase: Sendable, Equatable {
        /// The connection was never established, so nothing was sent: safe to retry anything.
        case beforeSending
        /// The request may have reached the server.
        case unknown
    }

    public var phase: Phase
    public var isTimeout: Bool
    public var reason: String

    public init(phase: Phase, isTimeout: Bool, reason: String) {
        self.phase = phase
        self.isTimeout = isTimeout
        self.reason = reason
    }
}
