import Foundation
@testable import RossumSandbox

/// One generated request, relative to the sandbox's base URL.
struct FuzzRequest: Sendable, CustomStringConvertible {
    var family: String
    var method: String
    /// Path and query, starting with `/`.
    var path: String
    var body: Data? = nil
    var contentType: String? = nil
    var headers: [(String, String)] = []
    /// False when the request must go out without the harness's token.
    var authorized = true

    var description: String {
        let shownBody = body.map { String(decoding: $0.prefix(400), as: UTF8.self) } ?? "-"
        return "[\(family)] \(method) \(path.prefix(300)) body: \(shownBody)"
    }
}

/// Generates malformed and borderline requests for every route family of the sandbox, from a
/// seed: the same seed gives the same requests. Values lean on the edges (numbers past Int64,
/// negative and fractional counts, empty and huge strings, wrong types, unknown operators,
/// broken JSON and multipart) while staying close enough to valid to reach the handlers.
struct RequestFuzzer {
    private var random: SplitMix64
    /// Every query, update, pipeline and expression operator the generator has emitted.
    private(set) var operatorsUsed: Set<String> = []
    private var counter = 0
    /// Stages and accumulators take turns (rather than being drawn) so each is sent many times.
    private var stageTurn = 0
    private var accumulatorTurn = 0
    private var probeTurn = 0
    private var expressionTurn = 0

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// The operators the sandbox implements; the fuzz test checks each was sent.
    static let queryOperators = ["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists", "$regex", "$options",
                                 "$size", "$all", "$elemMatch", "$not", "$and", "$or", "$nor", "$comment"]
    static let stageOperators = ["$match", "$sort", "$skip", "$limit", "$project", "$count", "$group", "$unwind", "$addFields", "$set", "$unset"]
    static let accumulators = ["$sum", "$avg", "$min", "$max", "$first", "$last", "$push", "$addToSet", "$count"]
    static let expressionOperators = ["$literal", "$concat", "$toUpper", "$toLower", "$add", "$multiply", "$ifNull", "$size"]
    static let updateOperators = ["$set", "$unset", "$inc"]
    static let searchOperators = ["$eq", "$ne", "$gt", "$lt", "$gte", "$lte", "$in", "$nin", "$startsWith", "$anyTokenStartsWith",
                                  "$containsPrefixes", "$emptyOrMissing"]
    static var everyOperator: Set<String> {
        Set(queryOperators + stageOperators + accumulators + expressionOperators + updateOperators + searchOperators.map { "search:" + $0 })
    }

    static let storageEndpoints = ["collections/list", "collections/create", "collections/drop", "collections/rename", "data/find",
                                   "data/aggregate", "data/insert_one", "data/insert_many", "data/update_one", "data/update_many",
                                   "data/replace_one", "data/delete_one", "data/delete_many"]

    private typealias Family = (name: String, make: @Sendable (inout RequestFuzzer) -> FuzzRequest)
    private static let families: [Family] = [
        ("annotations", { $0.annotationList() }), ("annotation", { $0.annotationItem() }),
        ("annotation-action", { $0.annotationAction() }), ("annotation-search", { $0.annotationSearch() }),
        ("annotation-write", { $0.annotationWrite() }), ("resources", { $0.resource() }), ("resources", { $0.resource() }),
        ("documents", { $0.documents() }), ("uploads", { $0.uploads() }), ("exports", { $0.export() }), ("auth", { $0.auth() }),
        ("mdh", { $0.masterDataHub() }), ("storage", { $0.storage() }), ("storage", { $0.storage() }),
        ("operator", { $0.operatorProbe() }), ("operator", { $0.operatorProbe() }), ("pipeline", { $0.pipelineProbe() }),
        ("admin", { $0.admin() }), ("platform", { $0.platform() }), ("diagnostics", { $0.diagnostics() }),
        ("paths", { $0.strayPath() }),
        // The newer endpoint families (RequestFuzzer+NewFamilies.swift); their refusals are also
        // checked for a Rossum-style error body.
        ("new:emails", { $0.emails() }), ("new:pages", { $0.pages() }), ("new:annotation-edit", { $0.annotationEdit() }),
        ("new:hook-calls", { $0.hookCalls() }), ("new:storage-bulk", { $0.storageBulk() }), ("new:storage-indexes", { $0.storageIndexes() }),
        ("new:search-indexes", { $0.searchIndexes() }),
        // The second fidelity round (RequestFuzzer+Fidelity.swift).
        ("new:datasets-v2", { $0.datasetsV2() }), ("new:fuzzy-search", { $0.fuzzySearchSwitch() }),
        ("new:storage-search-indexes", { $0.storageSearchIndexWrites() }), ("new:email-threads", { $0.emailThreads() }),
    ]

    /// The next request; families take turns so each gets its share.
    mutating func next() -> FuzzRequest {
        let family = Self.families[counter % Self.families.count]
        counter += 1
        var request = family.make(&self)
        request.family = family.name
        if request.body != nil, chance(0.08) { breakBody(&request) }
        return request
    }

