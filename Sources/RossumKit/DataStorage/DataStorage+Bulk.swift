/// Data Storage's asynchronous calls (`data/bulk_write`, `data/aggregate_async`) and its index
/// registry. The asynchronous ones answer 202 with an operation: poll it with `operationStatus`.
extension DataStorage {
    /// Runs writes in order (`insertOne`, `updateOne`, `updateMany`, `replaceOne`, `deleteOne`,
    /// `deleteMany` objects, e.g. `["insertOne": ["document": …]]`). With `ordered` the first
    /// failure stops the rest. Returns the operation id. Never retried: the writes would repeat.
    @discardableResult
    public func bulkWrite(_ collection: String, operations: [JSONValue], ordered: Bool = true) async throws -> String? {
        let body: JSONObject = ["collectionName": .string(collection), "operations": .array(operations), "ordered": .bool(ordered)]
        return try operationID(from: try await raw("data/bulk_write", body, idempotent: false))
    }

    /// Starts an aggregation (typically ending in `$out`); returns the operation id.
    @discardableResult
    public func aggregateAsync(_ collection: String, pipeline: [JSONValue]) async throws -> String? {
        let body: JSONObject = ["collectionName": .string(collection), "pipeline": .array(pipeline)]
        return try operationID(from: try await raw("data/aggregate_async", body, idempotent: false))
    }

    /// The collection's index names (`_id_` included).
    public func indexNames(_ collection: String) async throws -> [String] {
        try await indexes(collection, nameOnly: true).compactMap(\.stringValue)
    }

    /// The collection's index documents (`v`, `key`, `name` and options).
    public func indexes(_ collection: String) async throws -> [JSONValue] {
        try await indexes(collection, nameOnly: false)
    }

    private func indexes(_ collection: String, nameOnly: Bool) async throws -> [JSONValue] {
        try await call("indexes/list", ["collectionName": .string(collection), "nameOnly": .bool(nameOnly)], idempotent: true, as: [JSONValue].self)
    }

    /// Creates an index (`keys` like `["country": 1]`); creating the same one again is harmless,
    /// so it is retried. Returns the operation id.
    @discardableResult
    public func createIndex(_ collection: String, name: String? = nil, keys: JSONValue, options: JSONValue? = nil) async throws -> String? {
        var body: JSONObject = ["collectionName": .string(collection), "keys": keys]
        if let name { body["indexName"] = .string(name) }
        if let options { body["options"] = options }
        return try operationID(from: try await raw("indexes/create", body, idempotent: true))
    }

    /// Drops an index by name; returns the operation id.
    @discardableResult
    public func dropIndex(_ collection: String, name: String) async throws -> String? {
        try operationID(from: try await raw("indexes/drop", ["collectionName": .string(collection), "indexName": .string(name)], idempotent: false))
    }
}
