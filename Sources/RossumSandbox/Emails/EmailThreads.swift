import Foundation
import GRDB

/// How e-mails form threads, and the thread conditions the e-mail and thread counts share.
/// An e-mail that answers a stored one (its `In-Reply-To` or `References` names that one's
/// `Message-ID`) joins that e-mail's thread; any other starts a thread. A thread's root is its
/// first incoming e-mail; an incoming e-mail joining a thread that has one is an unread reply.
enum EmailThreads {
    /// Puts a just-stored e-mail into its thread.
    static func place(_ db: Database, emailID: Int, message: EmailMessage, queueID: Int, type: String, createdAt: String) throws {
        let incoming = type == "incoming"
        var threadID: Int?
        if !message.answers.isEmpty {
            threadID = try Int.fetchOne(
                db, sql: "SELECT thread_id FROM emails WHERE message_id IN (\(databaseQuestionMarks(count: message.answers.count))) AND id <> ? ORDER BY id LIMIT 1",
                arguments: StatementArguments(message.answers + [String(emailID)]))
        }
        if let threadID {
            let rooted = try Bool.fetchOne(db, sql: "SELECT root_email_id IS NOT NULL FROM email_threads WHERE id = ?", arguments: [threadID]) ?? false
            if incoming && rooted {
                try db.execute(sql: "UPDATE email_threads SET has_new_replies = 1 WHERE id = ?", arguments: [threadID])
            } else if incoming {
                try db.execute(sql: "UPDATE email_threads SET root_email_id = ? WHERE id = ?", arguments: [emailID, threadID])
            }
        } else {
            try db.execute(
                sql: "INSERT INTO email_threads (queue_id, root_email_id, created_at) VALUES (?, ?, ?)",
                arguments: [queueID, incoming ? emailID : nil, createdAt])
            threadID = Int(db.lastInsertedRowID)
        }
        try db.execute(sql: "UPDATE emails SET thread_id = ?, message_id = ? WHERE id = ?", arguments: [threadID, message.messageID, emailID])
    }

    /// SQL columns of `SELECT ... FROM annotations`: the thread of the e-mail an annotation came
    /// with, whether that thread has two or more incoming e-mails, and whether a reply is unread.
    static let annotationColumns = """
        (SELECT thread_id FROM emails WHERE emails.id = annotations.email_id) AS email_thread_id,         (SELECT COUNT(*) > 1 FROM emails e WHERE e.type = 'incoming' AND e.thread_id =         (SELECT thread_id FROM emails WHERE emails.id = annotations.email_id)) AS email_thread_replied,         (SELECT has_new_replies FROM email_threads t WHERE t.id =         (SELECT thread_id FROM emails WHERE emails.id = annotations.email_id)) AS email_thread_unread
        """

    /// "Recent" in the counts and filters: arrived in the last 14 days.
    static func recentSince() -> String { DemoClock.timestamp(Date().addingTimeInterval(-14 * 86_400)) }

    /// SQL: the e-mail `alias` brought no document.
    static func noDocuments(_ alias: String) -> String { "NOT EXISTS (SELECT 1 FROM documents WHERE email_id = \(alias).id)" }

    /// SQL: the e-mail `alias` carries the `rejected` label.
    static func rejectedLabel(_ alias: String) -> String {
        "EXISTS (SELECT 1 FROM json_each(json_extract(\(alias).body, '$.labels')) WHERE value = 'rejected')"
    }

    /// SQL: nothing answers the e-mail `alias`: no children, and no other e-mail in its thread.
    static func notReplied(_ alias: String) -> String {
        """
        json_array_length(json_extract(\(alias).body, '$.children')) = 0 \
        AND NOT EXISTS (SELECT 1 FROM emails other WHERE other.thread_id = \(alias).thread_id AND other.id <> \(alias).id)
        """
    }

    /// SQL, with one `?` for `recentSince()`: the e-mail `alias` arrived recently with no
    /// document, is not rejected, and nothing answers it.
    static func recentWithNoDocumentsNotReplied(_ alias: String) -> String {
        "(\(alias).created_at >= ? AND \(noDocuments(alias)) AND NOT \(rejectedLabel(alias)) AND \(notReplied(alias)))"
    }
}
