import GRDB

/// The index registry behind `indexes/list`, `create` and `drop`. Every collection has `_id_`.
/// Queries do not consult these indexes (SQLite scans the records either way), so they change
/// no result; `unique` indexes are refused rather than accepted without being enforced.
enum StorageIndexes {
    static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("datahub-v2-indexes") { db in
            try db.execute(sql: """
                CREATE TABLE datahub_index (
                    collection_id INTEGER NOT NULL REFERENCES datahub_collection(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    keys TEXT NOT NULL,
                    options TEXT NOT NULL,
                    PRIMARY KEY (collection_id, name));
                """)
        }
    }

    static let idIndex = Document([("v", .int(2)), ("key", .object(Document([("_id", .int(1))]))), ("name", .string("_id_"))])

    /// `_id_` first, then the created ones in name order, as `listIndexes` documents.
    static func list(_ db: Database, collectionID: Int64) throws -> [Document] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT name, keys, options FROM datahub_index WHERE collection_id = ? ORDER BY name", arguments: [collectionID])
        var indexes = [idIndex]
        for row in rows {
            var index = Document([("v", .int(2))])
            index["key"] = try DocumentJSONParser.parse(Array((row["keys"] as String).utf8))
            index["name"] = .string(row["name"])
            if case .object(let options) = try DocumentJSONParser.parse(Array((row["options"] as String).utf8)) {
                index.fields += options.fields
            }
            indexes.append(index)
        }
        return indexes
    }

    /// Registers an index; its name defaults to MongoDB's `field_1_other_-1`.
    @discardableResult
    static func create(_ db: Database, collectionID: Int64, name: String?, keys: Document, options: Document) throws -> String {
        if keys.isEmpty { throw QueryError("keys must name at least one field") }
        var parts: [String] = []
        for (field, direction) in keys.fields {
            switch direction {
            case .int(1), .int(-1), .string("text"), .string("hashed"), .string("2dsphere"):
                parts += [field, direction.stringValue ?? DocumentJSONWriter.string(direction)]
            default: throw QueryError("index key \(field) must be 1, -1, \"text\", \"hashed\" or \"2dsphere\"")
            }
        }
        if options["unique"]?.isTruthy == true { throw QueryError("unique indexes are not supported by the sandbox (not enforced)") }
        for key in options.keys where !["sparse", "partialFilterExpression", "expireAfterSeconds", "collation", "background", "hidden"].contains(key) {
            throw QueryError("unsupported index option: \(key)")
        }
        let indexName = name ?? parts.joined(separator: "_")
        if indexName == "_id_" { throw QueryError("the index _id_ exists on every collection") }
        let existing = try String.fetchOne(
            db, sql: "SELECT keys FROM datahub_index WHERE collection_id = ? AND name = ?", arguments: [collectionID, indexName])
        if let existing {
            // MongoDB: the same index again is fine, another one under that name is not.
            guard existing == DocumentJSONWriter.string(keys) else { throw QueryError("an index named \(indexName) already exists with other keys") }
            return indexName
        }
        try db.execute(sql: "INSERT INTO datahub_index (collection_id, name, keys, options) VALUES (?, ?, ?, ?)",
                       arguments: [collectionID, indexName, DocumentJSONWriter.string(keys), DocumentJSONWriter.string(options)])
        return indexName
    }

    static func drop(_ db: Database, collectionID: Int64, name: String) throws {
        if name == "_id_" { throw QueryError("cannot drop the _id_ index") }
        try db.execute(sql: "DELETE FROM datahub_index WHERE collection_id = ? AND name = ?", arguments: [collectionID, name])
        if db.changesCount == 0 { throw QueryError("index not found with name [\(name)]") }
    }

    static func dropAll(_ db: Database, collectionID: Int64) throws {
        try db.execute(sql: "DELETE FROM datahub_index WHERE collection_id = ?", arguments: [collectionID])
    }
}
