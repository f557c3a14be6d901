import Foundation
import RossumKit

/// Receives a job's progress. Called on the job's task, in order; it must return quickly
/// (post the event somewhere, print a line) and never throw.
public typealias JobEventSink = @Sendable (JobEvent) -> Void

/// What a running job reports, so the command line (text) and the console (the monitor) show
/// the same truth from the same engine. A job ends with exactly one `finished` or `failed`,
/// never both; `failed` may come without `started` when the job could not begin (an invalid
/// file, an unknown dataset, no connection).
public enum JobEvent: Sendable, Equatable {
    /// The job is under way: which job, on what, with what.
    case started(JobStart)
    /// This run continues a job a previous process left unfinished (see `JobResumption`).
    case resumed(JobResumption)
    /// Attempt `attempt` (1-based, of `JobStart.maxAttempts`) is sending the file.
    case uploading(attempt: Int)
    /// The server accepted the upload of `attempt` as operation `operationID`.
    case submitted(attempt: Int, operationID: String)
    /// A look at the operation that found something new: another status, progress or counts.
    case operation(OperationReport)
    /// The operation could not be read; when `stillWatching`, the job keeps polling.
    case pollFailed(operationID: String, reason: String, stillWatching: Bool)
    /// Attempt `attempt` ended without success (upload refused, operation failed or too slow).
    /// A `retrying` or the final `failed` follows.
    case attemptFailed(attempt: Int, reason: String)
    /// The whole upload is tried again as attempt `attempt`, after `after`.
    case retrying(attempt: Int, reason: String, after: Duration)
    /// A download wrote `records` records so far; `total` is what the server counted, when known.
    case downloaded(records: Int, total: Int?)
    /// The job succeeded.
    case finished(JobSummary)
    /// The job ended without success; `JobFailure.exitStatus` is the command line's exit code.
    case failed(JobFailure)
}

/// The first thing a job says about itself.
public struct JobStart: Sendable, Equatable {
    /// `mdh.upsert`, `mdh.replace`, `mdh.create`, `storage.download`.
    public var kind: String
    /// The journal's job id (downloads are not journaled: nil).
    public var jobID: Int64?
    /// The dataset or collection.
    public var dataset: String
    /// The file sent or written.
    public var file: String
    /// Records in the file to send, when they could be counted (not for XLSX, not for downloads).
    public var fileRecords: Int?
    /// `json`, `csv`, `xlsx`, `ndjson`.
    public var format: String
    /// Uploads the job may make (1 + retries); page tries for a download.
    public var maxAttempts: Int

    public init(kind: String, jobID: Int64?, dataset: String, file: String, fileRecords: Int?, format: String, maxAttempts: Int) {
        self.kind = kind
        self.jobID = jobID
        self.dataset = dataset
        self.file = file
        self.fileRecords = fileRecords
        self.format = format
        self.maxAttempts = maxAttempts
    }

    public var fileName: String { (file as NSString).lastPathComponent }
}

/// How a run picks up what a killed run left.
public enum JobResumption: Sendable, Equatable {
    /// The journaled job had made no upload yet: it starts with attempt 1.
    case notUploadedYet(jobID: Int64)
    /// The operation of `attempt` is watched instead of uploading again.
    case watching(jobID: Int64, attempt: Int, operationID: String, lastStatus: String?)
    /// The operation had already finished: nothing is sent; `finished` follows.
    case alreadyFinished(jobID: Int64, operationID: String)
    /// `attempt` died before its upload was confirmed: it counts as a try.
    case interruptedUpload(jobID: Int64, attempt: Int)
    /// A download continues after the `records` already in the partial file at `path`.
    case partialDownload(records: Int, path: String)
}

/// One look at an MDH operation, as the server reported it.
public struct OperationReport: Sendable, Equatable {
    public var attempt: Int
    public var operationID: String
    /// As the server spelt it.
    public var status: String
    /// RossumKit's rule applied to `status`.
    public var phase: OperationPhase
    /// 0...1 when the server reports progress.
    public var progress: Double?
    public var counts: OperationCounts
    /// The server's error or message.
    public var detail: String?

    public init(attempt: Int, operationID: String, status: String, progress: Double? = nil,
                counts: OperationCounts = OperationCounts(), detail: String? = nil) {
        self.attempt = attempt
        self.operationID = operationID
        self.status = status
        self.phase = OperationPhase(status: status)
        self.progress = progress
        self.counts = counts
        self.detail = detail
    }
}

/// What a successful job did.
public struct JobSummary: Sendable, Equatable {
    public var jobID: Int64?
    public var operationID: String?
    /// The attempt that succeeded.
    public var attempt: Int
    /// True when this run finished a job a killed run had started.
    public var resumed: Bool
    /// Records downloaded, or records in the file that was sent (when counted).
    public var records: Int?
    /// What the MDH operation reported: inserted, updated, deleted, records in the dataset.
    public var counts: OperationCounts
    /// A download's check: the server's count at the end (nil when it could not be read).
    public var serverCount: Int?
    /// Failed page requests of a download that were tried again.
    public var retries: Int
    /// One line saying what was done, as the command line prints it.
    public var text: String

    public init(jobID: Int64? = nil, operationID: String? = nil, attempt: Int = 1, resumed: Bool = false, records: Int? = nil,
                counts: OperationCounts = OperationCounts(), serverCount: Int? = nil, retries: Int = 0, text: String) {
        self.jobID = jobID
        self.operationID = operationID
        self.attempt = attempt
        self.resumed = resumed
        self.records = records
        self.counts = counts
        self.serverCount = serverCount
        self.retries = retries
        self.text = text
    }
}

/// Why a job ended without success.
public struct JobFailure: Sendable, Equatable {
    public var reason: String
    public var exitStatus: ExitStatus
    /// An interrupted NDJSON download keeps its partial file for `--resume`.
    public var partialPath: String?
    public var keptRecords: Int?

    public init(reason: String, exitStatus: ExitStatus, partialPath: String? = nil, keptRecords: Int? = nil) {
        self.reason = reason
        self.exitStatus = exitStatus
        self.partialPath = partialPath
        self.keptRecords = keptRecords
    }
}
