import Foundation

/// The families of the sandbox's second fidelity round: MDH v2 datasets, MDH v1's fuzzy search
/// switch, Data Storage's older search index create and drop, its health check and operation
/// status, e-mail counts and email threads. Like the other newer families, requests stay close
/// to valid and go wrong in one place.
extension RequestFuzzer {
    static let v2Bases = ["/svc/master-data-hub/api/v2", "/svc/data-matching/api/v2"]
    static let v1Bases = ["/svc/master-data-hub/api/v1", "/svc/data-matching/api/v1"]

    /// `GET datasets` and `POST datasets/{name}` with or without `search_indexes`.
    mutating func datasetsV2() -> FuzzRequest {
        let base = pick(Self.v2Bases) + "/datasets"
        if chance(0.35) {
            let limit = pick(["", "?limit=1000", "?limit=1", "?limit=0", "?limit=-5", "?limit=x", "?limit=1e3", "?limit="])
            return FuzzRequest(family: "", method: chance(0.9) ? "GET" : wrongMethod(["GET"]), path: base + limit)
        }
        var request = FuzzRequest(family: "", method: chance(0.9) ? "POST" : wrongMethod(["POST"]), path: base + "/" + pick(Self.datasetNames))
        guard chance(0.8) else { return request }
        let indexes: FuzzJSON = chance(0.8) ? .array((0..<int(0...3)).map { _ in searchIndexItem() }) : value()
        (request.body, request.contentType) = chance(0.9) ? json([("search_indexes", indexes)]) : json([(pick(["x", "name"]), value())])
        if chance(0.05) { (request.body, request.contentType) = (Data("{\"search_indexes\": [".utf8), "application/json") }
        return request
    }

    /// An item of a create's `search_indexes`: `{name, definition}` or the flat older form.
    mutating func searchIndexItem() -> FuzzJSON {
        let definition: FuzzJSON = .object([("mappings", chance(0.8) ? .object([("dynamic", scalar())]) : value())])
        if chance(0.5) {
            return .object([("name", chance(0.85) ? .string(pick(["default", "by_name", ""])) : value()), ("definition", definition)])
        }
        return .object([("name", .string(pick(["flat", "default"]))), ("mappings", chance(0.8) ? .object([]) : value()),
                        (pick(["analyzer", "bogus", "storedSource"]), scalar())])
    }

    /// MDH v1 `fuzzy_search/{dataset}`: on, off, and methods it does not take.
    mutating func fuzzySearchSwitch() -> FuzzRequest {
        let method = pick(["POST", "DELETE", "POST", "DELETE", wrongMethod(["POST", "DELETE"])])
        var request = FuzzRequest(family: "", method: method, path: pick(Self.v1Bases) + "/fuzzy_search/" + pick(Self.datasetNames))
        if chance(0.2) { (request.body, request.contentType) = json([("x", value())]) }
        request.authorized = chance(0.95)
        return request
    }

    /// Data Storage's `search_indexes/create` and `drop` (and `list`), `healthz`, `operation_status`.
    mutating func storageSearchIndexWrites() -> FuzzRequest {
        switch int(0...4) {
        case 0:
            return FuzzRequest(family: "", method: chance(0.85) ? "GET" : wrongMethod(["GET"]), path: "/svc/data-storage/api/healthz")
        case 1:
            let id = pick(["000000000000000000000000", "", "x", "%00", String(repeating: "f", count: 24), "../x"])
            return FuzzRequest(family: "", method: chance(0.85) ? "GET" : wrongMethod(["GET"]), path: "/svc/data-storage/api/v1/operation_status/" + id)
        default:
            let endpoint = pick(["search_indexes/create", "search_indexes/create", "search_indexes/drop", "search_indexes/list"])
            var request = FuzzRequest(family: "", method: chance(0.92) ? "POST" : wrongMethod(["POST"]), path: "/svc/data-storage/api/v1/" + endpoint)
            var fields: [(String, FuzzJSON)] = [("collectionName", pick(Self.collections))]
            if chance(0.8) { fields.append((pick(["indexName", "indexName", "name"]), chance(0.8) ? .string(pick(["default", "by_name", "", "x"])) : value())) }
            if chance(0.6) { fields.append(("mappings", chance(0.75) ? .object([("dynamic", scalar())]) : value())) }
            if chance(0.3) { fields.append(("definition", chance(0.6) ? .object([("mappings", .object([]))]) : value())) }
            if chance(0.3) { fields.append((pick(["searchAnalyzer", "storedSource", "numPartitions", "bogus"]), scalar())) }
            (request.body, request.contentType) = json(fields)
            return request
        }
    }

    /// `email_threads` (list with its filters, counts, retrieve, PATCH/PUT) and `emails/counts`.
    mutating func emailThreads() -> FuzzRequest {
        let keys = ["page", "page_size", "ordering", "queue", "id", "has_root_email", "has_replies", "has_new_replies",
                    "created_at_before", "created_at_after", "last_email_created_at_before", "last_email_created_at_after",
                    "recent_with_no_documents_not_replied", "bogus"]
        switch int(0...4) {
        case 0: return FuzzRequest(family: "", method: chance(0.9) ? "GET" : wrongMethod(["GET"]), path: "/api/v1/email_threads" + query(keys))
        case 1: return FuzzRequest(family: "", method: chance(0.9) ? "GET" : wrongMethod(["GET"]), path: "/api/v1/email_threads/counts" + query(keys))
        case 2:
            let emailKeys = ["queue", "inbox", "type", "has_documents", "email_thread", "created_at_after", "last_thread_email_created_at_before"]
            return FuzzRequest(family: "", method: chance(0.9) ? "GET" : wrongMethod(["GET"]), path: "/api/v1/emails/counts" + query(emailKeys))
        case 3:
            return FuzzRequest(family: "", method: pick(["GET", "GET", wrongMethod(["GET", "PATCH", "PUT"])]), path: "/api/v1/email_threads/\(pathID())")
        default:
            var request = FuzzRequest(family: "", method: pick(["PATCH", "PATCH", "PUT"]), path: "/api/v1/email_threads/\(pathID())")
            let fields = ["has_new_replies", "has_new_replies", "root_email", "root_email_read", "subject", "labels", "id", "bogus"]
            let flag: FuzzJSON = chance(0.5) ? .bool(chance(0.5)) : .string(pick(["True", "false", "1", "maybe", ""]))
            (request.body, request.contentType) = json((0..<int(0...3)).map { _ in
                let field = pick(fields)
                return (field, field == "has_new_replies" && chance(0.7) ? flag : value())
            })
            return request
        }
    }
}
