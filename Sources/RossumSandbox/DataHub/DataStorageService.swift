import Foundation
import GRDB

/// A Data Storage answer before it becomes HTTP: the `result` of an `ok` envelope (raw JSON
/// bytes, so large `find` results are never re-parsed), an `accept`, or an error.
enum DataStorageOutcome: Sendable {
    case ok(result: [UInt8])
    /// 202 with the id of an operation that `operation_status` reports on.
    case accepted(operationID: String)
    case error(status: Int, message: String)

    static func ok(_ value: DocumentValue) -> DataStorageOutcome { .ok(result: DocumentJSONWriter.encode(value)) }
}

/// The Data Storage RPC endpoints (`/svc/data-storage/api/v1/...`), over the shared collections.
struct DataStorageService: Sendable {
    let hub: DataHub

    /// Runs one POST endpoint such as `data/find` with its JSON body.
    func handle(_ endpoint: String, body: DocumentValue) async -> DataStorageOutcome {
        guard case .object(let request) = body else {
            return .error(status: 422, message: "request body must be a JSON object")
        }
        // One `$regex` allowance for everything this request matches.
        let budget = RegexBudget()
        do {
            switch endpoint {
            case "collections/list": return try await listCollections(request, budget: budget)
            case "collections/create": return try await createCollection(request)
            case "collections/drop": return try await dropCollection(request)
            case "collections/rename": return try await renameCollection(request)
            case "data/find": return try await find(request, budget: budget)
            case "data/aggregate": return try await aggregate(request, budget: budget)
            case "data/insert_one": return try await insert(request, many: false)
            case "data/insert_many": return try await insert(request, many: true)
            case "data/update_one": return try await update(request, many: false, budget: budget)
            case "data/update_many": return try await update(request, many: true, budget: budget)
            case "data/replace_one": return try await replaceOne(request, budget: budget)
            case "data/delete_one": return try await delete(request, many: false, budget: budget)
            case "data/delete_many": return try await delete(request, many: true, budget: budget)
            default: return .error(status: 404, message: "Not Found")
            }
        } catch let error as RequestError {
            return .error(status: error.status, message: error.message)
        } catch let error as QueryError {
            return .error(status: 400, message: error.message)
        } catch {
            return .error(status: 500, message: "internal error: \(error)")
        }
    }

    func operationStatus(id: String) async -> DataStorageOutcome {
        do {
            guard let operation = try await hub.operation(id: id) else {
                return .error(status: 404, message: "Operation \(id) not found")
            }
            return .ok(operation.storageJSON)
        } catch {
            return .error(status: 500, message: "internal error: \(error)")
        }
    }

    /// A request the service refuses before touching data.
    struct RequestError: Error {
        let status: Int
        let message: String
    }

    private func collectionName(_ request: Document, key: String = "collectionName") throws -> String {
        guard case .string(let name)? = request[key] else {
            throw RequestError(status: 422, message: "\(key) is required and must be a string")
        }
        do { try CollectionStore.validateName(name) } catch { throw RequestError(status: 400, message: error.message) }
        return name
    }

    private func optionalObject(_ request: Document, _ key: String) throws -> Document? {
        switch request[key] {
        case nil, .null?: return nil
        case .object(let document)?: return document
        default: throw RequestError(status: 422, message: "\(key) must be an object")
        }
    }

    // MARK: collections

    private func listCollections(_ request: Document, budget: RegexBudget) async throws -> DataStorageOutcome {
        let filter = try QueryFilter(try optionalObject(request, "filter") ?? Document(), budget: budget)
        let nameOnly = request["nameOnly"]?.isTruthy ?? true
        let collections = try await hub.database.read { db in try CollectionStore.list(db) }
        var results: [DocumentValue] = []
        for (collection, _) in collections {
            let info = Document([
                ("name", .string(collection.name)),
                ("type", .string("collection")),
                ("options", .object(Document())),
                ("info", .object(Document([("readOnly", .bool(false))]))),
                ("idIndex", .object(Document([("v", .int(2)), ("key", .object(Document([("_id", .int(1))]))), ("name", .string("_id_"))]))),
            ])
            guard try filter.matches(info) else { continue }
            results.append(nameOnly ? .string(collection.name) : .object(info))
        }
        return .ok(.array(results))
    }

