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
    /// The user id of the request's token: operations it starts are theirs (`user_id`).
    var callerID: String?

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
            case "data/aggregate_async": return try await aggregateAsync(request, budget: budget)
            case "data/bulk_write": return try await bulkWrite(request, budget: budget)
            case "indexes/list": return try await listIndexes(request)
            case "indexes/create": return try await createIndex(request)
            case "indexes/drop": return try await dropIndex(request)
            case "search_indexes/list": return try await listSearchIndexes(request)
            case "search_indexes/create": return try await createSearchIndex(request)
            case "search_indexes/drop": return try await dropSearchIndex(request)
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

    func collectionName(_ request: Document, key: String = "collectionName") throws -> String {
        guard case .string(let name)? = request[key] else {
            throw RequestError(status: 422, message: "\(key) is required and must be a string")
        }
        do { try CollectionStore.validateName(name) } catch { throw RequestError(status: 400, message: error.message) }
        return name
    }

    func optionalObject(_ request: Document, _ key: String) throws -> Document? {
        switch request[key] {
        case nil, .null?: return nil
        case .object(let document)?: return document
        default: throw RequestError(status: 422, message: "\(key) must be an object")
        }
    }

    // MARK: collections

    /// The service's `SuccessResponse` result, for calls that change something and return nothing.
    static let success = Document([("success", .bool(true))])

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
            return .ok(.object(Self.success))
        }
    }

    /// Drops at once but answers like the asynchronous service: 202 and an operation to poll.
    private func dropCollection(_ request: Document) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let operationID = try await hub.database.write { db in
            guard let removed = try CollectionStore.drop(db, name: name) else {
                throw RequestError(status: 404, message: "Collection \(name) not found")
            }
            var operation = try DatasetOperation.create(
                db, type: .drop, datasetName: name, filename: nil, fileSize: nil, service: "storage", userID: callerID)
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
            return .ok(.object(Self.success))
        }
    }

    // MARK: reads

    private func find(_ request: Document, budget: RegexBudget) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        // `query` is a required field of `data/find` (`{}` matches everything); a body without
        // it, or with Mongo's `filter` in its place, is a client bug the real service refuses.
        guard case .object? = request["query"] else { throw RequestError(status: 422, message: "query is required and must be an object") }
        let query = try FindQuery(
            query: request["query"], projection: request["projection"], sort: request["sort"],
            skip: request["skip"], limit: request["limit"], budget: budget)
        let bytes = try await hub.database.read { db -> [UInt8] in
            guard let collection = try CollectionStore.find(db, name: name) else { return Array("[]".utf8) }
            return try FindExecutor.jsonArray(db, collectionID: collection.id, query: query)
        }
        return .ok(result: bytes)
    }

    private func aggregate(_ request: Document, budget: RegexBudget) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let (pipeline, output) = try AggregationOutput.split(request["pipeline"], budget: budget)
        guard let output else {
            let documents = try await hub.database.read { db in
                try pipeline.run(db, collectionID: try CollectionStore.find(db, name: name)?.id, collectionName: name)
            }
            return .ok(.array(documents.map(DocumentValue.object)))
        }
        // With `$out` the results replace the target collection and nothing is returned, as in MongoDB.
        _ = try await hub.database.write { db in try output.run(db, pipeline: pipeline, source: name) }
        return .ok(.array([]))
    }

    /// `data/aggregate_async`: accepted with an operation to poll; the pipeline (typically
    /// ending in `$out`) runs before the answer, so the operation is already final.
    private func aggregateAsync(_ request: Document, budget: RegexBudget) async throws -> DataStorageOutcome {
        let name = try collectionName(request)
        let (pipeline, output) = try AggregationOutput.split(request["pipeline"], budget: budget)
        let operationID = try await hub.database.write { db in
            var operation = try DatasetOperation.create(
                db, type: .aggregate, datasetName: name, filename: nil, fileSize: nil, service: "storage", userID: callerID)
            do {
                let written = try output?.run(db, pipeline: pipeline, source: name)
                    ?? pipeline.run(db, collectionID: try CollectionStore.find(db, name: name)?.id, collectionName: name).count
                operation.status = .finished
                operation.recordsInserted = output == nil ? 0 : written
            } catch let error as QueryError {
                operation.status = .failed
                operation.error = error.message
            }
            operation.statusChangedAt = Date()
            try operation.save(db)
            return operation.id
        }
        return .accepted(operationID: operationID)
    }
}
