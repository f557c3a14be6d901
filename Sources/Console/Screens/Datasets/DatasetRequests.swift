import Foundation
import RossumJobs
import RossumKit

/// The organization's MDH datasets with their record counts.
public struct DatasetsRequest: DataRequest {
    public init() {}

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> [DatasetSummary] {
        let client = services.client
        return try await services.attempt {
            let datasets = try await client.masterDataHub.datasets()
            return await withTaskGroup(of: DatasetSummary.self) { group in
                for dataset in datasets {
                    group.addTask {
                        let count = try? await client.dataStorage.count(dataset.name)
                        return DatasetSummary(name: dataset.name, recordCount: count ?? Shape.recordCount(dataset.raw))
                    }
                }
                var result: [DatasetSummary] = []
                for await summary in group { result.append(summary) }
                return result.sorted { $0.name < $1.name }
            }
        }
    }
}

/// A records file checked as the upload will check it (readable, JSON or CSV, the id keys in
/// every record, within the size limit) before anything is sent, with the dataset's size now.
public struct RecordFileCheck: DataRequest {
    public var dataset: String
    public var file: String
    public var idKeys: [String]

    public struct Result: Sendable, Hashable {
        public var path: String
        public var fileRecords: Int?
        public var datasetRecords: Int?
    }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> Result {
        let path = (file as NSString).expandingTildeInPath
        let records: Int?
        do {
            records = try RecordFile.load(path: path, idKeys: idKeys).recordCount
        } catch {
            // The same check as the command line's, said in the dialog's words.
            let message = (error as? CommandFailure)?.message ?? "\(error)"
            throw ConsoleFailure(kind: .badInput, message: message.replacingOccurrences(of: "(the --id-key)", with: "(an id key)"))
        }
        let current = try? await services.client.dataStorage.count(dataset)
        return Result(path: path, fileRecords: records, datasetRecords: current)
    }
}

/// Where a download will write: its folder must exist and be writable; an existing file is
/// reported so the person can say whether to replace it.
public struct DownloadTargetCheck: DataRequest {
    public var dataset: String
    public var file: String

    public struct Result: Sendable, Hashable {
        public var path: String
        /// The size of the file already there, if one is.
        public var existingBytes: Int?
    }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> Result {
        let path = ((file as NSString).expandingTildeInPath as NSString).standardizingPath
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ConsoleFailure(kind: .badInput, message: "\(path) is a folder; name a file in it")
        }
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ConsoleFailure(kind: .badInput, message: "there is no folder \(folder)")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw ConsoleFailure(kind: .badInput, message: "cannot write in \(folder)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        return Result(path: path, existingBytes: size)
    }
}

/// Deletes a dataset; answers the MDH operation that does it.
public struct DatasetDeleteRequest: DataRequest {
    public var dataset: String

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> String {
        let client = services.client
        return try await services.attempt { try await client.masterDataHub.delete(dataset) }
    }
}
