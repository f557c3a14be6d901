import GRDB

/// Data Storage's `data/bulk_write` and the `indexes/*` endpoints (`search_indexes/*` are apart).
extension DataStorageService {
    func bulkWrite(_ request: Document, budget: RegexBudget) async throws -> DataStorageOutcome {
        let bulk = try BulkWrite(collectionName: try collectionName(request), request: request, budget: budget)
        let userID = callerID
        return .accepted(operationID: try await hub.database.write { db in try bulk.run(db, userID: userID) })
    }

    /// `{collectionName, nameOnly}` → names, or the index documents (`v`, `key`, `name`, options).
    func listIndexes(_ request: Document) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let nameOnly = request["nameOnly"]?.isTruthy ?? false
        let indexes = try await hub.database.read { db -> [Document]? in
            guard let collection = try CollectionStore.find(db, name: name) else { return nil }
            return try StorageIndexes.list(db, collectionID: collection.id)
        }
        guard let indexes else { throw RequestError(status: 404, message: "Collection \(name) not found") }
        return .ok(.array(indexes.map { nameOnly ? ($0["name"] ?? .null) : .object($0) }))
    }

    /// `{collectionName, indexName?, keys, options?}` → 202 with a finished operation.
    func createIndex(_ request: Document) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        guard case .object(let keys)? = request["keys"] else { throw RequestError(status: 422, message: "keys is required and must be an object") }
        let options = try optionalObject(request, "options") ?? Document()
        let indexName = request["indexName"]?.stringValue ?? options["name"]?.stringValue
        var indexOptions = options
        indexOptions["name"] = nil
        let registered = indexOptions
        return .accepted(operationID: try await hub.database.write { db in
            let collection = try CollectionStore.findOrCreate(db, name: name)
            try StorageIndexes.create(db, collectionID: collection.id, name: indexName, keys: keys, options: registered)
            return try finishedOperation(db, type: .createIndex, collectionName: name)
        })
    }

    /// `{collectionName, indexName}` → 202 with a finished operation; 404 for an unknown collection.
    func dropIndex(_ request: Document) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        guard let indexName = request["indexName"]?.stringValue else { throw RequestError(status: 422, message: "indexName is required") }
        return .accepted(operationID: try await hub.database.write { db in
            guard let collection = try CollectionStore.find(db, name: name) else {
                throw RequestError(status: 404, message: "Collection \(name) not found")
            }
            try StorageIndexes.drop(db, collectionID: collection.id, name: indexName)
            return try finishedOperation(db, type: .dropIndex, collectionName: name)
        })
    }

    /// A change made at once, recorded as the finished operation the service's 202 names.
    func finishedOperation(_ db: Database, type: DatasetOperationType, collectionName: String) throws -> String {
        var operation = try DatasetOperation.create(
            db, type: type, datasetName: collectionName, filename: nil, fileSize: nil, service: "storage", userID: callerID)
        operation.status = .finished
        try operation.save(db)
        return operation.id
    }
}
