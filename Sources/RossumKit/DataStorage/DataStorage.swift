import NIOCore

extension RossumClient {
    /// Data Storage: the collections behind MDH datasets, queried Mongo-style (`/svc/data-storage/api/v1`).
    public var dataStorage: DataStorage { DataStorage(client: self) }
}

/// Status of an asynchronous Data Storage operation (UPPERCASE on the wire).
public enum StorageOperationStatus: OpenEnum {
    case created, running, finished, failed
    case other(String)

    public init(rawValue: String) {
        switch rawValue.uppercased() {
        case "CREATED": self = .created
        case "RUNNING": self = .running
        case "FINISHED": self = .finished
        case "FAILED": self = .failed
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .created: return "CREATED"
        case .running: return "RUNNING"
        case .finished: return "FINISHED"
        case .failed: return "FAILED"
        case .other(let value): return value
        }
    }
}

/// `operation_status/{id}`.
public struct StorageOperation: Sendable, Hashable, Decodable {
    public var id: String
    public var status: StorageOperationStatus
    public var operation: String?
    public var lastUpdated: String?
    public var errorMessage: String?

    enum CodingKeys: String, CodingKey {
        case id = "_id", status, operation
        case lastUpdated = "last_updated"
        case errorMessage = "error_message"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try? container.decode(String.self, forKey: .id) {
            id = text
        } else {
            id = try container.decode(JSONValue.self, forKey: .id)["$oid"]?.stringValue ?? ""
        }
        status = try container.decode(StorageOperationStatus.self, forKey: .status)
        operation = try container.decodeIfPresent(String.self, forKey: .operation)
        lastUpdated = try container.decodeIfPresent(String.self, forKey: .lastUpdated)
        errorMessage = try container.decodeIfPresent(String.self, forKey: .errorMessage)
    }
}

/// Counts reported by `update_one`/`update_many`/`replace_one`.
public struct StorageUpdateResult: Sendable, Hashable, Decodable {
    public var matchedCount: Int
    public var modifiedCount: Int
    public var upsertedID: JSONValue?

    enum CodingKeys: String, CodingKey {
        case matchedCount = "matched_count"
        case modifiedCount = "modified_count"
        case upsertedID = "upserted_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        matchedCount = try container.decodeIfPresent(Int.self, forKey: .matchedCount) ?? 0
        modifiedCount = try container.decodeIfPresent(Int.self, forKey: .modifiedCount) ?? 0
        upsertedID = try container.decodeIfPresent(JSONValue.self, forKey: .upsertedID)
    }
}

/// Data Storage: JSON RPC over POST, answers wrapped in `{"code", "message", "result"}`.
/// An answer with `"code": "error"` becomes `RossumError.failed` with the server's message; error
/// statuses become `RossumError.http` with it.
public struct DataStorage: Sendable {
    public let client: RossumClient

    /// `servicesRoot` + `/svc/data-storage/api/v1`.
    public var baseURL: String { client.serviceURL("svc/data-storage/api/v1") }

    // MARK: Collections

    /// Collection names.
    public func collections(filter: JSONValue? = nil) async throws -> [String] {
        var body: JSONObject = ["nameOnly": true]
        if let filter { body["filter"] = filter }
        return try await call("collections/list", body, idempotent: true, as: [JSONValue].self)
            .compactMap { $0.stringValue ?? $0["name"]?.stringValue }
    }

    public func createCollection(_ name: String, options: JSONValue? = nil) async throws {
        var body: JSONObject = ["collectionName": .string(name)]
        if let options { body["options"] = options }
        _ = try await call("collections/create", body, idempotent: false, as: JSONValue.self)
    }

    public func renameCollection(_ name: String, to target: String, dropTarget: Bool = false) async throws {
        _ = try await call("collections/rename", ["collectionName": .string(name), "target": .string(target), "dropTarget": .bool(dropTarget)],
                           idempotent: false, as: JSONValue.self)
    }

