import RossumKit

extension RossumClientConfiguration {
    /// The console's client. A person is watching: a failing request is retried for seconds,
    /// not the minutes a cron job can afford, and then the screen says so ("stale since") and
    /// its own backoff takes over.
    public static var console: RossumClientConfiguration {
        var configuration = RossumClientConfiguration()
        configuration.retryBudget = .seconds(10)
        return configuration
    }
}
