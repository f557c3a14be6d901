import Foundation
import RossumKit

/// The MDH calls of the job, made with RossumKit.
public struct RossumKitDatasetService: DatasetService {
    public let client: RossumClient
    public var csvDelimiter: String?

    public init(client: RossumClient, csvDelimiter: String? = nil) {
        self.client = client
        self.csvDelimiter = csvDelimiter
    }

    public func upload(dataset: String, file: RecordFile, mode: DatasetWriteMode) async throws -> String {
        // The bytes already validated and hashed are the ones sent, even if the file changes meanwhile.
        let source = DatasetSource.bytes(Array(file.data), filename: file.fileName, contentType: file.format.contentType)
        var options = DatasetUploadOptions()
        if file.format == .csv, let csvDelimiter, csvDelimiter != "," { options.fieldDelimiter = csvDelimiter }
        let hub = client.masterDataHub
        switch mode {
        case .update(let idKeys, let updateOrNew):
            return try await hub.update(dataset, from: source, idKeys: idKeys, updateOrNew: updateOrNew, options: options)
        case .replace:
            return try await hub.replace(dataset, from: source, options: options)
        case .create:
            return try await hub.create(dataset, from: source, options: options)
        }
    }

    public func operation(id: String) async throws -> OperationSnapshot {
        let operation = try await client.masterDataHub.operation(id)
        let rejectedFile = operation.status.phase == .failed
            && FileRejection.isCausedByFile(error: operation.error, errorType: operation.raw["error_type"]?.stringValue)
        return OperationSnapshot(id: operation.id, status: operation.status.rawValue, detail: operation.error,
                                 progress: operation.progress, counts: operation.counts, rejectedFile: rejectedFile)
    }
}

extension RossumKitDatasetService {
    public func datasetExists(_ dataset: String) async throws -> Bool {
        try await client.masterDataHub.datasets().contains { $0.name == dataset }
    }
}

extension RossumKitDatasetService {
    /// `file_metadata` sits at the top of an MDH v1 operation and under `metadata` in v2.
    public func recentOperations(dataset: String) async throws -> [RecentOperation] {
        try await client.masterDataHub.operations().filter { $0.datasetName == dataset }.map { operation in
            let metadata = operation.raw["file_metadata"] ?? operation.raw["metadata"]?["file_metadata"]
            return RecentOperation(id: operation.id, fileName: metadata?["filename"]?.stringValue,
                                   fileSize: metadata?["file_size"]?.intValue,
                                   createdAt: LostOperationSearch.date(operation.createdAt))
        }
    }
}
