import GRDB

/// `GET emails`: the list filters and orderings the API documents, as SQL on `emails`.
struct EmailQuery: Sendable {
    var filter = SQLFilter()
    var orderBy = "id"

    /// When the last e-mail of an e-mail's thread arrived.
    static let threadLast = "(SELECT MAX(created_at) FROM emails other WHERE other.thread_id = emails.thread_id)"

    /// Ordering names and their columns.
    static let orderings: [String: String] = [
        "id": "id", "created_at": "created_at", "subject": "subject", "queue": "queue_id", "inbox": "inbox_id",
        "from__email": "from_email", "from__name": "from_name", "last_thread_email_created_at": threadLast,
    ]

    init(_ query: QueryParameters) throws {
        if let ids = try query.idList("id") { filter.addIn("id", ids) }
        if let ids = try query.idList("queue") { filter.addIn("queue_id", ids) }
        if let ids = try query.idList("inbox") { filter.addIn("inbox_id", ids) }
        if let ids = try query.idList("email_thread") { filter.addIn("thread_id", ids) }
        if let ids = try query.idList("documents") {
            filter.add("id IN (SELECT email_id FROM documents WHERE id IN (\(databaseQuestionMarks(count: ids.count))))", ids)
        }
        for (key, column) in [("subject", "subject"), ("from__email", "from_email"), ("from__name", "from_name")] {
            if let value = query[key] { filter.add("\(column) = ? COLLATE NOCASE", [value]) }
        }
        if let to = query["to"] {
            // Recipients are kept in the body as `{"email": ..., "name": ...}` objects.
            filter.add("EXISTS (SELECT 1 FROM json_each(json_extract(body, '$.to')) WHERE json_extract(value, '$.email') = ? COLLATE NOCASE)", [to])
        }
        if let types = try DiagnosticQuery.choices(query, "type", ["incoming", "outgoing"]) { filter.addIn("type", types) }
        if let hasDocuments = try DiagnosticQuery.bool(query, "has_documents") {
            filter.add("\(hasDocuments ? "" : "NOT ")EXISTS (SELECT 1 FROM documents WHERE email_id = emails.id)", [])
        }
        try filter.addTimeRange("created_at", query: query, prefix: "created_at")
        try filter.addTimeRange(Self.threadLast, query: query, prefix: "last_thread_email_created_at")
        if let ordered = SQLFilter.orderBy(query, Self.orderings) { orderBy = ordered }
    }

    func count(_ db: Database) throws -> Int { try filter.count(db, table: "emails") }

    func ids(_ db: Database, limit: Int, offset: Int) throws -> [Int] {
        try filter.ids(db, table: "emails", orderBy: orderBy, limit: limit, offset: offset)
    }
}
