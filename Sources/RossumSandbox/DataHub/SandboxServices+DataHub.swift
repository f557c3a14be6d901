import GRDB
import Logging

extension SandboxServices {
    /// The services with a Data Hub of their own over the same database, its timings from the
    /// configuration: callers that predate the Data Hub keep building services as before.
    init(
        database: any DatabaseWriter, auth: AuthService, configuration: SandboxConfiguration, logger: Logger,
        faults: FaultInjector, background: BackgroundWork
    ) {
        self.init(
            database: database, auth: auth, configuration: configuration, logger: logger,
            dataHub: DataHub(database: database, timings: configuration.dataHubTimings), faults: faults, background: background)
    }
}
