import Foundation
import RossumKit

/// How long one request may take (its whole answer) and how long a failing one keeps being
/// retried: from the command line (`--request-timeout`, `--retry-budget`), else the environment
/// (`ROSSUM_REQUEST_TIMEOUT`, `ROSSUM_RETRY_BUDGET`), else the client's defaults (30 s, 2 min).
/// Together they bound every request, so a cron job never hangs on a server that stalls.
public struct RequestLimits: Sendable, Equatable {
    public var timeout: Duration?
    public var retryBudget: Duration?

    public init(timeout: Duration? = nil, retryBudget: Duration? = nil) {
        self.timeout = timeout
        self.retryBudget = retryBudget
    }

    /// The flags' values, or the environment's where a flag is not given.
    public static func resolve(timeout: Duration?, retryBudget: Duration?, environment: [String: String]) throws -> RequestLimits {
        func fromEnvironment(_ name: String) throws -> Duration? {
            guard let text = environment[name].nonEmpty else { return nil }
            guard let duration = DurationText.parse(text) else {
                throw CommandFailure(.config, "\(name)=\(text) is not a duration (e.g. 30s, 500ms, 2m)")
            }
            return duration
        }
        let limits = RequestLimits(timeout: try timeout ?? fromEnvironment("ROSSUM_REQUEST_TIMEOUT"),
                                   retryBudget: try retryBudget ?? fromEnvironment("ROSSUM_RETRY_BUDGET"))
        if let timeout = limits.timeout, timeout <= .zero {
            throw CommandFailure(.usage, "the request timeout must be longer than 0")
        }
        return limits
    }

    /// `configuration` with these limits where they are set.
    public func applied(to configuration: RossumClientConfiguration) -> RossumClientConfiguration {
        var configuration = configuration
        if let timeout { configuration.timeout = timeout }
        if let retryBudget { configuration.retryBudget = retryBudget }
        return configuration
    }
}
