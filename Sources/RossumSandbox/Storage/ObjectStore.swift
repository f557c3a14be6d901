import Foundation
import GRDB

/// The free-form JSON resources (everything but annotations and documents): one row per
/// object, with `id` and `url` kept inside the body so it can be served as stored.
enum ObjectStore {
    static func fetch(_ db: Database, _ kind: String, id: Int) throws -> JSONValue? {
        try String.fetchOne(db, sql: "SELECT body FROM objects WHERE kind = ? AND id = ?", arguments: [kind, id])
            .map(JSONValue.stored)
    }

    static func fetchAll(_ db: Database, _ kind: String) throws -> [JSONValue] {
        try String.fetchAll(db, sql: "SELECT body FROM objects WHERE kind = ? ORDER BY id", arguments: [kind])
            .map(JSONValue.stored)
    }

    static func fetch(_ db: Database, _ kind: String, ids: [Int]) throws -> [Int: JSONValue] {
        guard !ids.isEmpty else { return [:] }
        let unique = Array(Set(ids))
        let placeholders = databaseQuestionMarks(count: unique.count)
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, body FROM objects WHERE kind = ? AND id IN (\(placeholders))",
            arguments: StatementArguments([kind] + unique.map { $0 as any DatabaseValueConvertible }))
        var result: [Int: JSONValue] = [:]
        for row in rows { result[row["id"]] = JSONValue.stored(row["body"]) }
        return result
    }

    /// Inserts `body` under a new id (or the id it carries) and returns the stored body.
    @discardableResult
    static func insert(_ db: Database, _ kind: String, _ body: [String: JSONValue]) throws -> JSONValue {
        let id = try db.nextValue(of: "objects.\(kind)")
        var stored = body
        stored["id"] = .int(id)
        stored["url"] = .reference(kind, id)
        let value = JSONValue.object(stored)
        try db.execute(
            sql: "INSERT INTO objects (kind, id, body) VALUES (?, ?, ?)", arguments: [kind, id, value.storageText])
        return value
    }

    static func replace(_ db: Database, _ kind: String, id: Int, _ body: JSONValue) throws {
        try db.execute(
            sql: "UPDATE objects SET body = ? WHERE kind = ? AND id = ?", arguments: [body.storageText, kind, id])
    }

    static func delete(_ db: Database, _ kind: String, id: Int) throws -> Bool {
        try db.execute(sql: "DELETE FROM objects WHERE kind = ? AND id = ?", arguments: [kind, id])
        return db.changesCount > 0
    }
}
