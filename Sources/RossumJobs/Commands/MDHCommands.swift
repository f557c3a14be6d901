import Foundation
import RossumKit

/// The `mdh` commands, as library functions (the executable only parses arguments).
public enum MDHCommands {
    /// Options shared by `mdh upsert`, `mdh replace` and `mdh create`.
    public struct WriteOptions: Sendable {
        public var dataset: String
        public var file: String
        public var mode: DatasetWriteMode
        public var policy: UpsertPolicy
        public var onFailure: String?
        public var csvDelimiter: Character

        public init(dataset: String, file: String, mode: DatasetWriteMode, policy: UpsertPolicy = UpsertPolicy(),
                    onFailure: String? = nil, csvDelimiter: Character = ",") {
            self.dataset = dataset
            self.file = file
            self.mode = mode
            self.policy = policy
            self.onFailure = onFailure
            self.csvDelimiter = csvDelimiter
        }
    }

    /// `mdh upsert|replace|create`: the journaled job with retries, timeout, alert and resume.
    @discardableResult
    public static func write(_ options: WriteOptions, context: CommandContext) async throws -> UpsertJob.Outcome {
        let alert = FailureAlert(command: options.onFailure)
        let journal: Journal
        let client: RossumClient
        let scope: JournalScope
        do {
            journal = try context.journal()
            client = try context.client()
            scope = try context.journalScope()
        } catch {
            // Even a job that cannot start must alert: cron has nobody watching its output.
            let failure = CommandContext.failure(from: error)
            await alert.raise(FailureReport(kind: options.mode.jobKind, dataset: options.dataset, file: options.file, checksum: "",
                                            jobID: nil, attempts: 0, operationIDs: [], error: failure.message,
                                            exitCode: failure.status.rawValue, startedAt: context.now(), failedAt: context.now()),
                              output: context.output)
            throw failure
        }
        let delimiter = String(options.csvDelimiter)
        let job = UpsertJob(service: RossumKitDatasetService(client: client, csvDelimiter: delimiter), journal: journal, scope: scope,
                            policy: options.policy, alert: alert, output: context.output, now: context.now, sleep: context.sleep)
        return try await job.run(UpsertJob.Request(dataset: options.dataset, filePath: options.file, mode: options.mode,
                                                   csvDelimiter: options.csvDelimiter))
    }

    /// `mdh datasets`
    public static func datasets(json: Bool, context: CommandContext) async throws {
        let datasets = try await context.client().masterDataHub.datasets()
        if json {
            for dataset in datasets {
                var object = (dataset.raw.foundationObject as? [String: Any]) ?? [:]
                object["name"] = dataset.name
                context.output.line(JSONLines.line(object))
            }
            return
        }
        let countKeys = ["record_count", "records", "count", "size", "document_count"]
        let rows = datasets.sorted { $0.name < $1.name }.map { dataset -> [String] in
            let count = countKeys.lazy.compactMap { dataset.raw[$0]?.cellText }.first ?? ""
            let updated = ["update_ts", "updated_at", "last_modified", "modified_at", "create_ts", "created_at"].lazy.compactMap { dataset.raw[$0]?.cellText }.first ?? ""
            return [dataset.name, count, updated]
        }
        context.output.writeOut(TableFormatter.render(header: ["NAME", "RECORDS", "UPDATED"], rows: rows))
    }

    /// `mdh delete`: asks first unless `yes`; without a terminal and without `yes` it refuses.
    public static func delete(dataset: String, yes: Bool, wait: Bool, policy: UpsertPolicy, context: CommandContext) async throws {
        if !yes {
            guard context.output.inIsTerminal else {
                throw CommandFailure(.usage, "refusing to delete dataset \(dataset) without confirmation: pass --yes in scripts")
            }
            context.output.writeErr("Delete dataset \(dataset) and all its records? Type its name to confirm: ")
            guard context.output.readLine()?.trimmingCharacters(in: .whitespaces) == dataset else {
                throw CommandFailure(.usage, "not confirmed: dataset \(dataset) was not deleted")
            }
        }
        let hub = try context.client().masterDataHub
        let operationID = try await hub.delete(dataset)
        context.output.line("\(Timestamp.string(context.now())) deleting dataset \(dataset): operation \(operationID)")
        if wait {
            try await watch(operationID: operationID, pollEvery: policy.pollEvery, timeout: policy.timeout, json: false, context: context)
        }
    }

    /// `mdh operation ID [--watch]`
    public static func operation(id: String, watch: Bool, pollEvery: Duration, timeout: Duration, json: Bool, context: CommandContext) async throws {
        if watch {
            try await self.watch(operationID: id, pollEvery: pollEvery, timeout: timeout, json: json, context: context)
            return
        }
        let operation = try await context.client().masterDataHub.operation(id)
        if json {
            context.output.line(JSONLines.line(operationObject(operation)))
        } else {
            context.output.writeOut(TableFormatter.render(header: operationHeader, rows: [operationRow(operation)]))
        }
    }

    /// `mdh operations`
    public static func operations(json: Bool, limit: Int, context: CommandContext) async throws {
        let operations = try await context.client().masterDataHub.operations()
        let newest = operations.sorted { ($0.createdAt ?? "") > ($1.createdAt ?? "") }.prefix(limit)
        if json {
            for operation in newest { context.output.line(JSONLines.line(operationObject(operation))) }
        } else {
            context.output.writeOut(TableFormatter.render(header: operationHeader, rows: newest.map(operationRow)))
        }
    }

    /// Prints each status change with a timestamp until the operation ends; a failed operation fails the command.
    static func watch(operationID: String, pollEvery: Duration, timeout: Duration, json: Bool, context: CommandContext) async throws {
        let hub = try context.client().masterDataHub
        var last: DatasetOperation?
        for try await operation in hub.waitForOperation(operationID, pollEvery: pollEvery, timeout: timeout) {
            last = operation
            if json {
                context.output.line(JSONLines.line(operationObject(operation)))
            } else {
                let error = operation.error.map { ": \($0)" } ?? ""
                context.output.line("\(Timestamp.string(context.now())) operation \(operationID) is \(operation.status.rawValue)\(error)")
            }
        }
        if let last, !last.status.isSuccess {
            throw CommandFailure(.jobFailed, "operation \(operationID) ended \(last.status.rawValue)\(last.error.map { ": \($0)" } ?? "")")
        }
    }

    static let operationHeader = ["ID", "DATASET", "TYPE", "STATUS", "CREATED", "ERROR"]

    static func operationRow(_ operation: DatasetOperation) -> [String] {
        [operation.id, operation.datasetName ?? "", operation.operationType ?? "", operation.status.rawValue,
         operation.createdAt ?? "", operation.error ?? ""]
    }

    static func operationObject(_ operation: DatasetOperation) -> [String: Any] {
        var object: [String: Any] = ["id": operation.id, "status": operation.status.rawValue]
        if let value = operation.datasetName { object["dataset"] = value }
        if let value = operation.operationType { object["type"] = value }
        if let value = operation.createdAt { object["created_at"] = value }
        if let value = operation.statusChangedAt { object["status_changed_at"] = value }
        if let value = operation.error { object["error"] = value }
        return object
    }
}
