import Foundation
import GRDB
import Hummingbird

/// List, retrieve, create, update and delete for the free-form resources
/// (workspaces, queues, schemas, users, groups, hooks, connectors, inboxes, ...).
enum ResourceRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        for spec in ResourceSpecs.all { register(spec, on: router, services: services) }
        router.get("/api/v1/organizations/:id/limits") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try pathID(context)
            let exists = try await services.database.read { db in try ObjectStore.fetch(db, "organizations", id: id) != nil }
            guard exists else { throw SandboxHTTPError.notFound }
            return JSONResponse.make(.ok, [
                "email_limits": [
                    "count_today": 0, "count_today_notification": 0, "count_total": 0, "email_per_day_limit": 1000,
                    "email_per_day_limit_notification": 1000, "email_total_limit": nil, "last_sent_at": nil,
                    "last_sent_at_notification": nil,
                ],
            ], apiBase: RequestURLs.apiBase(of: request))
        }
    }

    /// Query keys that control the listing rather than filter it.
    static let controlKeys: Set<String> = ["page", "page_size", "ordering", "include_total", "sideload", "content.schema_id", "format", "fields", "search"]

    static func register(_ spec: ResourceSpec, on router: Router<SandboxRequestContext>, services: SandboxServices) {
        let collection = RouterPath("/api/v1/\(spec.kind)")
        let item = RouterPath("/api/v1/\(spec.kind)/:id")

        router.get(collection) { request, _ -> Response in
            let user = try await services.auth.authenticatedUser(request)
            let query = QueryParameters(request)
            let page = try PageRequest(query)
            let (results, total) = try await services.database.read { db -> ([JSONValue], Int) in
                var all = try ObjectStore.fetchAll(db, spec.kind)
                if QueueRelations.links[spec.kind] != nil {
                    // `users?queue=3` filters on the computed side of the relation.
                    let decorate = try Decorations.prepare(spec.kind, db)
                    all = all.map { decorate($0) }
                }
                all = try filter(all, spec: spec, query: query, user: user)
                all = order(all, by: query.list("ordering") ?? [])
                try page.validate(total: all.count)
                let slice = Array(all.dropFirst(page.offset).prefix(page.pageSize))
                let decorate = try Decorations.prepare(spec.kind, db, onlyIDs: slice.compactMap { $0["id"]?.intValue })
                return (slice.map { decorate($0) }, all.count)
            }
            return JSONResponse.make(.ok, page.envelope(results: results, total: total, request: request), apiBase: RequestURLs.apiBase(of: request))
        }

        router.get(item) { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try pathID(context)
            let body = try await services.database.read { db -> JSONValue in
                guard let body = try ObjectStore.fetch(db, spec.kind, id: id) else { throw SandboxHTTPError.notFound }
                return try Decorations.prepare(spec.kind, db, onlyIDs: [id])(body)
            }
            return JSONResponse.make(.ok, body, apiBase: RequestURLs.apiBase(of: request))
        }

        guard spec.writable else { return }

        router.post(collection) { request, _ -> Response in
            let user = try await services.auth.authenticatedUser(request)
            var request = request
            let input = try await RequestInput.jsonObject(of: &request)
            var body = spec.canonical(try spec.validated(input, creating: true))
            if spec.fields["organization"] != nil, body["organization"] == nil {
                body["organization"] = .reference("organizations", user.organizationID)
            }
            let password = body.removeValue(forKey: "password")
            if spec.kind == "users" { body["date_joined"] = .string(DemoClock.now()) }
            if spec.kind == "queues", body["hooks"] == [], let webhooks = body["webhooks"] { body["hooks"] = webhooks }
            let link = QueueRelations.links[spec.kind]
            let relatedQueues = link == nil ? nil : body.removeValue(forKey: "queues")
            let created = try await services.database.write { [body] db -> JSONValue in
                try checkReferences(body, spec: spec, db)
                if let relatedQueues { try checkReferences(["queues": relatedQueues], spec: spec, db) }
                var stored = try ObjectStore.insert(db, spec.kind, body)
                if spec.kind == "users", let id = stored["id"]?.intValue {
                    try createCredentials(db, username: body["username"]?.stringValue ?? "", password: password?.stringValue, userID: id)
                }
                if spec.kind == "inboxes", body["email"] == nil, let prefix = body["email_prefix"]?.stringValue, let id = stored["id"]?.intValue {
                    // Rossum makes the address from the prefix and a suffix of its own.
                    stored["email"] = .string(inboxEmail(prefix: prefix, id: id))
                    try ObjectStore.replace(db, spec.kind, id: id, stored)
                }
                if let link, let relatedQueues, let id = stored["id"]?.intValue {
                    try QueueRelations.setQueues(link, objectID: id, to: Set((relatedQueues.arrayValue ?? []).compactMap(\.referencedID)), db)
                }
                return try Decorations.prepare(spec.kind, db, onlyIDs: [stored["id"]?.intValue ?? 0])(stored)
            }
            return JSONResponse.make(.created, created, apiBase: RequestURLs.apiBase(of: request))
        }

        let update: @Sendable (Request, SandboxRequestContext) async throws -> Response = { request, context in
            _ = try await services.auth.authenticatedUser(request)
            let id = try pathID(context)
            var request = request
            let input = try await RequestInput.jsonObject(of: &request)
            var validated = spec.canonical(try spec.validated(input, creating: false))
            if spec.kind == "queues", validated["hooks"] == nil, let webhooks = validated["webhooks"] { validated["hooks"] = webhooks }
            let link = QueueRelations.links[spec.kind]
            let relatedQueues = link == nil ? nil : validated.removeValue(forKey: "queues")
            let changes = validated
            if request.method == .put {
                let missing = spec.required.filter { input[$0] == nil }
                if !missing.isEmpty {
                    throw SandboxHTTPError.fieldErrors(Dictionary(uniqueKeysWithValues: missing.map { ($0, "This field is required.") }))
                }
            }
            let updated = try await services.database.write { db -> JSONValue in
                guard var body = try ObjectStore.fetch(db, spec.kind, id: id) else { throw SandboxHTTPError.notFound }
                try checkReferences(changes, spec: spec, db)
                var changes = changes
                if spec.kind == "users", let password = changes.removeValue(forKey: "password") {
                    try db.execute(sql: "UPDATE credentials SET password = ? WHERE user_id = ?", arguments: [password.stringValue ?? "", id])
                }
                for (key, value) in changes { body[key] = value }
                if let link, let relatedQueues {
                    try checkReferences(["queues": relatedQueues], spec: spec, db)
                    try QueueRelations.setQueues(link, objectID: id, to: Set((relatedQueues.arrayValue ?? []).compactMap(\.referencedID)), db)
                }
                if link != nil { body["queues"] = nil }
                if spec.kind == "queues" || spec.kind == "schemas" { body["modified_at"] = .string(DemoClock.now()) }
                try ObjectStore.replace(db, spec.kind, id: id, body)
                return try Decorations.prepare(spec.kind, db, onlyIDs: [id])(body)
            }
            return JSONResponse.make(.ok, updated, apiBase: RequestURLs.apiBase(of: request))
        }
        router.patch(item, use: update)
        router.put(item, use: update)

        guard spec.deletable else { return }
        router.delete(item) { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try pathID(context)
            if spec.kind == "queues" {
                try await QueueDeletion.request(queueID: id, services: services)
                return JSONResponse.noContent()
            }
            try await services.database.write { db in
                try checkNotInUse(spec.kind, id: id, db)
                guard try ObjectStore.delete(db, spec.kind, id: id) else { throw SandboxHTTPError.notFound }
                // A deleted hook, connector or inbox leaves the queues that named it.
                if let link = QueueRelations.links[spec.kind] { try QueueRelations.setQueues(link, objectID: id, to: [], db) }
            }
            return JSONResponse.noContent()
        }
    }

    static func pathID(_ context: SandboxRequestContext, _ name: String = "id") throws -> Int {
        guard let text = context.parameters.get(name), let id = Int(text) else { throw SandboxHTTPError.notFound }
        return id
    }

    /// Filters by any field of the resource: references by id or URL, lists by membership,
    /// comma lists for `id`. Unknown query keys are ignored, as Rossum does.
    static func filter(_ items: [JSONValue], spec: ResourceSpec, query: QueryParameters, user: AuthenticatedUser) throws -> [JSONValue] {
        var items = items
        for (key, raw) in query.values where !raw.isEmpty && !controlKeys.contains(key) {
            if key == "id" {
                let ids = Set(try query.idList("id") ?? [])
                items = items.filter { ids.contains($0["id"]?.intValue ?? -1) }
                continue
            }
            // `queue=3` on hooks, users, inboxes filters their `queues` list.
            let field = spec.fields[key] == nil && spec.fields[key + "s"] != nil ? key + "s" : key
            guard let type = spec.fields[field] ?? (spec.readOnly.contains(field) ? .any : nil) else { continue }
            switch type {
            case .reference, .nullableReference:
                let ids = Set(try query.idList(key) ?? [])
                items = items.filter { $0[field]?.referencedID.map(ids.contains) ?? false }
            case .references:
                let ids = Set(try query.idList(key) ?? [])
                items = items.filter { ($0[field]?.arrayValue ?? []).contains { $0.referencedID.map(ids.contains) ?? false } }
            case .bool:
                let wanted = ["true", "1", "True"].contains(raw)
                items = items.filter { $0[field]?.boolValue == wanted }
            case .int, .number:
                items = items.filter { $0[field]?.doubleValue == Double(raw) }
            default:
                items = items.filter { $0[field]?.stringValue == raw }
            }
        }
        return items
    }

    /// `ordering=name,-id`; unknown fields sort as equal (Rossum ignores them).
    static func order(_ items: [JSONValue], by fields: [String]) -> [JSONValue] {
        guard !fields.isEmpty else { return items }
        return items.sorted { a, b in
            for field in fields {
                let descending = field.hasPrefix("-")
                let key = descending ? String(field.dropFirst()) : field
                let comparison = compare(a[key], b[key])
                if comparison != 0 { return descending ? comparison > 0 : comparison < 0 }
            }
            return (a["id"]?.intValue ?? 0) < (b["id"]?.intValue ?? 0)
        }
    }

    static func compare(_ a: JSONValue?, _ b: JSONValue?) -> Int {
        switch (a, b) {
        case (.some(let x), .some(let y)):
            if let p = x.doubleValue, let q = y.doubleValue, x.stringValue == nil { return p < q ? -1 : (p > q ? 1 : 0) }
            let p = x.stringValue ?? "", q = y.stringValue ?? ""
            return p < q ? -1 : (p > q ? 1 : 0)
        case (.none, .some): return -1
        case (.some, .none): return 1
        default: return 0
        }
    }

    /// A reference to an object that does not exist is a 400, as in Rossum.
    static func checkReferences(_ body: [String: JSONValue], spec: ResourceSpec, _ db: Database) throws {
        let objectKinds = Set(ResourceSpecs.all.map(\.kind))
        var errors: [String: String] = [:]
        for (key, value) in body {
            let targets: [(String, Int)]
            switch spec.fields[key] {
            case .reference(let kind), .nullableReference(let kind):
                targets = value.referencedID.map { [(kind, $0)] } ?? []
            case .references(let kind):
                targets = (value.arrayValue ?? []).compactMap { $0.referencedID.map { (kind, $0) } }
            default: continue
            }
            for (kind, id) in targets {
                let exists: Bool
                if objectKinds.contains(kind) {
                    exists = try ObjectStore.fetch(db, kind, id: id) != nil
                } else if kind == "annotations" || kind == "documents" {
                    exists = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM \(kind) WHERE id = ?)", arguments: [id]) ?? false
                } else {
                    exists = true
                }
                if !exists { errors[key] = "Invalid hyperlink - Object does not exist." }
            }
        }
        if !errors.isEmpty { throw SandboxHTTPError.fieldErrors(errors) }
    }

    /// Refuses to delete what others still point at (a schema used by a queue, a workspace with queues).
    static func checkNotInUse(_ kind: String, id: Int, _ db: Database) throws {
        let field: String
        switch kind {
        case "schemas": field = "schema"
        case "workspaces": field = "workspace"
        default: return
        }
        // A queue waiting for its deletion (`deletion_requested`) no longer holds its workspace or schema.
        let queues = try ObjectStore.fetchAll(db, "queues").filter { $0["status"]?.stringValue != "deletion_requested" }
        if queues.contains(where: { $0[field]?.referencedID == id }) {
            throw SandboxHTTPError.conflict("Cannot delete: this \(field) is still used by a queue.")
        }
    }

    /// `prefix-xxxxxx@sandbox.rossum.local`: the suffix is the id spread over six hex digits
    /// (multiplying by an odd number is one-to-one below 2^24, so no two inboxes share one).
    static func inboxEmail(prefix: String, id: Int) -> String {
        let suffix = String((id &* 0x9E37_79B1) & 0xFF_FFFF, radix: 16)
        return "\(prefix)-\(String(repeating: "0", count: 6 - suffix.count))\(suffix)@sandbox.rossum.local"
    }

    static func createCredentials(_ db: Database, username: String, password: String?, userID: Int) throws {
        let taken = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM credentials WHERE username = ?)", arguments: [username]) ?? false
        if taken { throw SandboxHTTPError.fieldErrors(["username": "A user with that username already exists."]) }
        try db.execute(
            sql: "INSERT INTO credentials (username, password, user_id) VALUES (?, ?, ?)",
            arguments: [username, password ?? UUID().uuidString, userID])
    }
}
