import Foundation

/// The route families added after the fuzzer was first written: e-mails, pages and page
/// editing, annotation copy and assign, hook calls, and Data Storage's bulk writes, async
/// aggregation and indexes. Requests stay close to valid (real paths, mostly the right
/// fields) so they reach the handlers, then go wrong in one place.
extension RequestFuzzer {
    /// Any method the router does not serve for the path, to check 405 (or 404) with a body.
    mutating func wrongMethod(_ served: [String]) -> String {
        pick(["GET", "POST", "PUT", "PATCH", "DELETE"].filter { !served.contains($0) })
    }

    mutating func emails() -> FuzzRequest {
        let keys = ["page", "page_size", "ordering", "queue", "inbox", "type", "created_at_after", "created_at_before",
                    "last_thread_email_created_at_after", "subject", "email_thread", "has_documents", "id", "search"]
        switch int(0...5) {
        case 0: return FuzzRequest(family: "", method: "GET", path: "/api/v1/emails" + query(keys))
        case 1: return FuzzRequest(family: "", method: pick(["GET", "GET", wrongMethod(["GET", "PATCH", "PUT"])]), path: "/api/v1/emails/\(pathID())")
        case 2: return FuzzRequest(family: "", method: pick(["GET", wrongMethod(["GET"])]), path: "/api/v1/emails/\(pathID())/content")
        case 3:
            var request = FuzzRequest(family: "", method: pick(["PATCH", "PATCH", "PUT"]), path: "/api/v1/emails/\(pathID())")
            let fields = ["metadata", "labels", "type", "queue", "annotations", "documents", "email_thread", "subject", "id", "bogus"]
            (request.body, request.contentType) = json((0..<int(0...3)).map { _ in (pick(fields), value()) })
            return request
        default:
            var request = FuzzRequest(family: "", method: chance(0.9) ? "POST" : wrongMethod(["POST"]), path: "/api/v1/emails/import")
            var parts: [(name: String, fileName: String?, type: String?, body: Data)] = []
            if chance(0.7) {
                let message = pick(["From: a@b.c\r\nTo: q@sandbox\r\nSubject: x\r\n\r\nbody", "", "not a message", "\u{0}\u{1}", "Subject: =?utf-8?B?!!!?=\r\n\r\n"])
                parts.append(("raw_message", pick(["m.eml", "", "x"]), chance(0.5) ? "message/rfc822" : nil, Data(message.utf8)))
            }
            for _ in 0..<int(0...3) {
                let field = pick(["recipient", "metadata", "values", "bogus"])
                let text = pick(["", "q@sandbox", "nobody@nowhere", "{}", "[]", "{\"emails_import:a\":1}", "{\"x\":1}", "{", "null", "1"])
                parts.append((field, nil, nil, Data(text.utf8)))
            }
            (request.body, request.contentType) = chance(0.85) ? multipart(parts) : json([("recipient", string())])
            return request
        }
    }

    mutating func pages() -> FuzzRequest {
        let keys = ["id", "annotation", "number", "ordering", "page", "page_size"]
        if chance(0.5) { return FuzzRequest(family: "", method: chance(0.85) ? "GET" : wrongMethod(["GET"]), path: "/api/v1/pages" + query(keys)) }
        let tail = pick(["", "", "/content", "/preview", "/bogus"])
        return FuzzRequest(family: "", method: chance(0.85) ? "GET" : wrongMethod(["GET"]), path: "/api/v1/pages/\(pathID())\(tail)")
    }

    /// A URL to an object that may or may not exist (drawn from the seed, so runs repeat).
    mutating func hyperlink() -> FuzzJSON {
        .string("http://127.0.0.1/api/v1/\(pick(["annotations", "pages", "queues", "users"]))/\(int(0...40))")
    }

