import GRDB
import Logging

/// What every route group gets: the database, the token check, the configuration and the
/// background work scheduler. Route groups (including the `/svc/...` services) receive this.
public struct SandboxServices: Sendable {
    public let database: any DatabaseWriter
    public let auth: AuthService
    public let configuration: SandboxConfiguration
    public let logger: Logger
    /// Master Data Hub datasets and Data Storage collections (the same data).
    public let dataHub: DataHub
    let faults: FaultInjector
    let background: BackgroundWork
}
