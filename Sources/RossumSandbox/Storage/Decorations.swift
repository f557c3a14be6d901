import GRDB

/// Fields computed when a resource is served rather than stored: live queue `counts`,
/// the `queues` of a workspace or schema, an organization's workspaces and users, and the
/// `queues` of a user, hook, connector or inbox (see `QueueRelations`).
/// Prepared once per request, so a list of 100 queues costs one query, not 100.
struct Decorations {
    private let apply: (JSONValue) -> JSONValue

    func callAsFunction(_ body: JSONValue) -> JSONValue { apply(body) }

    static let annotationStatuses = [
        "created", "importing", "failed_import", "split", "to_review", "reviewing", "in_workflow", "confirmed",
        "rejected", "exporting", "exported", "failed_export", "postponed", "deleted", "purged",
    ]

    static func prepare(_ kind: String, _ db: Database, onlyIDs: [Int]? = nil) throws -> Decorations {
        switch kind {
        case "queues":
            var counts: [Int: [String: Int]] = [:]
            let filter = onlyIDs.map { "WHERE queue_id IN (\($0.map(String.init).joined(separator: ",")))" } ?? ""
            for row in try Row.fetchAll(
                db, sql: "SELECT queue_id, status, COUNT(*) AS n FROM annotations \(filter) GROUP BY queue_id, status")
            {
                counts[row["queue_id"], default: [:]][row["status"]] = row["n"]
            }
            return Decorations { body in
                var body = body
                let queueCounts = counts[body["id"]?.intValue ?? 0] ?? [:]
                var served: [String: JSONValue] = [:]
                for status in annotationStatuses where status != "created" { served[status] = .int(queueCounts[status] ?? 0) }
                body["counts"] = .object(served)
                body["webhooks"] = body["hooks"] ?? []
                return body
            }
        case "workspaces", "schemas":
            let field = kind == "workspaces" ? "workspace" : "schema"
            let queues = try ObjectStore.fetchAll(db, "queues")
            var byOwner: [Int: [JSONValue]] = [:]
            for queue in queues {
                if let owner = queue[field]?.referencedID, let url = queue["url"] { byOwner[owner, default: []].append(url) }
            }
            return Decorations { body in
                var body = body
                body["queues"] = .array(byOwner[body["id"]?.intValue ?? 0] ?? [])
                return body
            }
        case "organizations":
            let workspaces = try ObjectStore.fetchAll(db, "workspaces")
            let users = try ObjectStore.fetchAll(db, "users")
            return Decorations { body in
                var body = body
                let id = body["id"]?.intValue
                body["workspaces"] = .array(workspaces.filter { $0["organization"]?.referencedID == id }.compactMap { $0["url"] })
                body["users"] = .array(users.filter { $0["organization"]?.referencedID == id }.compactMap { $0["url"] })
                return body
            }
        case "users", "hooks", "connectors", "inboxes":
            // The other side of a queue relation: `queues` is computed from the queues.
            let link = QueueRelations.links[kind]!
            let queues = try QueueRelations.queueURLs(link, db)
            return Decorations { body in
                var body = body
                body["queues"] = .array(queues[body["id"]?.intValue ?? 0] ?? [])
                if kind == "users" { body["password"] = nil }
                return body
            }
        default:
            return Decorations { $0 }
        }
    }
}
