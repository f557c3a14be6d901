import Foundation
import GRDB

/// `data/bulk_write`: a list of `insertOne`, `updateOne`, `updateMany`, `replaceOne`,
/// `deleteOne` and `deleteMany` in order. The whole list is checked before anything runs (a bad
/// shape is a 4xx); then it runs in one transaction and answers 202 with an operation that is
/// already `FINISHED`, or `FAILED` naming the first failing write. As in MongoDB, `ordered`
/// (default true) stops at the first failure and keeps the writes before it; unordered runs
/// every write it can.
struct BulkWrite {
    enum Write {
        case insert(Document)
        case update(filter: QueryFilter, change: RecordChange, many: Bool, upsert: Bool)
        case delete(filter: QueryFilter, many: Bool)
    }

    let collectionName: String
    let writes: [Write]
    let ordered: Bool

    init(collectionName: String, request: Document, budget: RegexBudget) throws {
        guard case .array(let items)? = request["operations"], !items.isEmpty else {
            throw DataStorageService.RequestError(status: 422, message: "operations must be a nonempty array")
        }
        writes = try items.enumerated().map { index, item in
            do {
                return try Self.write(item, budget: budget)
            } catch let error as QueryError {
                throw DataStorageService.RequestError(status: 400, message: "operations[\(index)]: \(error.message)")
            }
        }
        ordered = request["ordered"]?.isTruthy ?? true
        self.collectionName = collectionName
    }

    private static func write(_ item: DocumentValue, budget: RegexBudget) throws -> Write {
        guard case .object(let wrapper) = item, wrapper.fields.count == 1, let (kind, body) = wrapper.fields.first.map({ ($0.key, $0.value) }),
              case .object(let spec) = body
        else { throw QueryError("each operation must be an object with one field such as insertOne") }
        func filter() throws -> QueryFilter {
            switch spec["filter"] {
            case .object(let filter)?: return try QueryFilter(filter, budget: budget)
            case nil: return try QueryFilter(Document(), budget: budget)
            default: throw QueryError("filter must be an object")
            }
        }
        let upsert = spec["upsert"]?.isTruthy ?? false
        switch kind {
        case "insertOne":
            guard case .object(let document)? = spec["document"] else { throw QueryError("insertOne needs a document") }
            if document["_id"] != nil { throw QueryError("the sandbox assigns _id itself; remove _id from inserted documents") }
            return .insert(document)
        case "updateOne", "updateMany":
            guard let update = spec["update"] else { throw QueryError("\(kind) needs update") }
            return .update(filter: try filter(), change: try RecordChange(update: update, budget: budget), many: kind == "updateMany", upsert: upsert)
        case "replaceOne":
            return .update(filter: try filter(), change: try RecordChange(replacement: spec["replacement"]), many: false, upsert: upsert)
        case "deleteOne", "deleteMany":
            return .delete(filter: try filter(), many: kind == "deleteMany")
        default:
            throw QueryError("unknown bulk operation: \(kind)")
        }
    }

    /// Runs the writes and records them as an operation; returns its id.
    func run(_ db: Database, userID: String?) throws -> String {
        var operation = try DatasetOperation.create(
            db, type: .bulkWrite, datasetName: collectionName, filename: nil, fileSize: nil, service: "storage", userID: userID)
        var failures: [String] = []
        for (index, write) in writes.enumerated() {
            do {
                switch write {
                case .insert(let document):
                    _ = try StorageWrites.insert(db, collectionName: collectionName, documents: [document])
                    operation.recordsInserted += 1
                case .update(let filter, let change, let many, let upsert):
                    let outcome = try StorageWrites.update(
                        db, collectionName: collectionName, filter: filter, change: change, many: many, upsert: upsert)
                    operation.recordsUpdated += outcome.modified
                    if case .objectId = outcome.upsertedID { operation.recordsInserted += 1 }
                case .delete(let filter, let many):
                    operation.recordsDeleted += try StorageWrites.delete(db, collectionName: collectionName, filter: filter, many: many)
                }
            } catch let error as QueryError {
                failures.append("operations[\(index)]: \(error.message)")
                if ordered { break }
            }
        }
        operation.status = failures.isEmpty ? .finished : .failed
        operation.error = failures.isEmpty ? nil : failures.joined(separator: "; ")
        operation.recordCount = try CollectionStore.find(db, name: collectionName).map { try CollectionStore.recordCount(db, collectionID: $0.id) }
        operation.statusChangedAt = Date()
        try operation.save(db)
        return operation.id
    }
}