    private func createCollection(_ request: Document) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        return try await hub.database.write { db in
            if try CollectionStore.find(db, name: name) != nil {
                throw RequestError(status: 400, message: "Collection \(name) already exists")
            }
            _ = try CollectionStore.create(db, name: name)
            return .ok(.object(Document([("name", .string(name))])))
        }
    }

    /// Drops at once but answers like the asynchronous service: 202 and an operation to poll.
    private func dropCollection(_ request: Document) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let operationID = try await hub.database.write { db in
            guard let removed = try CollectionStore.drop(db, name: name) else {
                throw RequestError(status: 404, message: "Collection \(name) not found")
            }
            var operation = try DatasetOperation.create(db, type: .drop, datasetName: name, filename: nil, fileSize: nil, service: "storage")
            operation.status = .finished
            operation.recordsDeleted = removed
            operation.recordCount = 0
            try operation.save(db)
            return operation.id
        }
        return .accepted(operationID: operationID)
    }

    private func renameCollection(_ request: Document) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let target = try collectionName(request, key: "target")
        let dropTarget = request["dropTarget"]?.isTruthy ?? false
        return try await hub.database.write { db in
            guard let collection = try CollectionStore.find(db, name: name) else {
                throw RequestError(status: 404, message: "Collection \(name) not found")
            }
            if try CollectionStore.find(db, name: target) != nil {
                guard dropTarget else { throw RequestError(status: 400, message: "Collection \(target) already exists") }
                _ = try CollectionStore.drop(db, name: target)
            }
            try db.execute(sql: "UPDATE datahub_collection SET name = ? WHERE id = ?", arguments: [target, collection.id])
            return .ok(.object(Document([("name", .string(target))])))
        }
    }

    // MARK: reads

    private func find(_ request: Document, budget: RegexBudget) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let query = try FindQuery(
            query: request["query"] ?? request["filter"], projection: request["projection"], sort: request["sort"],
            skip: request["skip"], limit: request["limit"], budget: budget)
        let bytes = try await hub.database.read { db -> [UInt8] in
            guard let collection = try CollectionStore.find(db, name: name) else { return Array("[]".utf8) }
            return try FindExecutor.jsonArray(db, collectionID: collection.id, query: query)
        }
        return .ok(result: bytes)
    }

    private func aggregate(_ request: Document, budget: RegexBudget) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let pipeline = try AggregationPipeline(request["pipeline"], budget: budget)
        let documents = try await hub.database.read { db in
            try pipeline.run(db, collectionID: try CollectionStore.find(db, name: name)?.id)
        }
        return .ok(.array(documents.map(DocumentValue.object)))
    }

    // MARK: writes

    private func insert(_ request: Document, many: Bool) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        var collected: [Document] = []
        if many {
            guard case .array(let items)? = request["documents"], !items.isEmpty else {
                throw RequestError(status: 422, message: "documents must be a nonempty array of objects")
            }
            for item in items {
                guard case .object(let document) = item else { throw RequestError(status: 422, message: "documents must be objects") }
                collected.append(document)
            }
        } else {
            guard case .object(let document)? = request["document"] else {
                throw RequestError(status: 422, message: "document is required and must be an object")
            }
            collected = [document]
        }
        let documents = collected
        if documents.contains(where: { $0["_id"] != nil }) {
            throw RequestError(status: 400, message: "the sandbox assigns _id itself; remove _id from inserted documents")
        }
        let ids = try await hub.database.write { db in
            let collection = try CollectionStore.findOrCreate(db, name: name)
            let ids = try documents.map { try CollectionStore.insert(db, collectionID: collection.id, document: $0) }
            try CollectionStore.touch(db, collectionID: collection.id)
            return ids
        }
        let objectIDs = ids.map { DocumentValue.objectId(ObjectIdCodec.hex(forRowID: $0)) }
        if many { return .ok(.object(Document([("inserted_ids", .array(objectIDs))]))) }
        return .ok(.object(Document([("inserted_id", objectIDs[0])])))
    }

    private func update(_ request: Document, many: Bool, budget: RegexBudget) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let filter = try QueryFilter(try optionalObject(request, "filter") ?? Document(), budget: budget)
        guard let updateValue = request["update"] else { throw RequestError(status: 422, message: "update is required") }
        if case .array = updateValue { throw QueryError("update pipelines are not supported by the sandbox") }
        let update = try UpdateSpecification(updateValue)
        let upsert = try optionalObject(request, "options")?["upsert"]?.isTruthy ?? (request["upsert"]?.isTruthy ?? false)
        return try await hub.database.write { db in
            let collection = try CollectionStore.findOrCreate(db, name: name)
            let matched = try FindExecutor.documents(db, collectionID: collection.id, query: FindQuery(filter: filter, limit: many ? 0 : 1))
            var modified = 0
            for document in matched {
                let changed = try update.apply(to: document)
                guard DocumentJSONWriter.string(changed) != DocumentJSONWriter.string(document) else { continue }
                guard case .objectId(let hex)? = document["_id"] else { continue }
                try CollectionStore.replace(db, rowID: ObjectIdCodec.position(of: hex).rowID, document: changed)
                modified += 1
            }
            var upsertedID: DocumentValue = .null
            if matched.isEmpty, upsert {
                let seed = Self.equalityFields(of: filter)
                let rowID = try CollectionStore.insert(db, collectionID: collection.id, document: try update.apply(to: seed))
                upsertedID = .objectId(ObjectIdCodec.hex(forRowID: rowID))
            }
            if modified > 0 || matched.isEmpty && upsert { try CollectionStore.touch(db, collectionID: collection.id) }
            return .ok(.object(Document([
                ("matched_count", .int(Int64(matched.count))),
                ("modified_count", .int(Int64(modified))),
                ("upserted_id", upsertedID),
            ])))
        }
    }

    private func replaceOne(_ request: Document, budget: RegexBudget) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let filter = try QueryFilter(try optionalObject(request, "filter") ?? Document(), budget: budget)
        guard case .object(let replacement)? = request["replacement"] else {
            throw RequestError(status: 422, message: "replacement is required and must be an object")
        }
        if replacement.keys.contains(where: { $0.hasPrefix("$") }) { throw QueryError("replacement must not contain update operators") }
        return try await hub.database.write { db in
            let collection = try CollectionStore.findOrCreate(db, name: name)
            let matched = try FindExecutor.documents(db, collectionID: collection.id, query: FindQuery(filter: filter, limit: 1))
            if let document = matched.first, case .objectId(let hex)? = document["_id"] {
                try CollectionStore.replace(db, rowID: ObjectIdCodec.position(of: hex).rowID, document: replacement)
                try CollectionStore.touch(db, collectionID: collection.id)
            }
            return .ok(.object(Document([
                ("matched_count", .int(Int64(matched.count))),
                ("modified_count", .int(Int64(matched.count))),
                ("upserted_id", .null),
            ])))
        }
    }

    private func delete(_ request: Document, many: Bool, budget: RegexBudget) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let filter = try QueryFilter(try optionalObject(request, "filter") ?? Document(), budget: budget)
        return try await hub.database.write { db in
            guard let collection = try CollectionStore.find(db, name: name) else {
                return .ok(.object(Document([("deleted_count", .int(0))])))
            }
            let (range, residual) = FindPlanner.split(filter)
            var deleted = 0
            if residual.isAll, many {
                try db.execute(sql: "DELETE FROM datahub_record WHERE collection_id = ? AND id >= ? AND id <= ?",
                               arguments: [collection.id, range.lower, range.upper])
                deleted = range.isEmpty ? 0 : db.changesCount
            } else {
                let matched = try FindExecutor.documents(db, collectionID: collection.id, query: FindQuery(filter: filter, limit: many ? 0 : 1))
                for document in matched {
                    guard case .objectId(let hex)? = document["_id"] else { continue }
                    try CollectionStore.delete(db, rowID: ObjectIdCodec.position(of: hex).rowID)
                    deleted += 1
                }
            }
            if deleted > 0 { try CollectionStore.touch(db, collectionID: collection.id) }
            return .ok(.object(Document([("deleted_count", .int(Int64(deleted)))])))
        }
    }

    /// The plain `field: value` equalities of a filter, the starting document of an upsert.
    private static func equalityFields(of filter: QueryFilter) -> Document {
        var document = Document()
        func collect(_ filter: QueryFilter) {
            switch filter {
            case .field(let path, .equals(let value)) where path.text != "_id": document.set(value, at: path)
            case .and(let parts): parts.forEach(collect)
            default: break
            }
        }
        collect(filter)
        return document
    }
}
