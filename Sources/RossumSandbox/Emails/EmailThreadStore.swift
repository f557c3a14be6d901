import GRDB

/// Email threads as served: what is stored of a thread (queue, root, the read flags) and what
/// its e-mails say (the root's subject, sender and labels, replies, the last arrival, and the
/// annotations they brought).
enum EmailThreadStore {
    static func served(_ db: Database, ids: [Int], organizationID: Int) throws -> [JSONValue] {
        guard !ids.isEmpty else { return [] }
        let marks = databaseQuestionMarks(count: ids.count)
        let arguments = StatementArguments(ids)
        var statuses: [Int: [String]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT e.thread_id, a.status FROM annotations a JOIN emails e ON a.email_id = e.id WHERE e.thread_id IN (\(marks)) ORDER BY a.id
            """, arguments: arguments) {
            statuses[row["thread_id"], default: []].append(row["status"])
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT t.*, r.subject, r.from_email, r.from_name, r.created_at AS root_created_at,
                \(EmailThreads.rejectedLabel("r")) AS root_rejected,
                (SELECT COUNT(*) FROM emails e WHERE e.thread_id = t.id AND e.type = 'incoming') AS incoming,
                (SELECT MAX(created_at) FROM emails e WHERE e.thread_id = t.id) AS last_created_at
            FROM email_threads t LEFT JOIN emails r ON r.id = t.root_email_id WHERE t.id IN (\(marks)) ORDER BY t.id
            """, arguments: arguments)
        return rows.map { row in
            let id: Int = row["id"]
            let incoming: Int = row["incoming"]
            let rooted = row["root_email_id"] as Int? != nil
            return [
                "id": .int(id), "url": .reference("email_threads", id), "organization": .reference("organizations", organizationID),
                "queue": .reference("queues", row["queue_id"]), "root_email": .optionalReference("emails", row["root_email_id"]),
                "has_replies": .bool(incoming > 1), "has_new_replies": .bool(row["has_new_replies"]),
                "root_email_read": .bool(row["root_email_read"]),
                "created_at": .string(row["root_created_at"] ?? row["created_at"]),
                "last_email_created_at": .string(row["last_created_at"] ?? row["created_at"]),
                "subject": rooted ? .string(row["subject"]) : .null,
                "from": rooted ? ["email": .string(row["from_email"]), "name": .string(row["from_name"])] : .null,
                // Set by the root: rejected, and no other incoming e-mail in the thread.
                "labels": (row["root_rejected"] as Bool? ?? false) && incoming == 1 ? ["rejected"] : [],
                "annotation_counts": EmailStore.annotationCounts(statuses[id] ?? []),
            ]
        }
    }

    /// What `PATCH`/`PUT email_threads/{id}` may change; the rest is read-only (echoed back, ignored).
    static let spec = ResourceSpec(
        "email_threads",
        fields: ["has_new_replies": .bool],
        required: [],
        readOnly: [
            "organization", "queue", "root_email", "has_replies", "root_email_read", "created_at", "last_email_created_at",
            "subject", "from", "labels", "annotation_counts",
        ])

    /// Booleans as the API's forms take them: the reference's own example sends `"True"`.
    static func normalized(_ input: [String: JSONValue]) -> [String: JSONValue] {
        var input = input
        if case .string(let text)? = input["has_new_replies"] {
            switch text.lowercased() {
            case "true", "1": input["has_new_replies"] = .bool(true)
            case "false", "0": input["has_new_replies"] = .bool(false)
            default: break
            }
        }
        return input
    }

    static func update(_ db: Database, id: Int, changes: [String: JSONValue], organizationID: Int) throws -> JSONValue {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM email_threads WHERE id = ?", arguments: [id]) != nil else {
            throw SandboxHTTPError.notFound
        }
        if let value = changes["has_new_replies"]?.boolValue {
            try db.execute(sql: "UPDATE email_threads SET has_new_replies = ? WHERE id = ?", arguments: [value, id])
        }
        guard let served = try served(db, ids: [id], organizationID: organizationID).first else { throw SandboxHTTPError.notFound }
        return served
    }
}
