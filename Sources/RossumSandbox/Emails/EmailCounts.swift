import GRDB

/// `GET emails/counts`: the incoming e-mails the list's filters select, counted the way the
/// inbox view groups them.
enum EmailCounts {
    static func incoming(_ db: Database, query: EmailQuery) throws -> JSONValue {
        var filter = query.filter
        filter.add("type = 'incoming'", [])
        let since = EmailThreads.recentSince()
        let rejected = "EXISTS (SELECT 1 FROM annotations WHERE email_id = emails.id AND status = 'rejected') OR \(EmailThreads.rejectedLabel("emails"))"
        let filteredOut = "emails.created_at >= ? AND COALESCE(json_extract(emails.body, '$.filtered_out_document_count'), 0) > 0"
        let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*), COALESCE(SUM(\(EmailThreads.noDocuments("emails"))), 0),
                COALESCE(SUM(\(EmailThreads.recentWithNoDocumentsNotReplied("emails"))), 0),
                COALESCE(SUM(\(rejected)), 0), COALESCE(SUM(\(filteredOut)), 0)
            FROM emails \(filter.whereClause)
            """, arguments: StatementArguments([since, since]) + filter.arguments())
        func count(_ index: Int) -> JSONValue { .int(row?[index] ?? 0) }
        return ["incoming": [
            "total": count(0), "no_documents": count(1), "recent_with_no_documents_not_replied": count(2), "rejected": count(3),
            // The reference names this count both ways (its table and its example); both are served.
            "recent_with_filtered_out_documents": count(4), "recent_filtered_out_documents": count(4),
        ]]
    }
}
