import GRDB

/// The Atlas-style search index registry of a dataset (MDH v2 `datasets/{name}/search_indexes`,
/// Data Storage's older `search_indexes/list`). Every dataset has `default`, with dynamic
/// mappings, as MDH creates it when a dataset names no indexes; `PUT` adds or replaces one.
/// The sandbox builds nothing, so an index is `READY` and queryable as soon as it is stored, and
/// `$search` reads its `index` only to know whether it exists.
enum SearchIndexes {
    static let defaultName = "default"
    static let defaultDefinition = Document([("mappings", .object(Document([("dynamic", .bool(true))])))])

    static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("datahub-search-indexes") { db in
            try db.execute(sql: """
                CREATE TABLE datahub_search_index (
                    collection_id INTEGER NOT NULL REFERENCES datahub_collection(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    definition TEXT NOT NULL,
                    dropped INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (collection_id, name));
                """)
        }
    }

    /// The declared indexes in name order: `default` unless it was dropped, and those put since.
    static func declared(_ db: Database, collectionID: Int64) throws -> [(name: String, definition: Document)] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT name, definition, dropped FROM datahub_search_index WHERE collection_id = ?", arguments: [collectionID])
        var definitions: [String: Document] = [defaultName: defaultDefinition]
        for row in rows {
            let name: String = row["name"]
            if row["dropped"] as Bool { definitions[name] = nil; continue }
            if case .object(let definition) = try DocumentJSONParser.parse(Array((row["definition"] as String).utf8)) {
                definitions[name] = definition
            }
        }
        return definitions.keys.sorted().map { ($0, definitions[$0] ?? Document()) }
    }

    /// MDH v2's `SearchIndexWithStatus`: `{name, definition, queryable, status}`.
    static func list(_ db: Database, collectionID: Int64) throws -> [Document] {
        try declared(db, collectionID: collectionID).map { name, definition in
            Document([("name", .string(name)), ("definition", .object(definition)), ("queryable", .bool(true)), ("status", .string("READY"))])
        }
    }

    /// The older Data Storage list item, which MDH still serves under the old path:
    /// `{name, type, status, queryable, latest_definition}`.
    static func compatibleList(_ db: Database, collectionID: Int64) throws -> [Document] {
        try declared(db, collectionID: collectionID).map { name, definition in
            Document([("name", .string(name)), ("type", .string("search")), ("status", .string("READY")), ("queryable", .bool(true)),
                      ("latest_definition", .object(definition))])
        }
    }

    static func exists(_ db: Database, collectionID: Int64, name: String) throws -> Bool {
        try declared(db, collectionID: collectionID).contains { $0.name == name }
    }

    /// Stores `definition` (the bare body of the `PUT`); `mappings` is required, as in Atlas.
    static func put(_ db: Database, collectionID: Int64, name: String, definition: Document) throws {
        try validate(name: name, definition: definition)
        try db.execute(
            sql: "INSERT OR REPLACE INTO datahub_search_index (collection_id, name, definition, dropped) VALUES (?, ?, ?, 0)",
            arguments: [collectionID, name, DocumentJSONWriter.string(.object(definition))])
    }

    private static func validate(name: String, definition: Document) throws(QueryError) {
        guard !name.isEmpty, name.count <= 100 else { throw QueryError("a search index name must have 1 to 100 characters") }
        guard case .object? = definition["mappings"] else { throw QueryError("mappings is required and must be an object") }
        // MDH takes the snake_case spellings as well (it stores and lists them so).
        let allowed = ["mappings", "analyzer", "searchAnalyzer", "search_analyzer", "analyzers", "synonyms",
                       "storedSource", "stored_source", "numPartitions", "num_partitions"]
        if let unknown = definition.keys.first(where: { !allowed.contains($0) }) { throw QueryError("unknown search index field: \(unknown)") }
    }

    /// Declares exactly these indexes (`[]`: none, not even `default`), as a dataset created with
    /// `search_indexes` does. Every definition is checked before any is stored.
    static func declareOnly(_ db: Database, collectionID: Int64, _ indexes: [(name: String, definition: Document)]) throws {
        var seen: Set<String> = []
        for index in indexes {
            try validate(name: index.name, definition: index.definition)
            guard seen.insert(index.name).inserted else { throw QueryError("search index \(index.name) is declared twice") }
        }
        for current in try declared(db, collectionID: collectionID) where !seen.contains(current.name) {
            _ = try drop(db, collectionID: collectionID, name: current.name)
        }
        for index in indexes { try put(db, collectionID: collectionID, name: index.name, definition: index.definition) }
    }

    /// False when there was no such index. `default` is remembered as dropped, not deleted.
    static func drop(_ db: Database, collectionID: Int64, name: String) throws -> Bool {
        guard try exists(db, collectionID: collectionID, name: name) else { return false }
        try db.execute(
            sql: "INSERT OR REPLACE INTO datahub_search_index (collection_id, name, definition, dropped) VALUES (?, ?, '{}', 1)",
            arguments: [collectionID, name])
        return true
    }
}
