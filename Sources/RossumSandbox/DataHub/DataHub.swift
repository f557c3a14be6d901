import GRDB

/// The Master Data Hub and Data Storage of the sandbox: one store of collections (datasets)
/// and the background runner of MDH operations. Both HTTP services are views of it.
public final class DataHub: Sendable {
    public let database: any DatabaseWriter
    public let timings: DataHubTimings
    let runner: DatasetOperationRunner

    /// `database` must have the migrations of `DataHubSchema` applied.
    public init(database: any DatabaseWriter, timings: DataHubTimings = .standard) {
        self.database = database
        self.timings = timings
        self.runner = DatasetOperationRunner(database: database, timings: timings)
    }

    /// Queues an MDH operation; it progresses in the background. `userID` is whose request
    /// started it; nil for the sandbox's own work.
    func submit(_ change: DatasetChange, datasetName: String, userID: String? = nil) async throws -> DatasetOperation {
        try await runner.submit(change, datasetName: datasetName, userID: userID)
    }

    /// Ends background operations at shutdown: unfinished ones fail without touching data.
    public func shutdown() async {
        await runner.cancelAll()
    }

    /// Waits until every queued or processing operation has ended.
    public func waitUntilIdle() async {
        await runner.waitUntilIdle()
    }

    public func operation(id: String) async throws -> DatasetOperation? {
        try await database.read { db in try DatasetOperation.fetch(db, id: id) }
    }
}
