import Foundation
import GRDB

/// One run of a headless job (e.g. one `mdh upsert` of one file), across all its attempts.
public struct JournalJob: Sendable, Equatable, Codable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case running, succeeded, failed
    }

    public var id: Int64?
    /// `mdh.upsert`, `mdh.replace`, `mdh.create`, `storage.download`...
    public var kind: String
    /// The dataset or collection the job works on.
    public var dataset: String
    public var filePath: String
    /// SHA-256 of the file, so a rerun of the same content can be recognised.
    public var checksum: String
    /// Job parameters that matter for recognising a rerun (e.g. `id_keys=supplier_id`).
    public var parameters: String
    public var status: Status
    /// The process that runs (or ran) the job, to tell a crashed run from a live one.
    public var pid: Int32
    public var startedAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
    /// One line: the result or the last error.
    public var summary: String
    /// The normalised server URL and the account the job ran against; nil in rows written
    /// before the journal knew scopes (they show in no scoped listing).
    public var server: String?
    public var account: String?

    public init(id: Int64? = nil, kind: String, dataset: String, filePath: String, checksum: String,
                parameters: String, status: Status = .running, pid: Int32, startedAt: Date, updatedAt: Date? = nil,
                finishedAt: Date? = nil, summary: String = "", scope: JournalScope? = nil) {
        self.id = id
        self.kind = kind
        self.dataset = dataset
        self.filePath = filePath
        self.checksum = checksum
        self.parameters = parameters
        self.status = status
        self.pid = pid
        self.startedAt = startedAt
        self.updatedAt = updatedAt ?? startedAt
        self.finishedAt = finishedAt
        self.summary = summary
        self.server = scope?.server
        self.account = scope?.account
    }

    /// The server and account of the job, when it was recorded.
    public var scope: JournalScope? {
        guard let server, let account else { return nil }
        return JournalScope(server: server, account: account)
    }
}

/// One try of a job: one upload and the operation it started.
public struct JournalAttempt: Sendable, Equatable, Codable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// The file is being sent; no operation id yet.
        case uploading
        /// The server accepted the file; `operationID` is being watched (see `operationStatus`).
        case watching
        case finished
        case failed
        case timedOut = "timed_out"
        case uploadFailed = "upload_failed"
        /// The process died before the attempt ended and its outcome is unknown.
        case interrupted

        public var isTerminal: Bool { self != .uploading && self != .watching }
    }

    public var id: Int64?
    public var jobID: Int64
    /// 1 for the first try.
    public var number: Int
    public var operationID: String?
    public var status: Status
    /// The server's last operation status (`queued`, `processing`, `finished`...).
    public var operationStatus: String?
    public var detail: String
    public var startedAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?

    public init(id: Int64? = nil, jobID: Int64, number: Int, operationID: String? = nil, status: Status = .uploading,
                operationStatus: String? = nil, detail: String = "", startedAt: Date, updatedAt: Date? = nil,
                finishedAt: Date? = nil) {
        self.id = id
        self.jobID = jobID
        self.number = number
        self.operationID = operationID
        self.status = status
        self.operationStatus = operationStatus
        self.detail = detail
        self.startedAt = startedAt
        self.updatedAt = updatedAt ?? startedAt
        self.finishedAt = finishedAt
    }
}

/// A job with its attempts, oldest attempt first: what `rossum-tui jobs` and the console show.
public struct JournalEntry: Sendable, Equatable, Identifiable {
    public var job: JournalJob
    public var attempts: [JournalAttempt]

    public var id: Int64? { job.id }
    public var latestAttempt: JournalAttempt? { attempts.last }
}

extension JournalJob: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "job"

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, kind, dataset, filePath = "file_path", checksum, parameters, status, pid
        case startedAt = "started_at", updatedAt = "updated_at", finishedAt = "finished_at", summary, server, account
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension JournalAttempt: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "attempt"

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, jobID = "job_id", number, operationID = "operation_id", status, operationStatus = "operation_status"
        case detail, startedAt = "started_at", updatedAt = "updated_at", finishedAt = "finished_at"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension JournalJob.Status: DatabaseValueConvertible {}
extension JournalAttempt.Status: DatabaseValueConvertible {}
