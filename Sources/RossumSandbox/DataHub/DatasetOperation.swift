import Foundation
import GRDB

/// The life of an MDH operation: `queued` -> `processing` -> `finished` or `failed`.
public enum DatasetOperationStatus: String, Sendable, CaseIterable {
    case queued, processing, finished, failed

    /// The form Data Storage's `operation_status` uses.
    var storageStatus: String {
        switch self {
        case .queued: return "CREATED"
        case .processing: return "RUNNING"
        case .finished: return "FINISHED"
        case .failed: return "FAILED"
        }
    }

    var isTerminal: Bool { self == .finished || self == .failed }
}

/// What an operation does to its dataset.
public enum DatasetOperationType: String, Sendable {
    case create, replace, update, delete
    /// Data Storage's asynchronous `collections/drop`.
    case drop
    /// Data Storage's `data/aggregate_async` and `data/bulk_write`.
    case aggregate
    case bulkWrite = "bulk_write"
    /// Data Storage's `indexes/create` and `indexes/drop`.
    case createIndex = "create_index"
    case dropIndex = "drop_index"
    /// Data Storage's older `search_indexes/create` and `search_indexes/drop`.
    case createSearchIndex = "create_search_index"
    case dropSearchIndex = "drop_search_index"
    /// MDH v1's `fuzzy_search/{dataset}` switch.
    case enableFuzzySearch = "enable_fuzzy_search"
    case disableFuzzySearch = "disable_fuzzy_search"
}

/// One MDH (or asynchronous Data Storage) operation as stored and as served.
public struct DatasetOperation: Sendable {
    public let id: String
    public let sequence: Int64
    public let type: DatasetOperationType
    public let datasetName: String
    public var status: DatasetOperationStatus
    public let createdAt: Date
    public var statusChangedAt: Date
    public let filename: String?
    public let fileSize: Int?
    public var error: String?
    public var recordsInserted = 0
    public var recordsUpdated = 0
    public var recordsDeleted = 0
    /// Records in the dataset after the operation finished.
    public var recordCount: Int?
    /// The user whose request started it (Data Storage's `user_id`); nil for the sandbox's own work.
    public let userID: String?

    static func fetch(_ db: Database, id: String) throws -> DatasetOperation? {
        try Row.fetchOne(db, sql: "SELECT * FROM datahub_operation WHERE id = ?", arguments: [id]).map(Self.init(row:))
    }

    /// MDH operations (not Data Storage's drops), newest first.
    static func fetchAll(_ db: Database, datasetName: String? = nil, limit: Int = 1000) throws -> [DatasetOperation] {
        if let datasetName {
            return try Row.fetchAll(
                db, sql: "SELECT * FROM datahub_operation WHERE service = 'mdh' AND dataset_name = ? ORDER BY sequence DESC LIMIT ?",
                arguments: [datasetName, limit]).map(Self.init(row:))
        }
        return try Row.fetchAll(
            db, sql: "SELECT * FROM datahub_operation WHERE service = 'mdh' ORDER BY sequence DESC LIMIT ?", arguments: [limit]
        ).map(Self.init(row:))
    }

    init(row: Row) {
        id = row["id"]
        sequence = row["sequence"]
        type = DatasetOperationType(rawValue: row["operation_type"]) ?? .update
        datasetName = row["dataset_name"]
        status = DatasetOperationStatus(rawValue: row["status"]) ?? .failed
        createdAt = Date(timeIntervalSince1970: row["create_ts"])
        statusChangedAt = Date(timeIntervalSince1970: row["status_ts"])
        filename = row["filename"]
        fileSize = row["file_size"]
        error = row["error"]
        recordsInserted = row["records_inserted"]
        recordsUpdated = row["records_updated"]
        recordsDeleted = row["records_deleted"]
        recordCount = row["record_count"]
        userID = row["user_id"]
    }