    /// `edit_pages`, `copy` and `assign`: the annotation actions that create or reassign.
    mutating func annotationEdit() -> FuzzRequest {
        switch int(0...2) {
        case 0:
            var request = FuzzRequest(family: "", method: chance(0.9) ? "POST" : wrongMethod(["POST"]), path: "/api/v1/annotations/\(pathID())/edit_pages")
            let edit: FuzzJSON = .array((0..<int(0...2)).map { _ in
                .object([("parent_pages", chance(0.8) ? .array((0..<int(0...2)).map { _ in
                    .object([("page", chance(0.7) ? hyperlink() : value()), ("rotation_deg", chance(0.5) ? number() : value()),
                             ("deleted", scalar())]) }) : value()),
                         ("metadata", chance(0.7) ? .object([]) : value()), ("document_name", scalar())])
            })
            var fields: [(String, FuzzJSON)] = [("edit", chance(0.85) ? edit : value())]
            for key in some(["delete", "stop_reviewing", "move", "stop_parent"], upTo: 2) {
                fields.append((key, chance(0.5) ? .array([hyperlink(), scalar()]) : value()))
            }
            (request.body, request.contentType) = json(fields)
            return request
        case 1:
            var request = FuzzRequest(family: "", method: chance(0.9) ? "POST" : wrongMethod(["POST"]),
                                      path: "/api/v1/annotations/\(pathID())/copy" + pick(["", "?reimport=true", "?reimport=x"]))
            (request.body, request.contentType) = json([("target_queue", chance(0.6) ? hyperlink() : value()),
                                                        ("target_status", chance(0.5) ? string() : .string(pick(["to_review", "importing", "exported"])))])
            return request
        default:
            var request = FuzzRequest(family: "", method: chance(0.9) ? "POST" : wrongMethod(["POST"]), path: "/api/v1/annotations/assign")
            (request.body, request.contentType) = json([("annotations", chance(0.7) ? .array((0..<int(0...2)).map { _ in hyperlink() }) : value()),
                                                        ("assignees", chance(0.7) ? .array((0..<int(0...2)).map { _ in hyperlink() }) : value()),
                                                        ("note_content", scalar())])
            return request
        }
    }

    mutating func hookCalls() -> FuzzRequest {
        let action = pick(["test", "invoke", "generate_payload"])
        var request = FuzzRequest(family: "", method: chance(0.9) ? "POST" : wrongMethod(["POST"]), path: "/api/v1/hooks/\(pathID())/\(action)")
        let payload: FuzzJSON = .object([("event", .string(pick(["annotation_content", "annotation_status", "invocation", "email", "bogus", ""]))),
                                         ("action", .string(pick(["initialize", "started", "updated", "changed", "manual", "x"]))),
                                         ("annotation", chance(0.5) ? .object([("id", chance(0.7) ? .int(int(1...40)) : value()), ("content", value())]) : value())])
        var fields: [(String, FuzzJSON)] = []
        if chance(0.8) { fields.append(("payload", chance(0.8) ? payload : value())) }
        if chance(0.4) { fields.append(("config", chance(0.5) ? .object([("runtime", string()), ("timeout_s", number())]) : value())) }
        for key in some(["event", "action", "annotation", "status", "previous_status", "email", "bogus"], upTo: 2) { fields.append((key, value())) }
        (request.body, request.contentType) = json(fields)
        return request
    }

    /// `data/bulk_write` and `data/aggregate_async`, on the collections the fuzzer may write.
    mutating func storageBulk() -> FuzzRequest {
        let prefix = "/svc/data-storage/api/v1/"
        if chance(0.05) { return FuzzRequest(family: "", method: wrongMethod(["POST"]), path: prefix + pick(["data/bulk_write", "data/aggregate_async"])) }
        var fields: [(String, FuzzJSON)] = chance(0.95) ? [("collectionName", pick(Self.writableCollections))] : []
        let endpoint: String
        if chance(0.5) {
            endpoint = "data/bulk_write"
            let kinds = ["insertOne", "updateOne", "updateMany", "replaceOne", "deleteOne", "deleteMany", "bogus"]
            let operations: FuzzJSON = .array((0..<int(0...4)).map { _ in
                let kind = pick(kinds)
                let spec: FuzzJSON = chance(0.85)
                    ? .object([("document", .object([(pick(Self.fields), value())])), ("filter", chance(0.8) ? filter() : value()),
                               ("update", update()), ("replacement", chance(0.7) ? .object([(pick(Self.fields), value())]) : value()),
                               ("upsert", scalar())])
                    : value()
                return chance(0.9) ? .object([(kind, spec)]) : value()
            })
            fields.append(("operations", chance(0.9) ? operations : value()))
            if chance(0.3) { fields.append(("ordered", scalar())) }
        } else {
            endpoint = "data/aggregate_async"
            if let collection = fields.first, chance(0.5) { fields = [(collection.0, pick(Self.collections))] }
            fields.append(("pipeline", chance(0.9) ? .array((0..<int(0...3)).map { _ in stage() }) : value()))
        }
        var request = FuzzRequest(family: "", method: "POST", path: prefix + endpoint)
        (request.body, request.contentType) = json(fields)
        return request
    }

