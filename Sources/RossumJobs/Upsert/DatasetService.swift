import Foundation
import RossumKit

/// How an MDH write treats the dataset.
public enum DatasetWriteMode: Sendable, Equatable {
    /// `PATCH`: upsert by `idKeys`; records not in the file stay.
    case update(idKeys: [String], updateOrNew: Bool)
    /// `PUT`: the dataset becomes the file.
    case replace
    /// `POST`: a new dataset; fails if it exists.
    case create

    /// The journal's job kind.
    public var jobKind: String {
        switch self {
        case .update: "mdh.upsert"
        case .replace: "mdh.replace"
        case .create: "mdh.create"
        }
    }

    /// What must match for a rerun to resume a journaled job.
    public var journalParameters: String {
        switch self {
        case .update(let idKeys, let updateOrNew): "id_keys=\(idKeys.joined(separator: ",")) update_or_new=\(updateOrNew)"
        case .replace, .create: ""
        }
    }
}

/// One look at an MDH operation.
public struct OperationSnapshot: Sendable, Equatable {
    public var id: String
    public var status: String
    /// The server's error or message, when it gives one.
    public var detail: String?
    /// 0...1 when the server reports progress.
    public var progress: Double?
    /// Inserted, updated, deleted and resulting record counts, as far as reported.
    public var counts: OperationCounts
    /// The operation failed because of the file (see `FileRejection`): another try cannot help.
    public var rejectedFile: Bool

    public init(id: String, status: String, detail: String? = nil, progress: Double? = nil, counts: OperationCounts = OperationCounts(),
                rejectedFile: Bool = false) {
        self.id = id
        self.status = status
        self.detail = detail
        self.progress = progress
        self.counts = counts
        self.rejectedFile = rejectedFile
    }
}

/// The two MDH calls the job needs. `RossumKitDatasetService` is the real one.
public protocol DatasetService: Sendable {
    /// Sends the file; returns the operation id from the `Location` header.
    func upload(dataset: String, file: RecordFile, mode: DatasetWriteMode) async throws -> String
    func operation(id: String) async throws -> OperationSnapshot
    /// Whether the dataset exists. Also the job's first contact with the server, so wrong
    /// credentials or an unreachable server fail the job at once instead of after every retry.
    func datasetExists(_ dataset: String) async throws -> Bool
    /// The dataset's recent operations, to find one whose start answer was lost
    /// (`LostOperationSearch`).
    func recentOperations(dataset: String) async throws -> [RecentOperation]
}

extension DatasetService {
    /// A service that cannot list operations finds none, and the job sends the file again, as before.
    public func recentOperations(dataset: String) async throws -> [RecentOperation] { [] }
}

/// An error reduced to what the job needs: the exit code, whether trying again may help, one line.
public struct ClassifiedError: Sendable, Equatable {
    public var status: ExitStatus
    public var retryable: Bool
    public var message: String

    public init(status: ExitStatus, retryable: Bool, message: String) {
        self.status = status
        self.retryable = retryable
        self.message = message
    }
}
