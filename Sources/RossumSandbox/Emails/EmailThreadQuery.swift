import GRDB

/// `GET email_threads` (and its `counts`): the documented filters and orderings, as SQL on
/// `email_threads` and the threads' e-mails.
struct EmailThreadQuery: Sendable {
    var filter = SQLFilter()
    var orderBy = "id"

    /// Per thread: its e-mails' last arrival, its incoming e-mails, the root's columns.
    static let lastEmail = "(SELECT MAX(created_at) FROM emails e WHERE e.thread_id = email_threads.id)"
    static let incomingCount = "(SELECT COUNT(*) FROM emails e WHERE e.thread_id = email_threads.id AND e.type = 'incoming')"
    static func root(_ column: String) -> String { "(SELECT \(column) FROM emails r WHERE r.id = email_threads.root_email_id)" }

    static let orderings: [String: String] = [
        "id": "id", "created_at": "created_at", "last_email_created_at": lastEmail, "subject": root("subject"),
        "from__email": root("from_email"), "from__name": root("from_name"), "queue": "queue_id",
    ]

    /// SQL, with one `?` for `EmailThreads.recentSince()`: the root arrived recently with no
    /// document, is not rejected, is alone in its thread and was never opened.
    static let recentWithNoDocumentsNotReplied = """
        (root_email_read = 0 AND EXISTS (SELECT 1 FROM emails r WHERE r.id = email_threads.root_email_id \
        AND \(EmailThreads.recentWithNoDocumentsNotReplied("r"))))
        """

    init(_ query: QueryParameters) throws {
        if let ids = try query.idList("id") { filter.addIn("id", ids) }
        if let ids = try query.idList("queue") { filter.addIn("queue_id", ids) }
        if let rooted = try DiagnosticQuery.bool(query, "has_root_email") {
            filter.add("root_email_id IS \(rooted ? "NOT " : "")NULL", [])
        }
        if let replied = try DiagnosticQuery.bool(query, "has_replies") { filter.add("\(Self.incomingCount) \(replied ? ">" : "<=") 1", []) }
        if let unread = try DiagnosticQuery.bool(query, "has_new_replies") { filter.add("has_new_replies = ?", [unread]) }
        if let recent = try DiagnosticQuery.bool(query, "recent_with_no_documents_not_replied") {
            filter.add("\(recent ? "" : "NOT ")\(Self.recentWithNoDocumentsNotReplied)", [EmailThreads.recentSince()])
        }
        try filter.addTimeRange("created_at", query: query, prefix: "created_at")
        try filter.addTimeRange(Self.lastEmail, query: query, prefix: "last_email_created_at")
        if let ordered = SQLFilter.orderBy(query, Self.orderings) { orderBy = ordered }
    }

    func count(_ db: Database) throws -> Int { try filter.count(db, table: "email_threads") }

    func ids(_ db: Database, limit: Int, offset: Int) throws -> [Int] {
        try filter.ids(db, table: "email_threads", orderBy: orderBy, limit: limit, offset: offset)
    }

    /// `GET email_threads/counts` over the threads the filters select.
    func counts(_ db: Database) throws -> JSONValue {
        let row = try Row.fetchOne(db, sql: """
            SELECT COALESCE(SUM(\(Self.incomingCount) > 1), 0), COALESCE(SUM(has_new_replies), 0),
                COALESCE(SUM(\(Self.recentWithNoDocumentsNotReplied)), 0)
            FROM email_threads \(filter.whereClause)
            """, arguments: StatementArguments([EmailThreads.recentSince()]) + filter.arguments())
        func count(_ index: Int) -> JSONValue { .int(row?[index] ?? 0) }
        return ["with_replies": count(0), "with_new_replies": count(1), "recent_with_no_documents_not_replied": count(2)]
    }
}