    // MARK: - random primitives

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    mutating func chance(_ probability: Double) -> Bool { random.nextUnitInterval() < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    mutating func some<T>(_ items: [T], upTo maximum: Int) -> [T] {
        (0..<int(0...maximum)).map { _ in pick(items) }
    }

    // MARK: - values

    static let numbers = ["0", "1", "-1", "2", "3", "20", "100", "1.5", "-0.0", "0.5", "1e300", "-1e300", "1e400", "-1e400",
                          "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                          "18446744073709551616", "1e15", "1e16", "4294967296", "2147483648", "123456789012345678901234567890",
                          "1E2", "1e-400", "0.0000001", "-5", "65535", "65536"]
    static let strings = ["", "a", "ACME", "GmbH", "Köln", "山田", "\u{0}", "%00", "$gt", "$$ROOT", "$name", "$country", "$tags",
                          "null", "1,2", "-1", "../../", "<script>", "\\", "\"", "\n", "6740a1c00000000000000001",
                          "6740a1c0000000000000ffff", "ffffffffffffffffffffffff", "zzzzzzzzzzzzzzzzzzzzzzzz", "2026-01-01",
                          "to_review", "exported", "http://127.0.0.1/api/v1/queues/1", "@api/queues/1", "SUP-000001", "CZ", "a.b",
                          String(repeating: "x", count: 5000), String(repeating: "a", count: 60) + "!", "🙂", "\u{FEFF}"]
    static let fields = ["name", "country", "payment_terms_days", "active", "supplier_id", "city", "iban", "currency", "_id",
                         "a", "a.b", "items.0.sku", "tags", "", ".", "a..b", "$x", "name.first", "0", "_id.x"]
    static let patterns = ["^AC", "(", "[a-", "(a+)+$", "\\", ".*", "(?i)gmbh", "a{1000000}", "(?<=a)b", "\\p{L}+", "", "(x+x+)+y",
                           "^(([a-z])+.)+[A-Z]([a-z])+$", "\\1", "[[:alpha:]]", "*", String(repeating: "(", count: 300)]

    mutating func number() -> FuzzJSON { .raw(pick(Self.numbers)) }
    mutating func string() -> FuzzJSON { .string(pick(Self.strings)) }

    mutating func scalar() -> FuzzJSON {
        switch int(0...9) {
        case 0...3: return number()
        case 4...7: return string()
        case 8: return .bool(chance(0.5))
        default: return .null
        }
    }

    mutating func value(depth: Int = 0) -> FuzzJSON {
        if depth > 3 || chance(0.6) { return scalar() }
        if chance(0.5) { return .array((0..<int(0...3)).map { _ in value(depth: depth + 1) }) }
        return .object((0..<int(0...3)).map { _ in (pick(Self.fields + Self.strings.prefix(8)), value(depth: depth + 1)) })
    }

    /// Nesting far past any sane depth, to find recursion without a limit.
    mutating func deeplyNested() -> FuzzJSON {
        var nested = FuzzJSON.int(1)
        let depth = pick([100, 600, 2000])
        for level in 0..<depth { nested = level % 2 == 0 ? .array([nested]) : .object([("$and", nested)]) }
        return nested
    }

    mutating func pathID() -> String {
        pick(["1", "2", "3", "0", "-1", "999999", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "abc",
              "1.5", "1e3", "%20", "00001", "0x10", String(int(1...40)), String(int(1...40))])
    }

    mutating func queryValue() -> String {
        let raw: String
        switch int(0...5) {
        case 0, 1: raw = pick(Self.numbers)
        case 2: raw = pick(Self.strings)
        case 3: raw = some(Self.numbers + ["x", "", "http://h/api/v1/queues/1"], upTo: 4).joined(separator: ",")
        case 4: raw = pick(["to_review,postponed", "-id", "status,-created_at", "documents,content,queues", "true", "%", "1%2C2"])
        default: raw = String(int(0...50))
        }
        return Self.encodeQuery(raw)
    }

    static func encodeQuery(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~,")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    mutating func query(_ keys: [String], upTo maximum: Int = 5) -> String {
        let pairs = some(keys, upTo: maximum).map { "\(Self.encodeQuery($0))=\(queryValue())" }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }

    // MARK: - Mongo-style queries, pipelines and updates

    /// Sizes past SQLite's limits on expression depth (1,000) and on lists the sandbox bounds (10,000).
    mutating func longList() -> [FuzzJSON] {
        let count = pick([1_200, 12_000])
        return chance(0.5) ? (0..<count).map { FuzzJSON.string("v\($0)") } : (0..<count).map { FuzzJSON.int($0) }
    }

    mutating func filter(depth: Int = 0) -> FuzzJSON {
        if depth == 0, chance(0.03) {
            // As wide as a filter gets: a thousand fields, or a thousand parts of one `$and`.
            let clauses = (0..<1_100).map { index in ("f\(index)", FuzzJSON.string("v\(index)")) }
            return chance(0.5) ? .object(clauses) : .object([("$and", .array(clauses.map { FuzzJSON.object([$0]) }))])
        }
        var clauses: [(String, FuzzJSON)] = []
        for _ in 0..<int(0...3) {
            if depth < 3, chance(0.2) {
                let logical = pick(["$and", "$or", "$nor"])
                operatorsUsed.insert(logical)
                let parts: FuzzJSON = chance(0.85)
                    ? .array((0..<int(0...3)).map { _ in filter(depth: depth + 1) }) : value()
                clauses.append((logical, parts))
            } else if chance(0.05) {
                operatorsUsed.insert("$comment")
                clauses.append(("$comment", value()))
            } else if chance(0.02) {
                clauses.append((pick(["$where", "$text", "$expr"]), value()))
            } else {
                clauses.append((pick(Self.fields), chance(0.3) ? value(depth: 2) : condition(depth: depth)))
            }
        }
        return .object(clauses)
    }

    mutating func condition(depth: Int) -> FuzzJSON {
        var operators: [(String, FuzzJSON)] = []
        for _ in 0..<int(1...2) {
            let op = chance(0.05) ? pick(["$bogus", "$type", "$mod"]) : pick(Self.queryOperators.filter { !["$and", "$or", "$nor", "$comment"].contains($0) })
            operatorsUsed.insert(op)
            operators.append((op, operand(for: op, depth: depth)))
            if op == "$regex", chance(0.5) {
                operatorsUsed.insert("$options")
                operators.append(("$options", .string(pick(["i", "m", "s", "x", "ims", "q", "", "ii"]))))
            }
        }
        return .object(operators)
    }

    mutating func operand(for op: String, depth: Int) -> FuzzJSON {
        if chance(0.25) { return value() }
        switch op {
        case "$in", "$nin", "$all": return chance(0.05) ? .array(longList()) : .array((0..<int(0...4)).map { _ in scalar() })
        case "$exists": return chance(0.5) ? .bool(chance(0.5)) : number()
        case "$regex": return .string(pick(Self.patterns))
        case "$options": return .string(pick(["i", "q"]))
        case "$size": return number()
        case "$elemMatch": return depth < 3 ? filter(depth: depth + 1) : .object([])
        case "$not": return depth < 3 ? condition(depth: depth + 1) : .string("^a")
        default: return scalar()
        }
    }

    mutating func projection() -> FuzzJSON {
        .object((0..<int(0...3)).map { _ in
            (pick(Self.fields + ["$slice"]), pick([FuzzJSON.int(0), .int(1), .bool(true), .bool(false), .string("x"), .object([]), number()]))
        })
    }

    mutating func sort() -> FuzzJSON {
        .object((0..<int(0...3)).map { _ in (pick(Self.fields), pick([FuzzJSON.int(1), .int(-1), .int(0), .string("asc"), number()])) })
    }

    mutating func expression(depth: Int = 0) -> FuzzJSON {
        if depth > 2 || chance(0.35) {
            return chance(0.5) ? .string("$" + pick(Self.fields)) : pick([scalar(), .string("$$ROOT"), .string("$$NOW"), .string("$")])
        }
        let op = pick(Self.expressionOperators + ["$bogus", "$subtract"])
        operatorsUsed.insert(op)
        let arguments: FuzzJSON = chance(0.7) ? .array((0..<int(0...3)).map { _ in expression(depth: depth + 1) }) : expression(depth: depth + 1)
        return .object([(op, arguments)])
    }

    mutating func stage() -> FuzzJSON {
        let stages = Self.stageOperators + ["$lookup", "$facet"]
        let name = stages[stageTurn % stages.count]
        stageTurn += 1
        operatorsUsed.insert(name)
        let operand: FuzzJSON
        switch name {
        case "$match": operand = filter()
        case "$sort": operand = sort()
        case "$skip", "$limit": operand = chance(0.8) ? number() : value()
        case "$project": operand = chance(0.5) ? projection() : .object([(pick(Self.fields), expression())])
        case "$count": operand = chance(0.7) ? .string(pick(["n", "", "$n", "a.b", "total"])) : value()
        case "$group":
            var fields: [(String, FuzzJSON)] = chance(0.9) ? [("_id", chance(0.3) ? .null : expression())] : []
            for _ in 0..<int(0...3) {
                let accumulators = Self.accumulators + ["$median"]
                let accumulator = accumulators[accumulatorTurn % accumulators.count]
                accumulatorTurn += 1
                operatorsUsed.insert(accumulator)
                fields.append((pick(["total", "n", "names", "_x"]), .object([(accumulator, accumulator == "$count" ? .object([]) : expression())])))
            }
            operand = .object(fields)
        case "$unwind":
            operand = chance(0.5) ? .string("$" + pick(Self.fields)) : .object([("path", string()), ("preserveNullAndEmptyArrays", scalar())])
        case "$addFields", "$set": operand = .object((0..<int(0...3)).map { _ in (pick(Self.fields), expression()) })
        case "$unset": operand = chance(0.5) ? string() : .array(some(Self.fields, upTo: 3).map(FuzzJSON.string))
        default: operand = value()
        }
        if chance(0.05) { return .object([(name, operand), ("$limit", .int(1))]) }
        return .object([(name, operand)])
    }

    mutating func update() -> FuzzJSON {
        if chance(0.1) { return pick([.array([stage()]), .object([("name", string())]), .object([]), value()]) }
        return .object((0..<int(1...3)).map { _ in
            let op = pick(Self.updateOperators + ["$rename", "$push"])
            operatorsUsed.insert(op)
            let fields: [(String, FuzzJSON)] = (0..<int(0...3)).map { _ in (pick(Self.fields), op == "$inc" ? (chance(0.7) ? number() : value()) : value()) }
            return (op, chance(0.9) ? .object(fields) : value())
        })
    }

    // MARK: - bodies

    mutating func json(_ fields: [(String, FuzzJSON)]) -> (Data, String) {
        (FuzzJSON.object(fields).data, "application/json")
    }

    /// Replaces a request's body with something that is not what its content type says.
    mutating func breakBody(_ request: inout FuzzRequest) {
        let text = request.body.map { String(decoding: $0, as: UTF8.self) } ?? ""
        switch int(0...6) {
        case 0: request.body = Data(text.prefix(text.count / 2).utf8)
        case 1: request.body = Data([0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x7B])
        case 2: request.body = deeplyNested().data
        case 3: request.body = Data(pick(["{", "[", "nul", "{\"a\":}", "{\"a\" 1}", "[1,]", "\"\\uD800\"", "{\"a\":1}{}"]).utf8)
        case 4: request.contentType = pick(["application/x-www-form-urlencoded", "text/plain", "multipart/form-data", "application/json; charset=latin1"])
        case 5: request.body = Data("a=1&b=%ZZ&&=&c".utf8); request.contentType = "application/x-www-form-urlencoded"
        default: request.body = Data()
        }
    }

    mutating func multipart(_ parts: [(name: String, fileName: String?, type: String?, body: Data)]) -> (Data, String) {
        let boundary = "fuzz-boundary-\(int(0...999))"
        var body = Data()
        for part in parts {
            var disposition = "Content-Disposition: form-data; name=\"\(part.name)\""
            if let fileName = part.fileName { disposition += "; filename=\"\(fileName)\"" }
            body.append(Data("--\(boundary)\r\n\(disposition)\r\n".utf8))
            if let type = part.type { body.append(Data("Content-Type: \(type)\r\n".utf8)) }
            body.append(Data("\r\n".utf8))
            body.append(part.body)
            body.append(Data("\r\n".utf8))
        }
        if chance(0.9) { body.append(Data("--\(boundary)--\r\n".utf8)) }
        let contentType = pick(["multipart/form-data; boundary=\(boundary)", "multipart/form-data; boundary=\"\(boundary)\"",
                                "multipart/form-data; boundary=\(boundary)", "multipart/form-data", "multipart/form-data; boundary=other"])
        return (body, contentType)
    }

    mutating func fileContent() -> Data {
        switch int(0...6) {
        case 0: return FuzzJSON.array((0..<int(0...4)).map { _ in value(depth: 1) }).data
        case 1: return FuzzJSON.array((0..<int(1...4)).map { _ in .object([("supplier_id", scalar()), ("name", scalar()), (pick(Self.fields), value())]) }).data
        case 2: return Data("supplier_id,name,amount\nSUP-1,\"Open quote,2\n\"\"x\",1e400\n,,\n".utf8)
        case 3: return Data([0xEF, 0xBB, 0xBF, 0x7B, 0xFF, 0x00])
        case 4: return value().data
        case 5: return Data()
        default: return Data("a;b;c\n1;2\n3;4;5;6\n\"unterminated\n".utf8)
        }
    }

    // MARK: - route families

    static let annotationKeys = ["page", "page_size", "status", "queue", "document", "id", "ordering", "search", "sideload",
                                 "content.schema_id", "created_at_after", "modified_at_before", "automated", "modifier", "upload",
                                 "arrived_at_after", "confirmed_at_before", "fields", "include_total", "creator", "schema"]

    mutating func annotationList() -> FuzzRequest {
        FuzzRequest(family: "", method: "GET", path: "/api/v1/annotations" + query(Self.annotationKeys))
    }

    mutating func annotationItem() -> FuzzRequest {
        let id = pathID()
        let tail = pick(["", "", "/content", "/content/\(pick(["1", "-1", "abc", "9223372036854775808", String(int(1...3000))]))",
                         "/processing_duration", "?sideload=" + queryValue(), "/fly"])
        let method = pick(["GET", "GET", "PATCH", "PUT", "DELETE", "POST"])
        var request = FuzzRequest(family: "", method: method, path: "/api/v1/annotations/\(id)\(tail)")
        if method == "PATCH" || method == "PUT" || method == "POST" {
            let keys = ["status", "queue", "metadata", "messages", "labels", "time_spent", "automated", "document", "url", "bogus"]
            (request.body, request.contentType) = json((0..<int(0...3)).map { _ in (pick(keys), value()) })
        }
        return request
    }

    mutating func annotationAction() -> FuzzRequest {
        let action = pick(["start", "cancel", "confirm", "postpone", "reject", "delete", "approve", "switch", "rotate"])
        var request = FuzzRequest(family: "", method: "POST", path: "/api/v1/annotations/\(pathID())/\(action)")
        var fields: [(String, FuzzJSON)] = []
        if chance(0.5) { fields.append(("statuses", chance(0.5) ? .array(some(Self.strings, upTo: 3).map(FuzzJSON.string)) : value())) }
        if chance(0.5) { fields.append(("note_content", value())) }
        (request.body, request.contentType) = json(fields)
        return request
    }

    mutating func searchQuery(depth: Int = 0) -> FuzzJSON {
        let keys = ["status", "queue", "document", "id", "modifier", "arrived_at", "original_file_name", "automated",
                    "field.sender_name", "field.amount_total.number", "field.document_id", "field.bogus", "field.", "field", "bogus"]
        var clauses: [(String, FuzzJSON)] = []
        if depth == 0, chance(0.05) { clauses.append(("$and", .array((0..<1_200).map { _ in .object([("status", .string("to_review"))]) }))) }
        for _ in 0..<int(0...3) {
            if depth < 2, chance(0.2) {
                clauses.append(("$and", chance(0.8) ? .array((0..<int(0...2)).map { _ in searchQuery(depth: depth + 1) }) : value()))
                continue
            }
            let op = pick(Self.searchOperators + ["$regex", "$bogus"])
            operatorsUsed.insert("search:" + op)
            let list: FuzzJSON = chance(0.1) ? .array(longList()) : .array(some(Self.numbers.map(FuzzJSON.raw) + [string()], upTo: 4))
            let operand: FuzzJSON = ["$in", "$nin"].contains(op) && chance(0.7) ? list : scalar()
            clauses.append((pick(keys), chance(0.8) ? .object([(op, operand)]) : value()))
        }
        return .object(clauses)
    }

    mutating func annotationSearch() -> FuzzRequest {
        var request = FuzzRequest(family: "", method: "POST", path: "/api/v1/annotations/search" + query(["page", "page_size", "ordering", "sideload"], upTo: 3))
        var fields: [(String, FuzzJSON)] = []
        if chance(0.8) { fields.append(("query", chance(0.9) ? searchQuery() : value())) }
        if chance(0.5) { fields.append(("query_string", chance(0.8) ? .object([("string", chance(0.8) ? string() : value())]) : value())) }
        (request.body, request.contentType) = json(fields)
        return request
    }

    mutating func annotationWrite() -> FuzzRequest {
        var request: FuzzRequest
        switch int(0...2) {
        case 0:
            request = FuzzRequest(family: "", method: "POST", path: "/api/v1/annotations")
            let reference: FuzzJSON = chance(0.5) ? .raw(pathID()) : string()
            (request.body, request.contentType) = json([("document", reference), ("queue", chance(0.5) ? .int(1) : value()),
                                                        ("status", chance(0.5) ? string() : .string("to_review")), ("metadata", value())])
        case 1:
            request = FuzzRequest(family: "", method: "POST", path: "/api/v1/annotations/\(pathID())/content/operations")
            let operations: FuzzJSON = .array((0..<int(0...3)).map { _ in
                .object([("op", .string(pick(["replace", "remove", "add", "move", ""]))),
                         ("id", chance(0.6) ? .int(int(1...3000)) : value()),
                         ("value", chance(0.5) ? .object([("content", .object([("value", scalar())]))]) : value())])
            })
            (request.body, request.contentType) = json([("operations", chance(0.9) ? operations : value())])
        default:
            request = FuzzRequest(family: "", method: "POST", path: "/api/v1/annotations/purge_deleted")
            let ids: FuzzJSON = chance(0.1) ? .array(longList()) : .array(some(Self.numbers.map(FuzzJSON.raw), upTo: 3))
            (request.body, request.contentType) = json([("annotations", chance(0.6) ? ids : value()),
                                                        ("queue", scalar())])
        }
        return request
    }

    static let resourceKinds = ["workspaces", "queues", "schemas", "users", "groups", "organizations", "hooks", "connectors", "inboxes",
                                "email_templates", "relations", "document_relations", "uploads", "organization_groups", "rules", "rules_execution_logs",
                                "engines", "engine_fields", "hook_templates", "nothing"]
    static let resourceFields = ["name", "workspace", "schema", "queue", "queues", "users", "hooks", "webhooks", "metadata", "settings",
                                 "organization", "is_active", "username", "password", "email", "groups", "type", "events", "config",
                                 "active", "content", "status", "id", "url", "bogus", "first_name", "token_lifetime_s", "autopilot", "actions",
                                 "engine", "rule", "annotation", "execution_result", "created_at_before", "tabular", "trigger_condition"]

    mutating func resource() -> FuzzRequest {
        let kind = pick(Self.resourceKinds)
        let method = pick(["GET", "GET", "POST", "PATCH", "PUT", "DELETE"])
        let onItem = method != "POST" && chance(method == "GET" ? 0.5 : 0.95)
        var path = "/api/v1/\(kind)" + (onItem ? "/\(pathID())" : "")
        if method == "GET" { path += query(Self.resourceFields + ["page", "page_size", "ordering", "search"]) }
        if kind == "organizations", chance(0.2) { path = "/api/v1/organizations/\(pathID())/limits" }
        var request = FuzzRequest(family: "", method: method, path: path)
        if ["POST", "PATCH", "PUT"].contains(method) {
            (request.body, request.contentType) = json((0..<int(0...4)).map { _ in
                let key = pick(Self.resourceFields)
                let reference: FuzzJSON = .string("http://127.0.0.1/api/v1/\(pick(Self.resourceKinds))/\(pathID())")
                return (key, chance(0.3) ? reference : value())
            })
        }
        return request
    }

    mutating func documents() -> FuzzRequest {
        switch int(0...4) {
        case 0: return FuzzRequest(family: "", method: "GET", path: "/api/v1/documents" + query(["id", "page", "page_size"]))
        case 1: return FuzzRequest(family: "", method: "GET", path: "/api/v1/documents/\(pathID())" + pick(["", "/content"]))
        case 2:
            var request = FuzzRequest(family: "", method: "PATCH", path: "/api/v1/documents/\(pathID())")
            (request.body, request.contentType) = json([(pick(["metadata", "metadata", "url", "name"]), value())])
            return request
        case 3:
            return FuzzRequest(family: "", method: "GET", path: "/api/v1/tasks/\(pathID())" + pick(["", "?no_redirect=true"]))
        default:
            var request = FuzzRequest(family: "", method: "POST", path: "/api/v1/documents")
            (request.body, request.contentType) = multipart((0..<int(0...3)).map { _ in
                (pick(["content", "metadata", "values", "x"]), chance(0.5) ? pick(["a.pdf", "", "\"quoted\".pdf", "../x"]) : nil,
                 chance(0.5) ? pick(["application/pdf", "application/json", "application/octet-stream"]) : nil, fileContent())
            })
            return request
        }
    }

    mutating func uploads() -> FuzzRequest {
        let queue = queryValue()
        var request: FuzzRequest
        switch int(0...2) {
        case 0: request = FuzzRequest(family: "", method: "POST", path: "/api/v1/uploads?queue=\(queue)")
        case 1: request = FuzzRequest(family: "", method: "POST", path: "/api/v1/uploads/\(pick(["a.pdf", "x", "%2E%2E", "a%20b.png"]))?queue=\(queue)")
        default: request = FuzzRequest(family: "", method: "POST", path: "/api/v1/queues/\(pathID())/upload" + pick(["", "/file.pdf"]))
        }
        if request.path.contains("/upload/") || request.path.hasPrefix("/api/v1/uploads/") {
            request.body = fileContent()
            request.contentType = "application/pdf"
        } else {
            (request.body, request.contentType) = multipart((0..<int(0...3)).map { _ in
                (pick(["content", "metadata", "values", "content"]), chance(0.7) ? pick(["a.pdf", "", "b.png"]) : nil,
                 chance(0.5) ? "application/pdf" : nil, chance(0.5) ? value().data : fileContent())
            })
        }
        return request
    }

    mutating func export() -> FuzzRequest {
        let method = pick(["GET", "POST"])
        let keys = ["format", "to_status", "page", "page_size", "status", "id", "ordering", "search", "modified_at_after"]
        var request = FuzzRequest(family: "", method: method, path: "/api/v1/queues/\(pathID())/export" + query(keys, upTo: 4))
        if method == "POST" {
            (request.body, request.contentType) = json((0..<int(0...3)).map { _ in
                (pick(keys), pick([FuzzJSON.string(pick(["json", "csv", "xml", "pdf", "exported", "exporting"])), value()]))
            })
        }
        if chance(0.3) { request.path += (request.path.contains("?") ? "&" : "?") + "format=" + pick(["csv", "xml", "json"]) }
        return request
    }

    mutating func auth() -> FuzzRequest {
        switch int(0...3) {
        case 0, 1:
            var request = FuzzRequest(family: "", method: "POST", path: "/api/v1/auth/login", authorized: false)
            let fields: [(String, FuzzJSON)] = [
                ("username", chance(0.5) ? .string("demo@rossum.local") : value()), ("password", chance(0.5) ? .string("demo-password") : value()),
                ("max_token_lifetime_s", chance(0.6) ? number() : value()),
            ]
            if chance(0.3) {
                request.body = Data(fields.map { "\($0.0)=\(Self.encodeQuery($0.1.text))" }.joined(separator: "&").utf8)
                request.contentType = "application/x-www-form-urlencoded"
            } else {
                (request.body, request.contentType) = json(Array(fields.prefix(int(0...3))))
            }
            return request
        default:
            // Never the harness's own token on logout: later requests still need it.
            let header = pick(["Bearer", "Token x", "Bearer \(String(repeating: "f", count: 40))", "Basic Og==", "bearer  ", "",
                               "Bearer " + String(repeating: "x", count: 5000), "Token \u{7F}"])
            return FuzzRequest(family: "", method: pick(["POST", "GET"]), path: pick(["/api/v1/auth/logout", "/api/v1/auth/user"]),
                               headers: [("Authorization", header)], authorized: false)
        }
    }

    static let datasetNames = ["fuzzset", "fuzz2", "suppliers", "", "a%2Fb", String(repeating: "d", count: 130), "system.x", "%24x", "a%20b"]

    mutating func masterDataHub() -> FuzzRequest {
        let prefix = pick(["/svc/master-data-hub/api/v1", "/svc/data-matching/api/v1"])
        switch int(0...4) {
        case 0:
            return FuzzRequest(family: "", method: "GET", path: prefix + pick(["/dataset", "/operation", "/operation/"]) + query(["limit", "dataset_name"], upTo: 2))
        case 1:
            return FuzzRequest(family: "", method: "GET", path: prefix + "/operation/" + pick(["x", "", "6740a1c00000000000000001", pathID()]))
        case 2:
            return FuzzRequest(family: "", method: "GET", path: pick(["/svc/master-data-hub/api/v2/operation", "/svc/data-matching/api/v2/operation"]) + query(["limit"], upTo: 1))
        default:
            let method = pick(["POST", "PUT", "PATCH", "DELETE"])
            let name = method == "DELETE" ? pick(Self.datasetNames.filter { $0 != "suppliers" }) : pick(Self.datasetNames)
            var request = FuzzRequest(family: "", method: method, path: prefix + "/dataset/" + name)
            if method != "DELETE" {
                var parts: [(name: String, fileName: String?, type: String?, body: Data)] = []
                if chance(0.85) {
                    parts.append(("file", pick(["d.json", "d.csv", "d", ""]), chance(0.5) ? pick(["application/json", "text/csv", "text/plain"]) : nil, fileContent()))
                }
                for _ in 0..<int(0...3) {
                    let field = pick(["id_keys", "update_or_new", "replace_or_new", "encoding", "field_delimiter", "quotechar", "escapechar", "text_qualifier"])
                    let text = pick(["supplier_id", "[\"supplier_id\",\"name\"]", "a,b", "", "true", "maybe", "utf-8", "latin-1", "bogus", ";", ";;", "\t", "\"", "ě"])
                    parts.append((field, nil, nil, Data(text.utf8)))
                }
                (request.body, request.contentType) = multipart(parts)
            }
            return request
        }
    }

    static let collections: [FuzzJSON] = [.string("suppliers"), .string("purchase_orders"), .string("fuzz"), .string("fuzz_b"),
                                          .string("suppliers"), .string("purchase_orders"), .string("suppliers"), .string("fuzz"),
                                          .string(""), .string("$bad"), .string("system.x"), .int(12), .null,
                                          .string(String(repeating: "c", count: 200))]
    static let writableCollections: [FuzzJSON] = [.string("fuzz"), .string("fuzz_b"), .string("fuzz"), .string("")]

    mutating func storage() -> FuzzRequest {
        let prefix = "/svc/data-storage/api/v1"
        if chance(0.04) {
            return FuzzRequest(family: "", method: "GET", path: pick([prefix + "/operation_status/" + pathID(), "/svc/data-storage/api/healthz"]))
        }
        let endpoint = pick(Self.storageEndpoints + ["data/explain"])
        let readsOnly = ["data/find", "data/aggregate", "collections/list", "data/update_one", "data/update_many"].contains(endpoint)
        let collection = readsOnly ? pick(Self.collections) : pick(Self.writableCollections)
        var fields: [(String, FuzzJSON)] = chance(0.95) ? [("collectionName", collection)] : []
        switch endpoint {
        case "collections/list":
            fields.append(("filter", chance(0.8) ? filter() : value()))
            fields.append(("nameOnly", scalar()))
        case "collections/rename":
            fields.append(("target", pick(Self.writableCollections)))
            fields.append(("dropTarget", scalar()))
        case "data/find":
            fields.append((pick(["query", "filter"]), chance(0.9) ? filter() : value()))
            if chance(0.5) { fields.append(("projection", chance(0.8) ? projection() : value())) }
            if chance(0.5) { fields.append(("sort", chance(0.8) ? sort() : value())) }
            if chance(0.5) { fields.append(("skip", chance(0.8) ? number() : value())) }
            if chance(0.5) { fields.append(("limit", chance(0.8) ? number() : value())) }
        case "data/aggregate":
            fields.append(("pipeline", chance(0.9) ? .array((0..<int(0...4)).map { _ in stage() }) : value()))
        case "data/insert_one":
            fields.append(("document", chance(0.8) ? .object((0..<int(0...4)).map { _ in (pick(Self.fields), value()) }) : value()))
        case "data/insert_many":
            fields.append(("documents", .array((0..<int(0...4)).map { _ in chance(0.8) ? .object([(pick(Self.fields), value())]) : value() })))
        case "data/update_one", "data/update_many":
            fields.append(("filter", chance(0.9) ? filter() : value()))
            fields.append(("update", update()))
            if chance(0.3) { fields.append(chance(0.5) ? ("upsert", scalar()) : ("options", .object([("upsert", scalar())]))) }
        case "data/replace_one":
            fields.append(("filter", filter()))
            fields.append(("replacement", chance(0.8) ? .object([(pick(Self.fields + ["$set"]), value())]) : value()))
        case "data/delete_one", "data/delete_many":
            fields.append(("filter", chance(0.9) ? filter() : value()))
        default:
            fields.append(("query", filter()))
        }
        var request = FuzzRequest(family: "", method: "POST", path: prefix + "/" + endpoint)
        (request.body, request.contentType) = json(fields)
        if chance(0.03) { request.body = pick([FuzzJSON.array([]), .string("x"), .int(1)]).data }
        return request
    }

    /// One operator at a time (they take turns), with an edge operand, in an otherwise valid
    /// request: a refusal elsewhere in the body must not hide what the operator does.
    mutating func operatorProbe() -> FuzzRequest {
        let operators = Self.queryOperators.filter { $0 != "$options" }
        let op = operators[probeTurn % operators.count]
        probeTurn += 1
        operatorsUsed.insert(op)
        let field = pick(["tags", "name", "payment_terms_days", "_id", "lines", "lines.qty", "country", "a"])
        let edge: FuzzJSON
        switch op {
        case "$and", "$or", "$nor": edge = .array([.object([(field, number())]), .object([(field, .object([("$size", number())]))])])
        case "$comment": edge = value()
        case "$regex": edge = .string(pick(Self.patterns))
        case "$elemMatch": edge = .object([(pick(["qty", "sku", "$gt"]), chance(0.5) ? .object([("$size", number())]) : number())])
        case "$not": edge = .object([(pick(["$size", "$gt", "$regex", "$in", "$all"]), chance(0.7) ? number() : value())])
        case "$in", "$nin", "$all": edge = .array(chance(0.1) ? longList() : (0..<int(0...3)).map { _ in chance(0.7) ? number() : scalar() })
        default: edge = chance(0.8) ? number() : value()
        }
        let logical = ["$and", "$or", "$nor", "$comment"].contains(op)
        var filter: FuzzJSON = logical ? .object([(op, edge)]) : .object([(field, .object([(op, edge)]))])
        if !logical, chance(0.3) { filter = .object([(pick(["$and", "$or", "$nor"]), .array([filter]))]) }
        let collection = FuzzJSON.string(pick(["suppliers", "purchase_orders", "fuzz"]))
        let endpoint = pick(["data/find", "data/find", "data/aggregate", "data/aggregate", "data/update_many", "data/delete_many", "collections/list"])
        var fields: [(String, FuzzJSON)] = [("collectionName", endpoint.hasSuffix("delete_many") ? .string("fuzz") : collection)]
        switch endpoint {
        case "data/find":
            fields.append(("query", filter))
            if chance(0.3) { fields.append((pick(["skip", "limit"]), number())) }
        case "data/aggregate":
            var stages: [FuzzJSON] = [.object([("$match", filter)])]
            if chance(0.5) { stages.insert(.object([(pick(["$sort", "$skip", "$limit"]), chance(0.5) ? number() : .object([(field, .int(1))]))]), at: 0) }
            if chance(0.5) { stages.append(.object([("$count", .string("n"))])) }
            fields.append(("pipeline", .array(stages)))
        case "data/update_many":
            fields.append(("filter", filter))
            fields.append(("update", .object([("$set", .object([("probed", .bool(true))]))])))
        default:
            fields.append(("filter", filter))
        }
        var request = FuzzRequest(family: "", method: "POST", path: "/svc/data-storage/api/v1/" + endpoint)
        (request.body, request.contentType) = json(fields)
        return request
    }

    /// A pipeline over a real collection whose stages, accumulators and expression operators take
    /// turns, with edge operands (numbers past Int64, wrong types, missing fields).
    mutating func pipelineProbe() -> FuzzRequest {
        let expressions = Self.expressionOperators
        let op = expressions[expressionTurn % expressions.count]
        expressionTurn += 1
        operatorsUsed.insert(op)
        let argument = { (fuzzer: inout RequestFuzzer) -> FuzzJSON in
            fuzzer.chance(0.5) ? .string("$" + fuzzer.pick(["payment_terms_days", "name", "tags", "lines", "missing", "_id"])) : fuzzer.number()
        }
        let arguments: FuzzJSON = chance(0.8) ? .array((0..<int(1...3)).map { _ in argument(&self) }) : argument(&self)
        let computed = FuzzJSON.object([(op, arguments)])
        var stages: [FuzzJSON] = [stage(), .object([(pick(["$addFields", "$set", "$project"]), .object([("computed", computed)]))])]
        if chance(0.6) {
            var group: [(String, FuzzJSON)] = [("_id", chance(0.5) ? .string("$country") : computed)]
            for accumulator in Self.accumulators {
                operatorsUsed.insert(accumulator)
                group.append((String(accumulator.dropFirst()), .object([(accumulator, accumulator == "$count" ? .object([]) : (chance(0.5) ? computed : argument(&self)))])))
            }
            stages.append(.object([("$group", .object(group))]))
        }
        if chance(0.4) { stages.append(.object([(pick(["$sort", "$skip", "$limit", "$unwind", "$count"]), chance(0.5) ? number() : .string("$computed"))])) }
        var request = FuzzRequest(family: "", method: "POST", path: "/svc/data-storage/api/v1/data/aggregate")
        (request.body, request.contentType) = json([("collectionName", .string(pick(["suppliers", "purchase_orders"]))), ("pipeline", .array(stages))])
        return request
    }

    mutating func admin() -> FuzzRequest {
        let method = pick(["GET", "PUT", "PATCH", "POST"])
        var request = FuzzRequest(family: "", method: method, path: "/api/v1/_sandbox/faults", authorized: chance(0.5))
        if method != "GET" {
            let keys = ["error", "throttle", "drop", "truncate", "applied_then_drop", "latency_ms", "prefix", "seed", "every", "limit",
                        "status", "retry_after", "methods", "bogus"]
            (request.body, request.contentType) = json((0..<int(0...3)).map { _ in (pick(keys), chance(0.7) ? number() : value()) })
        }
        return request
    }

    /// Queue automation and the other SDK-facing endpoints outside the generic resources.
    static let platformPaths = ["automation/insights", "automation/projections", "automation/targets"]
    static let platformFields = ["fields", "schema_id", "error_rate_limit", "automation_rate_target", "error_rate_target", "type",
                                 "datapoint_automation_targets", "confidence_threshold"]

    mutating func platform() -> FuzzRequest {
        if chance(0.15) { return FuzzRequest(family: "", method: pick(["DELETE", "PUT"]), path: "/api/v1/documents/\(pathID())") }
        let path = "/api/v1/queues/\(pathID())/" + pick(Self.platformPaths) + pick(["", "?exclude_blockers=error_message", "?exclude_blockers=x"])
        var request = FuzzRequest(family: "", method: pick(["GET", "POST", "POST", "PUT", "DELETE"]), path: path)
        if request.method != "GET" {
            (request.body, request.contentType) = json((0..<int(0...4)).map { _ in (pick(Self.platformFields), value()) })
        }
        return request
    }

    /// Hook logs, audit logs, automation blockers, notes and page data.
    mutating func diagnostics() -> FuzzRequest {
        let keys = ["annotation", "hook", "queue", "email", "status", "status_code", "log_level", "request_id", "search", "page_size",
                    "page", "timestamp_before", "timestamp_after", "start_before", "start_after", "end_after", "object_type", "action",
                    "object_id", "username", "creator", "ordering", "granularity", "page_numbers", "id"]
        switch int(0...6) {
        case 0: return FuzzRequest(family: "", method: pick(["GET", "GET", "POST", "DELETE"]), path: "/api/v1/hooks/logs" + query(keys))
        case 1:
            let type = pick(["annotation", "user", "document", "bogus", ""])
            return FuzzRequest(family: "", method: "GET", path: "/api/v1/audit_logs?object_type=\(type)" + query(keys).replacingOccurrences(of: "?", with: "&"))
        case 2: return FuzzRequest(family: "", method: pick(["GET", "PUT"]), path: pick(["/api/v1/automation_blockers", "/api/v1/automation_blockers/\(pathID())"]) + query(keys, upTo: 2))
        case 3: return FuzzRequest(family: "", method: "GET", path: "/api/v1/annotations/\(pathID())/page_data" + query(keys, upTo: 3))
        default:
            let method = pick(["GET", "POST", "PATCH", "PUT", "DELETE"])
            let path = method == "POST" || chance(0.3) ? "/api/v1/notes" + query(keys, upTo: 3) : "/api/v1/notes/\(pathID())"
            var request = FuzzRequest(family: "", method: method, path: path)
            if ["POST", "PATCH", "PUT"].contains(method) {
                (request.body, request.contentType) = json((0..<int(0...4)).map { _ in
                    (pick(["type", "content", "annotation", "metadata", "creator", "bogus"]),
                     chance(0.5) ? pick([FuzzJSON.string("rejection"), .string("Wrong supplier"), .int(int(1...40)), .string("http://127.0.0.1/api/v1/annotations/1")]) : value())
                })
            }
            return request
        }
    }

    mutating func strayPath() -> FuzzRequest {
        let path = pick(["/", "//", "/api", "/api/v1", "/api/v1/", "/api/v1/%ZZ", "/api/v1/queues/1/../../annotations", "/api/v1/annotations//1",
                         "/api/v1/" + String(repeating: "a/", count: 300), "/svc/", "/svc/data-storage/api/v1/data/", "/svc/master-data-hub/api/v1/dataset/",
                         "/api/v1/annotations?page=1&page=2&page=x", "/api/v1/queues?%=%", "/api/v1/queues?&&&", "/api/v1/queues?a=%E0%A4%A",
                         "/api/v1/annotations/1/content/1/2/3", "/api/v1/_sandbox", "/api/v1/_sandbox/faults/x", "/svc/data-storage/api/v1/operation_status/"])
        return FuzzRequest(family: "", method: pick(["GET", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH"]), path: path)
    }
}
