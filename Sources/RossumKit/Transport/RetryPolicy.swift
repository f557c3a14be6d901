import Foundation
import NIOCore

/// Which failures the transport retries, how long to wait before the next attempt, and when to
/// stop. Pure, unit-tested. Which errors are worth another try is `RossumError.isTransient`'s
/// rule; this adds what the request allows: one that must not run twice is sent again only
/// when the server cannot have acted on it.
///
/// A request is retried for a span of time, not a number of attempts: a few unlucky answers in
/// a row (an overloaded server, a flaky proxy) must not fail a long job, while a server that
/// stays down is given up on after `budget`. The budget counts what the attempts took and the
/// waits scheduled between them, so a test that injects an instant sleep still runs out of it.
public struct RetryPolicy: Sendable {
    /// Statuses that mean "not applied": safe to retry even a request that must not run twice.
    /// 429 (throttled) and 503 (unavailable) are answered before the request is acted upon.
    public static let notAppliedStatuses: Set<Int> = [429, 503]

    /// A cap on attempts per request (the first included); nil leaves it to the budget alone.
    public var attempts: Int?
    /// How long one request keeps being retried: no attempt starts after its wait would end
    /// past this.
    public var budget: Duration
    /// The first wait in seconds; each later one doubles, up to `maxBackoff`.
    public var backoffFactor: Double
    public var maxBackoff: Duration
    /// Up to this many seconds added to each wait, so clients that failed together do not
    /// come back together.
    public var maxJitter: Double
    public var maxRetryAfter: Duration

    public init(attempts: Int? = nil, budget: Duration = .seconds(120), backoffFactor: Double, maxBackoff: Duration = .seconds(10),
                maxJitter: Double, maxRetryAfter: Duration) {
        self.attempts = attempts
        self.budget = budget
        self.backoffFactor = backoffFactor
        self.maxBackoff = maxBackoff
        self.maxJitter = maxJitter
        self.maxRetryAfter = maxRetryAfter
    }

    public func shouldRetry(status: Int, idempotent: Bool) -> Bool {
        idempotent ? RossumError.isTransient(status: status) : Self.notAppliedStatuses.contains(status)
    }

    /// A 400 with no explanation that closes the connection is the HTTP layer refusing bytes it
    /// could not parse (a connection a fault or a proxy left broken), not the API refusing the
    /// request: an idempotent request is sent again, on a new connection.
    public func shouldRetry(framingRefusal status: Int, body: ByteBuffer, closes: Bool, idempotent: Bool) -> Bool {
        idempotent && status == 400 && closes && body.readableBytes == 0
    }

    /// A request without an answer is always transient (`RossumError.isTransient`); whether it
    /// may be sent again depends on whether it can have reached the server.
    public func shouldRetry(_ failure: TransportFailure, idempotent: Bool) -> Bool {
        RossumError.isTransient(failure) && (idempotent || failure.phase == .beforeSending)
    }

    /// An answer that came but cannot be read (cut short, not the expected shape) is transient,
    /// and asking again is harmless only when the request is: a write's outcome stays unknown.
    public func shouldRetry(unreadableAnswer error: RossumError, idempotent: Bool) -> Bool {
        idempotent && error.isTransient
    }

    /// Whether attempt `attempt + 1` may start: the cap (if any) is not reached and, after
    /// `spent` so far, waiting `delay` still ends within the budget.
    public func allowsAttempt(after attempt: Int, spent: Duration, delay: Duration) -> Bool {
        if let attempts, attempt >= attempts { return false }
        return spent + delay < budget
    }

    /// Capped exponential backoff with jitter before attempt `attempt + 1` (`attempt` counts
    /// from 1): `min(backoffFactor * 2^(attempt-1), maxBackoff) + random * maxJitter` seconds.
    public func backoff(afterAttempt attempt: Int, random: Double) -> Duration {
        let exponent = Double(min(max(0, attempt - 1), 62))
        let exponential = min(backoffFactor * pow(2, exponent), maxBackoff.seconds)
        let seconds = exponential + min(max(random, 0), 1) * maxJitter
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
            return .milliseconds(Int64((min(max(0, seconds), 1e9) * 1000).rounded()))
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
