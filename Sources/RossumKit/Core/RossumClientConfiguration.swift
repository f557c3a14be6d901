import Foundation
import Logging

/// The transport knobs of the Python SDK with safe defaults, plus the hooks tests need.
public struct RossumClientConfiguration: Sendable {
    /// Per attempt, for the whole answer: connecting, sending, the status line and headers,
    /// and every byte of the body. A server that trickles or stalls its body fails the attempt
    /// here. Streamed bodies (exports, document content) may take longer as long as bytes keep
    /// coming: for them this is the longest silence allowed.
    public var timeout: Duration = .seconds(30)
    /// How long to keep trying to open a connection (a refused port fails after this).
    public var connectTimeout: Duration = .seconds(5)
    /// How long one request keeps being retried after transient failures (see `RetryPolicy`);
    /// login too. With `timeout`, this bounds how long any request can take.
    public var retryBudget: Duration = .seconds(120)
    /// An optional cap on attempts per request, the first one included (the SDK's `n_retries`);
    /// nil: as many as `retryBudget` allows.
    public var retries: Int? = nil
    /// Wait before attempt n+1 is `min(backoffFactor * 2^(n-1), maxBackoff)` seconds plus up
    /// to `maxJitter` seconds.
    public var backoffFactor: Double = 1.0
    public var maxBackoff: Duration = .seconds(10)
    public var maxJitter: Double = 1.0
    /// Longest `Retry-After` honoured; a server asking for more is waited on for this long.
    public var maxRetryAfter: Duration = .seconds(60)
    /// Requests in flight at once across every task using this client.
    public var maxInFlightRequests: Int = 4
    /// Page size of list requests (the API allows up to 100).
    public var pageSize: Int = 100
    /// Where the services (`/svc/master-data-hub`, `/svc/data-storage`) live; derived from the
    /// base URL when nil (`https://x/api/v1` -> `https://x`).
    public var servicesRoot: String? = nil
    /// Largest response body read into memory (exports and downloads stream instead).
    public var maxResponseBytes: Int = 256 * 1024 * 1024
    /// Requested lifetime of tokens obtained by logging in (`max_token_lifetime_s`); server default when nil.
    public var tokenLifetime: Duration? = nil
    /// Silent by default: a terminal UI must not get log lines on its screen. Pass a logger
    /// (writing to a file) to see logins, retries and failures; secrets are never logged.
    public var logger: Logger = Logger(label: "rossum.kit", factory: { _ in SwiftLogNoOpLogHandler() })
    public var userAgent: String = "RossumKit/1.0"

    /// How to wait between attempts and polls. Tests inject an instant or recording sleep.
    public var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    /// The current time, for `Retry-After` given as an HTTP date.
    public var now: @Sendable () -> Date = { Date() }
    /// A number in 0..<1 for the jitter.
    public var random: @Sendable () -> Double = { Double.random(in: 0..<1) }

    public init() {}

    public init(timeout: Duration = .seconds(30), retries: Int? = nil, backoffFactor: Double = 1.0,
                maxJitter: Double = 1.0, maxInFlightRequests: Int = 4) {
        self.timeout = timeout
        self.retries = retries
        self.backoffFactor = backoffFactor
        self.maxJitter = maxJitter
        self.maxInFlightRequests = maxInFlightRequests
    }

    func validated() throws -> RossumClientConfiguration {
        if let retries, retries < 1 { throw RossumError.configuration("retries must be at least 1 (it counts every attempt)") }
        guard retryBudget >= .zero, maxBackoff >= .zero else { throw RossumError.configuration("retryBudget and maxBackoff must not be negative") }
        guard maxInFlightRequests >= 1 else { throw RossumError.configuration("maxInFlightRequests must be at least 1") }
        guard timeout > .zero, connectTimeout > .zero else { throw RossumError.configuration("timeout and connectTimeout must be positive") }
        guard (1...1000).contains(pageSize) else { throw RossumError.configuration("pageSize must be within 1...1000") }
        guard backoffFactor >= 0, maxJitter >= 0 else { throw RossumError.configuration("backoffFactor and maxJitter must not be negative") }
        return self
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