    /// Drops a collection; the server does it asynchronously. Returns the operation id when given.
    @discardableResult
    public func dropCollection(_ name: String) async throws -> String? {
        let response = try await raw("collections/drop", ["collectionName": .string(name)], idempotent: true)
        return try operationID(from: response)
    }

    // MARK: Reading

    /// Documents matching `query`, as JSON.
    public func find(_ collection: String, query: JSONValue = [:], projection: JSONValue? = nil, sort: JSONValue? = nil,
                     skip: Int = 0, limit: Int = 0) async throws -> [JSONValue] {
        try await find(collection, query: query, projection: projection, sort: sort, skip: skip, limit: limit, as: JSONValue.self)
    }

    /// Documents matching `query`, decoded as `T`.
    public func find<T: Decodable & Sendable>(_ collection: String, query: JSONValue = [:], projection: JSONValue? = nil,
                                              sort: JSONValue? = nil, skip: Int = 0, limit: Int = 0, as type: T.Type) async throws -> [T] {
        try await call("data/find", Self.findBody(collection, query: query, projection: projection, sort: sort, skip: skip, limit: limit),
                       idempotent: true, as: [T].self)
    }

    static func findBody(_ collection: String, query: JSONValue, projection: JSONValue?, sort: JSONValue?, skip: Int, limit: Int) -> JSONObject {
        var body: JSONObject = ["collectionName": .string(collection), "query": query]
        if let projection { body["projection"] = projection }
        if let sort { body["sort"] = sort }
        if skip > 0 { body["skip"] = .number(Double(skip)) }
        body["limit"] = .number(Double(limit))
        return body
    }

    /// Runs an aggregation pipeline.
    public func aggregate(_ collection: String, pipeline: [JSONValue]) async throws -> [JSONValue] {
        try await call("data/aggregate", ["collectionName": .string(collection), "pipeline": .array(pipeline)], idempotent: true, as: [JSONValue].self)
    }

    /// Number of documents matching `query` (an aggregation with `$count`: there is no count endpoint).
    public func count(_ collection: String, query: JSONValue = [:]) async throws -> Int {
        var pipeline: [JSONValue] = []
        if query.objectValue?.isEmpty == false { pipeline.append(["$match": query]) }
        pipeline.append(["$count": "count"])
        let rows = try await aggregate(collection, pipeline: pipeline)
        return rows.first?["count"]?.intValue ?? 0
    }

    // MARK: Writing

    /// Inserts one document; returns its `_id`.
    public func insertOne(_ collection: String, document: JSONValue) async throws -> JSONValue {
        let result = try await call("data/insert_one", ["collectionName": .string(collection), "document": document], idempotent: false, as: JSONValue.self)
        return result["inserted_id"] ?? .null
    }

    /// Inserts documents; returns their `_id`s.
    public func insertMany(_ collection: String, documents: [JSONValue], ordered: Bool = false) async throws -> [JSONValue] {
        let result = try await call("data/insert_many", ["collectionName": .string(collection), "documents": .array(documents), "ordered": .bool(ordered)],
                                    idempotent: false, as: JSONValue.self)
        return result["inserted_ids"]?.arrayValue ?? []
    }

    public func updateOne(_ collection: String, filter: JSONValue, update: JSONValue, upsert: Bool = false) async throws -> StorageUpdateResult {
        try await call("data/update_one", updateBody(collection, filter, update, upsert), idempotent: false, as: StorageUpdateResult.self)
    }

    public func updateMany(_ collection: String, filter: JSONValue, update: JSONValue, upsert: Bool = false) async throws -> StorageUpdateResult {
        try await call("data/update_many", updateBody(collection, filter, update, upsert), idempotent: false, as: StorageUpdateResult.self)
    }

    public func replaceOne(_ collection: String, filter: JSONValue, replacement: JSONValue, upsert: Bool = false) async throws -> StorageUpdateResult {
        var body: JSONObject = ["collectionName": .string(collection), "filter": filter, "replacement": replacement]
        if upsert { body["options"] = ["upsert": true] }
        return try await call("data/replace_one", body, idempotent: false, as: StorageUpdateResult.self)
    }

