import GRDB

/// The record changes behind Data Storage's write endpoints, shared by the single calls and
/// `data/bulk_write`. Each runs inside the caller's transaction.
enum StorageWrites {
    struct UpdateOutcome {
        var matched = 0
        var modified = 0
        var upsertedID: DocumentValue = .null

        /// The service's `UpdateResponse` result: the counts, and `raw_result`, the database's own
        /// acknowledgement (as pymongo's `UpdateResult.raw_result` carries it), which some
        /// clients read instead of the counts.
        var document: Document {
            var upserted = true
            if case .null = upsertedID { upserted = false }
            var raw = Document([
                ("n", .int(Int64(upserted ? 1 : matched))), ("nModified", .int(Int64(modified))),
                ("ok", .double(1)), ("updatedExisting", .bool(matched > 0)),
            ])
            if upserted { raw["upserted"] = upsertedID }
            return Document([
                ("matched_count", .int(Int64(matched))), ("modified_count", .int(Int64(modified))), ("upserted_id", upsertedID),
                ("raw_result", .object(raw)),
            ])
        }
    }

    /// The service's `DeleteResponse` result: the count and the acknowledgement behind it.
    static func deleteResult(deleted: Int) -> Document {
        Document([
            ("deleted_count", .int(Int64(deleted))),
            ("raw_result", .object(Document([("n", .int(Int64(deleted))), ("ok", .double(1))]))),
        ])
    }

    /// Inserts documents (the server assigns `_id`); returns their row ids.
    static func insert(_ db: Database, collectionName: String, documents: [Document]) throws -> [Int64] {
        if documents.contains(where: { $0["_id"] != nil }) {
            throw QueryError("the sandbox assigns _id itself; remove _id from inserted documents")
        }
        let collection = try CollectionStore.findOrCreate(db, name: collectionName)
        let ids = try documents.map { try CollectionStore.insert(db, collectionID: collection.id, document: $0) }
        try CollectionStore.touch(db, collectionID: collection.id)
        return ids
    }

    /// `update_one`/`update_many` (operators or a pipeline) and `replace_one` (a replacement
    /// document): the matches change, or with `upsert` and no match, a new record is made from
    /// the filter's equalities.
    static func update(
        _ db: Database, collectionName: String, filter: QueryFilter, change: RecordChange, many: Bool, upsert: Bool
    ) throws -> UpdateOutcome {
        let collection = try CollectionStore.findOrCreate(db, name: collectionName)
        let matched = try FindExecutor.documents(db, collectionID: collection.id, query: FindQuery(filter: filter, limit: many ? 0 : 1))
        var outcome = UpdateOutcome(matched: matched.count)
        for document in matched {
            let changed = try change.apply(to: document)
            guard DocumentJSONWriter.string(changed) != DocumentJSONWriter.string(document) else { continue }
            guard case .objectId(let hex)? = document["_id"] else { continue }
            try CollectionStore.replace(db, rowID: ObjectIdCodec.position(of: hex).rowID, document: changed)
            outcome.modified += 1
        }
        if matched.isEmpty, upsert {
            let rowID = try CollectionStore.insert(db, collectionID: collection.id, document: try change.apply(to: equalityFields(of: filter)))
            outcome.upsertedID = .objectId(ObjectIdCodec.hex(forRowID: rowID))
        }
        if outcome.modified > 0 || matched.isEmpty && upsert { try CollectionStore.touch(db, collectionID: collection.id) }
        return outcome
    }

    /// Deletes the first match or all of them; returns how many went.
    static func delete(_ db: Database, collectionName: String, filter: QueryFilter, many: Bool) throws -> Int {
        guard let collection = try CollectionStore.find(db, name: collectionName) else { return 0 }
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
        return deleted
    }

    /// The plain `field: value` equalities of a filter, the starting document of an upsert.
    static func equalityFields(of filter: QueryFilter) -> Document {
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

/// How a write changes a matched record.
enum RecordChange: Sendable {
    /// An update document (`$set`, `$unset`, `$inc`).
    case operators(UpdateSpecification)
    /// An update pipeline: `$set`/`$addFields`, `$unset`, `$project`, `$replaceRoot`/`$replaceWith`.
    case pipeline(AggregationPipeline)
    /// `replace_one`'s replacement: the whole record but its `_id`.
    case replacement(Document)

    /// `update` as `update_one`/`update_many` and `bulk_write` take it: a document or a pipeline.
    init(update value: DocumentValue, budget: RegexBudget) throws(QueryError) {
        if case .array = value {
            let pipeline = try AggregationPipeline(value, budget: budget)
            let allowed: Set<String> = ["$set", "$addFields", "$unset", "$project", "$replaceRoot", "$replaceWith"]
            if let stage = pipeline.stages.compactMap({ $0.fields.first?.key }).first(where: { !allowed.contains($0) }) {
                throw QueryError("\(stage) is not allowed in an update pipeline (only \(allowed.sorted().joined(separator: ", ")))")
            }
            self = .pipeline(pipeline)
        } else {
            self = .operators(try UpdateSpecification(value))
        }
    }

    init(replacement value: DocumentValue?) throws(QueryError) {
        guard case .object(let replacement)? = value else { throw QueryError("replacement is required and must be an object") }
        if replacement.keys.contains(where: { $0.hasPrefix("$") }) { throw QueryError("replacement must not contain update operators") }
        self = .replacement(replacement)
    }

    func apply(to document: Document) throws(QueryError) -> Document {
        switch self {
        case .operators(let update): return try update.apply(to: document)
        case .replacement(let replacement):
            var result = replacement
            result["_id"] = document["_id"]
            return result
        case .pipeline(let pipeline):
            guard let changed = try pipeline.transform(document) else { throw QueryError("an update pipeline must leave one document") }
            // As in MongoDB, a pipeline may not change or drop the `_id`.
            if let id = document["_id"], changed["_id"].map(DocumentJSONWriter.string) != DocumentJSONWriter.string(id) {
                throw QueryError("the field _id cannot be modified")
            }
            return changed
        }
    }
}
