import GRDB

/// Data Storage's single-record writes, over `StorageWrites`.
extension DataStorageService {
    func insert(_ request: Document, many: Bool) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        var documents: [Document] = []
        if many {
            guard case .array(let items)? = request["documents"], !items.isEmpty else {
                throw RequestError(status: 422, message: "documents must be a nonempty array of objects")
            }
            for item in items {
                guard case .object(let document) = item else { throw RequestError(status: 422, message: "documents must be objects") }
                documents.append(document)
            }
        } else {
            guard case .object(let document)? = request["document"] else {
                throw RequestError(status: 422, message: "document is required and must be an object")
            }
            documents = [document]
        }
        let collected = documents
        let ids = try await hub.database.write { db in try StorageWrites.insert(db, collectionName: name, documents: collected) }
        let objectIDs = ids.map { DocumentValue.objectId(ObjectIdCodec.hex(forRowID: $0)) }
        if many { return .ok(.object(Document([("inserted_ids", .array(objectIDs))]))) }
        return .ok(.object(Document([("inserted_id", objectIDs[0])])))
    }

    func update(_ request: Document, many: Bool, budget: RegexBudget) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let filter = try QueryFilter(try optionalObject(request, "filter") ?? Document(), budget: budget)
        guard let updateValue = request["update"] else { throw RequestError(status: 422, message: "update is required") }
        let change = try RecordChange(update: updateValue, budget: budget)
        let upsert = try upsertOption(request)
        return try await hub.database.write { db in
            .ok(.object(try StorageWrites.update(db, collectionName: name, filter: filter, change: change, many: many, upsert: upsert).document))
        }
    }

    func replaceOne(_ request: Document, budget: RegexBudget) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let filter = try QueryFilter(try optionalObject(request, "filter") ?? Document(), budget: budget)
        let change = try RecordChange(replacement: request["replacement"])
        let upsert = try upsertOption(request)
        return try await hub.database.write { db in
            .ok(.object(try StorageWrites.update(db, collectionName: name, filter: filter, change: change, many: false, upsert: upsert).document))
        }
    }

    func delete(_ request: Document, many: Bool, budget: RegexBudget) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let filter = try QueryFilter(try optionalObject(request, "filter") ?? Document(), budget: budget)
        let deleted = try await hub.database.write { db in try StorageWrites.delete(db, collectionName: name, filter: filter, many: many) }
        return .ok(.object(StorageWrites.deleteResult(deleted: deleted)))
    }

    /// `options.upsert`, or a top-level `upsert` as some clients send it.
    private func upsertOption(_ request: Document) throws -> Bool {
        try optionalObject(request, "options")?["upsert"]?.isTruthy ?? (request["upsert"]?.isTruthy ?? false)
    }
}
