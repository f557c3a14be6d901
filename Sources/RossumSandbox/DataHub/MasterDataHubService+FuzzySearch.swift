import Foundation
import GRDB

/// MDH v1's fuzzy search switch (`POST` and `DELETE fuzzy_search/{dataset}`). Fuzzy search is
/// `$search` over the dataset's `default` search index, so enabling declares that index (with
/// MDH's dynamic mappings) and disabling drops it: the same registry MDH v2 lists. Both answer
/// like dataset writes, 202 with an operation to poll; it has finished, since the sandbox
/// builds no index.
extension MasterDataHubService {
    func setFuzzySearch(enabled: Bool, datasetName: String) async -> MasterDataHubOutcome {
        do {
            let operationID = try await hub.database.write { db -> String? in
                guard let collection = try CollectionStore.find(db, name: datasetName) else { return nil }
                let name = SearchIndexes.defaultName
                if enabled {
                    try SearchIndexes.put(db, collectionID: collection.id, name: name, definition: SearchIndexes.defaultDefinition)
                } else if try !SearchIndexes.drop(db, collectionID: collection.id, name: name) {
                    throw QueryError("fuzzy search is not enabled on dataset '\(datasetName)'")
                }
                var operation = try DatasetOperation.create(
                    db, type: enabled ? .enableFuzzySearch : .disableFuzzySearch, datasetName: datasetName,
                    filename: nil, fileSize: nil, userID: callerID)
                operation.status = .finished
                operation.recordCount = try CollectionStore.recordCount(db, collectionID: collection.id)
                operation.statusChangedAt = Date()
                try operation.save(db)
                return operation.id
            }
            guard let operationID else { return .error(status: 404, message: SearchIndexService.notFound(datasetName)) }
            return .queued(operationID: operationID)
        } catch let error as QueryError {
            // Disabling what is not on: nothing to remove, as for an unknown search index.
            return .error(status: 404, message: error.message)
        } catch {
            return .error(status: 500, message: "internal error: \(error)")
        }
    }
}