    /// Deletes the first match; returns how many were deleted (0 or 1).
    public func deleteOne(_ collection: String, filter: JSONValue) async throws -> Int {
        try await call("data/delete_one", ["collectionName": .string(collection), "filter": filter], idempotent: false, as: JSONValue.self)["deleted_count"]?.intValue ?? 0
    }

    /// Deletes every match; returns how many were deleted. Deleting again deletes nothing more, so it is retried.
    public func deleteMany(_ collection: String, filter: JSONValue) async throws -> Int {
        try await call("data/delete_many", ["collectionName": .string(collection), "filter": filter], idempotent: true, as: JSONValue.self)["deleted_count"]?.intValue ?? 0
    }

    private func updateBody(_ collection: String, _ filter: JSONValue, _ update: JSONValue, _ upsert: Bool) -> JSONObject {
        var body: JSONObject = ["collectionName": .string(collection), "filter": filter, "update": update]
        if upsert { body["options"] = ["upsert": true] }
        return body
    }

    // MARK: Operations

    public func operationStatus(_ id: String) async throws -> StorageOperation {
        try await client.send(APIRequest("GET", URLText.resolve("operation_status/\(URLText.percentEncodePathSegment(id))", against: baseURL))) { response in
            try unwrap(response, endpoint: "operation_status", as: StorageOperation.self)
        }
    }

    // MARK: Envelope

    func request(_ endpoint: String, _ body: JSONObject, idempotent: Bool) -> APIRequest {
        APIRequest("POST", URLText.resolve(endpoint, against: baseURL), body: .json(.object(body)), idempotent: idempotent)
    }

    func raw(_ endpoint: String, _ body: JSONObject, idempotent: Bool) async throws -> HTTPResponseData {
        try await client.send(request(endpoint, body, idempotent: idempotent))
    }

    /// Sends a call and unwraps its envelope as part of the attempt: a cut-short answer to a
    /// read is asked again.
    func call<T: Decodable>(_ endpoint: String, _ body: JSONObject, idempotent: Bool, as type: T.Type) async throws -> T {
        try await client.send(request(endpoint, body, idempotent: idempotent)) { response in
            try unwrap(response, endpoint: endpoint, as: T.self)
        }
    }

    func unwrap<T: Decodable>(_ response: HTTPResponseData, endpoint: String, as type: T.Type) throws -> T {
        let envelope = try client.decode(StorageEnvelope<T>.self, from: response.body)
        // `{}` (or any object without either) is not an answer of the service: a write must
        // not pass for done on it.
        guard envelope.code != nil || envelope.result != nil else {
            throw RossumError.decoding(type: "StorageEnvelope<\(T.self)>", path: "", reason: "neither a code nor a result",
                                       snippet: RossumClient.snippet(of: response.body, limit: 200))
        }
        if let code = envelope.code, code.lowercased() == "error" {
            throw RossumError.failed(what: "Data Storage \(endpoint)", detail: envelope.message ?? "")
        }
        if let result = envelope.result { return result }
        if let null = JSONValue.null as? T { return null }  // endpoints that answer without a result
        throw RossumError.decoding(type: "StorageEnvelope<\(T.self)>", path: "result", reason: "missing result",
                                   snippet: RossumClient.snippet(of: response.body, limit: 200))
    }

    func operationID(from response: HTTPResponseData) throws -> String? {
        if let location = response.header("Content-Location") ?? response.header("Location"),
           let id = MasterDataHub.operationID(fromLocation: location) {
            return id
        }
        let envelope = try? client.decode(StorageEnvelope<JSONValue>.self, from: response.body)
        guard let message = envelope?.message else { return nil }
        // `{"code": "accept", "message": "... 64f0c2a1b3e4d5f6a7b8c9d0 ..."}`: the 24-hex operation id.
        let words = message.split { !$0.isHexDigit }
        return words.first { $0.count == 24 }.map(String.init)
    }
}

struct StorageEnvelope<T: Decodable>: Decodable {
    var code: String?
    var message: String?
    var result: T?
}
