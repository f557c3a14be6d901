/// How much demo data the sandbox generates at start.
public enum DemoSize: String, Sendable, CaseIterable {
    /// Only the organization, the demo user and the invoice schema: no queues' annotations.
    case empty
    /// A few hundred annotations per queue; seeds in well under 300 ms (tests use it).
    case small
    /// Around 12,000 annotations: enough to page through 10,000 in benchmarks.
    case demo
    /// Around 100,000 annotations.
    case large
}

/// Everything `SandboxServer.start` needs; every field has a usable default.
public struct SandboxConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port; read the result from `SandboxServer.baseURL`.
    public var port = 0
    public var username = "demo@rossum.local"
    public var password = "demo-password"
    /// nil keeps everything in memory; a path keeps it in a SQLite file that survives restarts.
    public var databasePath: String? = nil
    public var seed: UInt64 = 1
    public var size: DemoSize = .small
    /// Seeds the demo's recent past: hook runs with their failures, failed exports, rejection
    /// notes, audit log entries and automation blockers. The extensions are installed and run
    /// either way; tests that do not read that past turn it off and start faster.
    public var seedsHistory = true
    /// Keeps the demo moving: new documents arrive and go through import.
    public var live = false
    /// How often live mode adds a document.
    public var liveInterval: Duration = .seconds(5)
    public var tokenLifetime: Duration = .seconds(162 * 3600)
    /// Time from upload to `to_review` (and task `running` -> `succeeded`); tests use milliseconds.
    public var importDelay: Duration = .seconds(2)
    /// How long a deleted queue is kept with status `deletion_requested` before it is removed.
    public var queueDeletionDelay: Duration = .seconds(60)
    /// Time a confirmed annotation stays `exporting` before its export hooks run; zero runs the
    /// export within the confirming request (tests).
    public var exportDelay: Duration = .seconds(1)
    public var faults = FaultConfiguration()
    /// How long Master Data Hub operations stay `queued` and `processing`; tests use milliseconds.
    public var dataHubTimings: DataHubTimings = .standard
    /// A connection that sends nothing for this long (between requests, or inside an unfinished
    /// request head or body) is closed. Longer than HTTP clients keep idle pooled connections
    /// (AsyncHTTPClient: 60 s), so a client closes first and never reuses a closing connection.
    public var connectionIdleTimeout: Duration = .seconds(75)
    /// The whole of a request body must arrive within this time after its head, however slowly
    /// it trickles in; otherwise the connection is closed.
    public var requestReadTimeout: Duration = .seconds(60)

    public init() {}
}
