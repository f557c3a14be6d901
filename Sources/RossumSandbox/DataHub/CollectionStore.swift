import Foundation
import GRDB

/// A collection (an MDH dataset) as stored.
struct StoredCollection: Sendable {
    let id: Int64
    let name: String
    let createdAt: Double
    let updatedAt: Double
}

/// Collections and their records in SQLite. All functions run inside a caller's transaction,
/// so a multi-step change (an MDH upsert) is applied whole or not at all.
enum CollectionStore {
    static func validateName(_ name: String) throws(QueryError) {
        if name.isEmpty { throw QueryError("collection name must not be empty") }
        if name.utf8.count > 120 { throw QueryError("collection name is longer than 120 bytes") }
        if name.contains("$") || name.contains("\u{0}") { throw QueryError("collection name must not contain '$' or NUL") }
        if name.hasPrefix("system.") { throw QueryError("collection names starting with 'system.' are reserved") }
    }

    static func find(_ db: Database, name: String) throws -> StoredCollection? {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, name, created_at, updated_at FROM datahub_collection WHERE name = ?"),
            arguments: [name])
        return row.map { StoredCollection(id: $0[0], name: $0[1], createdAt: $0[2], updatedAt: $0[3]) }
    }

    static func create(_ db: Database, name: String, now: Date = Date()) throws -> StoredCollection {
        let ts = now.timeIntervalSince1970
        try db.execute(sql: "INSERT INTO datahub_collection (name, created_at, updated_at) VALUES (?, ?, ?)",
                       arguments: [name, ts, ts])
        return StoredCollection(id: db.lastInsertedRowID, name: name, createdAt: ts, updatedAt: ts)
    }

    static func findOrCreate(_ db: Database, name: String) throws -> StoredCollection {
        if let existing = try find(db, name: name) { return existing }
        return try create(db, name: name)
    }

    /// Drops a collection with its records; returns how many records went, nil when it did not exist.
    static func drop(_ db: Database, name: String) throws -> Int? {
        guard let collection = try find(db, name: name) else { return nil }
        let removed = try deleteAllRecords(db, collectionID: collection.id)
        try StorageIndexes.dropAll(db, collectionID: collection.id)
        try db.execute(sql: "DELETE FROM datahub_collection WHERE id = ?", arguments: [collection.id])
        return removed
    }

    static func list(_ db: Database) throws -> [(collection: StoredCollection, recordCount: Int)] {
        try Row.fetchAll(db, sql: """
            SELECT c.id, c.name, c.created_at, c.updated_at,
                   (SELECT COUNT(*) FROM datahub_record r WHERE r.collection_id = c.id)
            FROM datahub_collection c ORDER BY c.name
            """).map { row in
            (StoredCollection(id: row[0], name: row[1], createdAt: row[2], updatedAt: row[3]), row[4])
        }
    }

    static func touch(_ db: Database, collectionID: Int64, now: Date = Date()) throws {
        try db.execute(sql: "UPDATE datahub_collection SET updated_at = ? WHERE id = ?",
                       arguments: [now.timeIntervalSince1970, collectionID])
    }

    static func recordCount(_ db: Database, collectionID: Int64, range: RowIDRange = .all) throws -> Int {
        if range.isEmpty { return 0 }
        return try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM datahub_record WHERE collection_id = ? AND id >= ? AND id <= ?"),
            arguments: [collectionID, range.lower, range.upper]) ?? 0
    }

    // MARK: records

    /// Stores a document (its `_id`, if any, is not stored: the row id is the `_id`); returns the row id.
    @discardableResult
    static func insert(_ db: Database, collectionID: Int64, document: Document) throws -> Int64 {
        try insert(db, collectionID: collectionID, body: body(of: document))
    }

    @discardableResult
    static func insert(_ db: Database, collectionID: Int64, body: String) throws -> Int64 {
        let statement = try db.cachedStatement(sql: "INSERT INTO datahub_record (collection_id, body) VALUES (?, ?)")
        try statement.execute(arguments: [collectionID, body])
        return db.lastInsertedRowID
    }

    static func replace(_ db: Database, rowID: Int64, document: Document) throws {
        try db.cachedStatement(sql: "UPDATE datahub_record SET body = ? WHERE id = ?")
            .execute(arguments: [body(of: document), rowID])
    }

    static func delete(_ db: Database, rowID: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM datahub_record WHERE id = ?").execute(arguments: [rowID])
    }

    static func deleteAllRecords(_ db: Database, collectionID: Int64) throws -> Int {
        try db.execute(sql: "DELETE FROM datahub_record WHERE collection_id = ?", arguments: [collectionID])
        return db.changesCount
    }

    /// The stored text of a document: its JSON without `_id`.
    static func body(of document: Document) -> String {
        var stripped = document
        stripped["_id"] = nil
        return DocumentJSONWriter.string(stripped)
    }

    /// Rebuilds a full document from a stored row, `_id` first as MongoDB returns it.
    static func document(rowID: Int64, bytes: UnsafeBufferPointer<UInt8>) throws -> Document {
        guard case .object(let stored) = try DocumentJSONParser.parse(buffer: bytes) else {
            throw QueryError("stored record \(rowID) is not an object")
        }
        var document = Document([("_id", .objectId(ObjectIdCodec.hex(forRowID: rowID)))])
        document.fields.append(contentsOf: stored.fields)
        return document
    }
}

/// An inclusive range of record row ids, derived from `_id` conditions of a query.
struct RowIDRange: Sendable, Equatable {
    var lower: Int64 = 0
    var upper: Int64 = Int64.max

    static let all = RowIDRange()
    var isEmpty: Bool { lower > upper }
    var isAll: Bool { lower <= 0 && upper == Int64.max }
}