    mutating func storageIndexes() -> FuzzRequest {
        let endpoint = pick(["indexes/list", "indexes/create", "indexes/create", "indexes/drop"])
        let path = "/svc/data-storage/api/v1/" + endpoint
        if chance(0.05) { return FuzzRequest(family: "", method: wrongMethod(["POST"]), path: path) }
        var fields: [(String, FuzzJSON)] = chance(0.95)
            ? [("collectionName", endpoint == "indexes/list" ? pick(Self.collections) : pick(Self.writableCollections))] : []
        switch endpoint {
        case "indexes/list": fields.append(("nameOnly", scalar()))
        case "indexes/create":
            let keys: FuzzJSON = .object((0..<int(0...3)).map { _ in (pick(Self.fields), pick([FuzzJSON.int(1), .int(-1), .string("text"), .int(0), number(), value()])) })
            fields.append(("keys", chance(0.85) ? keys : value()))
            if chance(0.5) { fields.append(("indexName", chance(0.7) ? .string(pick(["by_name", "", "_id_", "x"])) : value())) }
            if chance(0.4) { fields.append(("options", chance(0.7) ? .object([(pick(["unique", "name", "sparse", "bogus"]), scalar())]) : value())) }
        default:
            fields.append(("indexName", chance(0.8) ? .string(pick(["by_name", "_id_", "", "missing"])) : value()))
        }
        var request = FuzzRequest(family: "", method: "POST", path: path)
        (request.body, request.contentType) = json(fields)
        return request
    }

    /// MDH v2 search indexes, Data Storage's `search_indexes/list`, and `$search` pipelines.
    mutating func searchIndexes() -> FuzzRequest {
        let dataset = pick(["suppliers", "fuzz", "nowhere", "", "a%2Fb", "suppliers"])
        let index = pick(["default", "by_name", "", "x%20y", String(repeating: "i", count: 120)])
        let base = pick(["/svc/master-data-hub/api/v2", "/svc/data-matching/api/v2"]) + "/datasets/\(dataset)/search_indexes"
        switch int(0...4) {
        case 0: return FuzzRequest(family: "", method: pick(["GET", "GET", "POST", "DELETE"]), path: base)
        case 1:
            var request = FuzzRequest(family: "", method: pick(["PUT", "PUT", "POST", "PATCH"]), path: base + "/" + index)
            let definition: [(String, FuzzJSON)] = [("mappings", chance(0.7) ? .object([("dynamic", scalar()), ("fields", value())]) : value()),
                                                    (pick(["analyzer", "synonyms", "storedSource", "bogus"]), value())]
            (request.body, request.contentType) = json(chance(0.8) ? definition : [("x", value())])
            return request
        case 2: return FuzzRequest(family: "", method: pick(["DELETE", "DELETE", "GET"]), path: base + "/" + index)
        case 3:
            var request = FuzzRequest(family: "", method: "POST", path: "/svc/data-storage/api/v1/search_indexes/list")
            (request.body, request.contentType) = json([("collectionName", pick(Self.collections))])
            return request
        default:
            let text: FuzzJSON = .object([("query", chance(0.7) ? string() : value()), ("path", chance(0.6) ? .string(pick(Self.fields)) : value()),
                                          ("fuzzy", chance(0.6) ? .object([("maxEdits", scalar()), ("prefixLength", scalar())]) : value())])
            let search: FuzzJSON = .object([("index", chance(0.7) ? .string(index) : value()), (chance(0.9) ? "text" : "autocomplete", text)])
            var stages: [FuzzJSON] = [.object([("$search", chance(0.9) ? search : value())])]
            if chance(0.3) { stages.insert(stage(), at: int(0...1)) }
            if chance(0.5) { stages.append(stage()) }
            var request = FuzzRequest(family: "", method: "POST", path: "/svc/data-storage/api/v1/data/aggregate")
            (request.body, request.contentType) = json([("collectionName", pick(Self.collections)), ("pipeline", .array(stages))])
            return request
        }
    }

    /// Why a refusal's body is not Rossum-style, or nil when it is: the API answers with a JSON
    /// object (`detail` or field errors), Data Storage with `{"code": "error", "message": ...}`,
    /// the Master Data Hub with `{"message": ..., "type": "error"}`.
    static func errorBodyProblem(path: String, body: Data) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any], !object.isEmpty else {
            return "error body is not a JSON object: \(String(decoding: body.prefix(200), as: UTF8.self).debugDescription)"
        }
        if path.hasPrefix("/svc/data-storage/"), !(object["message"] is String) || object["code"] as? String != "error" {
            return "Data Storage error not in its envelope: \(object)"
        }
        if path.hasPrefix("/svc/master-data-hub/") || path.hasPrefix("/svc/data-matching/"), !(object["message"] is String) {
            return "Master Data Hub error without a message: \(object)"
        }
        return nil
    }
}