    /// Inserts a new `queued` operation.
    static func create(
        _ db: Database, type: DatasetOperationType, datasetName: String, filename: String?, fileSize: Int?,
        service: String = "mdh", userID: String?, now: Date = Date()
    ) throws -> DatasetOperation {
        let sequence = (try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM datahub_operation") ?? 0) + 1
        let id = Self.makeIdentifier(sequence: sequence, now: now)
        try db.execute(sql: """
            INSERT INTO datahub_operation (id, sequence, service, operation_type, dataset_name, status, create_ts, status_ts, filename, file_size, user_id)
            VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)
            """, arguments: [id, sequence, service, type.rawValue, datasetName, now.timeIntervalSince1970,
                             now.timeIntervalSince1970, filename, fileSize, userID])
        return try fetch(db, id: id)!
    }

    /// Saves status, error and summary.
    func save(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE datahub_operation SET status = ?, status_ts = ?, error = ?, records_inserted = ?, records_updated = ?,
                records_deleted = ?, record_count = ? WHERE id = ?
            """, arguments: [status.rawValue, statusChangedAt.timeIntervalSince1970, error, recordsInserted, recordsUpdated,
                             recordsDeleted, recordCount, id])
    }

    /// 24 hex digits like an ObjectId: creation second, then the sequence number.
    private static func makeIdentifier(sequence: Int64, now: Date) -> String {
        let seconds = String(UInt32(truncatingIfNeeded: Int64(now.timeIntervalSince1970)), radix: 16)
        let counter = String(UInt64(sequence), radix: 16)
        return String(repeating: "0", count: 8 - seconds.count) + seconds
            + String(repeating: "0", count: 16 - counter.count) + counter
    }
}

// MARK: - JSON forms

extension DatasetOperation {
    /// The MDH `operation/{id}` object.
    var mdhJSON: DocumentValue {
        var fileMetadata = Document()
        fileMetadata["filename"] = filename.map(DocumentValue.string) ?? .null
        fileMetadata["file_size"] = fileSize.map { .int(Int64($0)) } ?? .null
        return .object(Document([
            ("operation_id", .string(id)),
            ("operation_type", .string(type.rawValue)),
            ("dataset_name", .string(datasetName)),
            ("status", .string(status.rawValue)),
            ("status_ts", .string(Self.timestamp(statusChangedAt))),
            ("create_ts", .string(Self.timestamp(createdAt))),
            ("file_metadata", .object(fileMetadata)),
            ("error", error.map(DocumentValue.string) ?? .null),
            ("summary", .object(Document([
                ("records_inserted", .int(Int64(recordsInserted))),
                ("records_updated", .int(Int64(recordsUpdated))),
                ("records_deleted", .int(Int64(recordsDeleted))),
                ("record_count", recordCount.map { .int(Int64($0)) } ?? .null),
            ]))),
        ]))
    }

    /// An item of the v2 operation list (`{"operations": [...]}`), as the MDH web tools read it.
    var mdhV2JSON: DocumentValue {
        var fileMetadata = Document()
        fileMetadata["filename"] = filename.map(DocumentValue.string) ?? .null
        fileMetadata["file_size"] = fileSize.map { .int(Int64($0)) } ?? .null
        let started: DocumentValue = status == .queued ? .null : .string(Self.timestamp(statusChangedAt))
        return .object(Document([
            ("_id", .string(id)),
            ("status", .string(status.storageStatus)),
            ("type", .string(type.rawValue)),
            ("dataset_name", .string(datasetName)),
            ("message", error.map(DocumentValue.string) ?? .null),
            ("error_type", error == nil ? .null : .string("file_error")),
            ("created", .string(Self.timestamp(createdAt))),
            ("started", started),
            ("updated", .string(Self.timestamp(statusChangedAt))),
            ("metadata", .object(Document([
                ("file_metadata", .object(fileMetadata)),
                ("operation_summary", .object(Document([
                    ("record_count", recordCount.map { .int(Int64($0)) } ?? .null),
                    ("records_inserted", .int(Int64(recordsInserted))),
                    ("records_updated", .int(Int64(recordsUpdated))),
                    ("records_deleted", .int(Int64(recordsDeleted))),
                ]))),
            ]))),
        ]))
    }

    /// The Data Storage `operation_status/{id}` result.
    var storageJSON: DocumentValue {
        var document = Document([
            ("_id", .string(id)),
            ("user_id", userID.map(DocumentValue.string) ?? .null),
            ("status", .string(status.storageStatus)),
            ("operation", .string(type.rawValue)),
            ("collection_name", .string(datasetName)),
            ("last_updated", .string(Self.timestamp(statusChangedAt))),
        ])
        if let error { document["error_message"] = .string(error) }
        return .object(document)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
