import GRDB

/// Data Storage's older `search_indexes/list`, `create` and `drop`. The service now hands them to
/// MDH, so they read and write the same registry as MDH v2's `datasets/{name}/search_indexes`
/// and refuse an unknown dataset the way MDH does. Create and drop still answer like Data
/// Storage: 202 with an operation to poll, already finished since the sandbox builds nothing.
extension DataStorageService {
    /// `{collectionName}` → the dataset's indexes in the older item shape (`latest_definition`).
    func listSearchIndexes(_ request: Document) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let indexes = try await hub.database.read { db in
            try SearchIndexes.compatibleList(db, collectionID: try Self.datasetID(db, name))
        }
        return .ok(.array(indexes.map(DocumentValue.object)))
    }

    /// `{collectionName, indexName, mappings, analyzer?, searchAnalyzer?, analyzers?, synonyms?}`;
    /// the definition may also come whole under `definition`. Create-only: an existing name is
    /// refused. `storedSource` and `numPartitions` are dropped, as the service drops them here.
    func createSearchIndex(_ request: Document) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let indexName = try Self.indexName(request, default: SearchIndexes.defaultName)
        var definition = try optionalObject(request, "definition") ?? request
        for key in ["collectionName", "indexName", "name", "definition", "waitForFullWrite",
                    "storedSource", "stored_source", "numPartitions", "num_partitions"] {
            definition[key] = nil
        }
        let declared = definition
        return .accepted(operationID: try await hub.database.write { db in
            let collectionID = try Self.datasetID(db, name)
            if try SearchIndexes.exists(db, collectionID: collectionID, name: indexName) {
                throw RequestError(status: 400, message: "Search index '\(indexName)' already exists on dataset '\(name)'")
            }
            do {
                try SearchIndexes.put(db, collectionID: collectionID, name: indexName, definition: declared)
            } catch let error as QueryError {
                // A definition MDH would not validate is the body's fault, as MDH answers it.
                throw RequestError(status: 422, message: error.message)
            }
            return try finishedOperation(db, type: .createSearchIndex, collectionName: name)
        })
    }

    /// `{collectionName, indexName}` → 202; 404 for an unknown dataset or index.
    func dropSearchIndex(_ request: Document) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let indexName = try Self.indexName(request, default: nil)
        return .accepted(operationID: try await hub.database.write { db in
            guard try SearchIndexes.drop(db, collectionID: try Self.datasetID(db, name), name: indexName) else {
                throw RequestError(status: 404, message: "Search index '\(indexName)' not found")
            }
            return try finishedOperation(db, type: .dropSearchIndex, collectionName: name)
        })
    }

    private static func datasetID(_ db: Database, _ name: String) throws -> Int64 {
        guard let collection = try CollectionStore.find(db, name: name) else {
            throw RequestError(status: 404, message: SearchIndexService.notFound(name))
        }
        return collection.id
    }

    /// `indexName` (or Atlas's `name`); without either, `fallback` or a 422.
    private static func indexName(_ request: Document, default fallback: String?) throws -> String {
        switch request["indexName"] ?? request["name"] {
        case .string(let name)?: return name
        case nil, .null?:
            if let fallback { return fallback }
            throw RequestError(status: 422, message: "indexName is required and must be a string")
        default: throw RequestError(status: 422, message: "indexName must be a string")
        }
    }
}
