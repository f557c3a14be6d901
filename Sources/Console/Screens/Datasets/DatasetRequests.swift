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

/// What a replace would do: the file's records, checked as the upload would check them, and
/// the records the dataset holds now.
public struct ReplacePreviewRequest: DataRequest {
    public var dataset: String
    public var file: String

    public struct Preview: Sendable, Hashable {
        public var path: String
        public var fileRecords: Int?
        public var datasetRecords: Int?
    }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> Preview {
        let path = (file as NSString).expandingTildeInPath
        let records: Int?
        do {
            records = try RecordFile.load(path: path).recordCount
        } catch {
            throw ConsoleFailure(kind: .badInput, message: "\(file): \(error)")
        }
        let current = try? await services.client.dataStorage.count(dataset)
        return Preview(path: path, fileRecords: records, datasetRecords: current)
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
