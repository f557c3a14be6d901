import Foundation
import GRDB

/// How long MDH operations stay in each state. The real service takes 30–60 s even for tiny
/// files; the sandbox defaults to a few seconds so the console's monitor shows the progress,
/// and tests use milliseconds.
public struct DataHubTimings: Sendable {
    /// Minimum time an operation stays `queued`.
    public var queued: Duration
    /// Time an operation stays `processing` before its change is applied.
    public var processing: Duration

    public init(queued: Duration, processing: Duration) {
        self.queued = queued
        self.processing = processing
    }

    public static let standard = DataHubTimings(queued: .seconds(1), processing: .seconds(2))
    public static let immediate = DataHubTimings(queued: .zero, processing: .zero)
}

/// Runs MDH operations in the background, one at a time per dataset, in submission order.
/// The dataset changes only at the end, in the same transaction that marks the operation finished.
actor DatasetOperationRunner {
    private let database: any DatabaseWriter
    private let timings: DataHubTimings
    private var tails: [String: Task<Void, Never>] = [:]
    private var pending: [String: Task<Void, Never>] = [:]

    init(database: any DatabaseWriter, timings: DataHubTimings) {
        self.database = database
        self.timings = timings
    }

    /// Records the operation as `queued` and schedules it; returns at once.
    func submit(_ change: DatasetChange, datasetName: String, userID: String?) async throws -> DatasetOperation {
        let upload = change.upload
        let operation = try await database.write { db in
            try DatasetOperation.create(
                db, type: change.operationType, datasetName: datasetName,
                filename: upload.map { $0.filename ?? "file" }, fileSize: upload?.bytes.count, userID: userID)
        }
        let previous = tails[datasetName]
        let database = self.database
        let timings = self.timings
        let task = Task {
            try? await Task.sleep(for: timings.queued)
            await previous?.value
            if Task.isCancelled {
                try? await Self.fail(operation, reason: Self.stoppedReason, database: database)
            } else {
                await Self.run(operation, change: change, database: database, timings: timings)
            }
            self.finished(operation.id)
        }
        tails[datasetName] = task
        pending[operation.id] = task
        return operation
    }

    private func finished(_ operationID: String) {
        pending[operationID] = nil
    }

    static let stoppedReason = "the sandbox stopped before the operation finished"

    /// Stops every waiting operation; those not yet applied end as `failed`, none is half-applied.
    func cancelAll() async {
        let running = Array(pending.values)
        for task in running { task.cancel() }
        for task in running { await task.value }
    }

    /// Waits until every submitted operation has ended (used by tests).
    func waitUntilIdle() async {
        while let task = pending.values.first {
            await task.value
        }
    }

    private static func run(
        _ queued: DatasetOperation, change: DatasetChange, database: any DatabaseWriter, timings: DataHubTimings
    ) async {
        var operation = queued
        do {
            operation.status = .processing
            operation.statusChangedAt = Date()
            try await database.write { [operation] db in try operation.save(db) }
            try? await Task.sleep(for: timings.processing)
            if Task.isCancelled {
                try await fail(operation, reason: stoppedReason, database: database)
                return
            }

            let records: [Document]
            do {
                records = try DatasetChangeApplier.readRecords(change)
            } catch {
                try await fail(operation, reason: error.description, database: database)
                return
            }
            try await database.write { [operation] db in
                let summary = try DatasetChangeApplier.apply(change, records: records, to: operation.datasetName, in: db)
                var finished = operation
                finished.status = .finished
                finished.statusChangedAt = Date()
                finished.recordsInserted = summary.inserted
                finished.recordsUpdated = summary.updated
                finished.recordsDeleted = summary.deleted
                finished.recordCount = summary.recordCount
                try finished.save(db)
            }
        } catch let error as DatasetFileError {
            try? await fail(operation, reason: error.description, database: database)
        } catch {
            try? await fail(operation, reason: "the operation could not be applied: \(error)", database: database)
        }
    }

    private static func fail(_ operation: DatasetOperation, reason: String, database: any DatabaseWriter) async throws {
        var failed = operation
        failed.status = .failed
        failed.statusChangedAt = Date()
        failed.error = reason
        try await database.write { [failed] db in try failed.save(db) }
    }
}
