import Foundation
import GRDB

/// E-mails that arrived in (or were sent from) an inbox. The filterable fields are columns of
/// `emails`; the rest of what a client may write (recipients, bodies, metadata, labels, thread
/// links) is kept in `body`; `documents`, `annotations` and their counts are computed from the
/// documents' and annotations' `email_id` when served.
enum EmailStore {
    struct NewEmail: Sendable {
        var queueID: Int
        var inboxID: Int?
        var createdAt: String
        var message: EmailMessage
        var type = "incoming"
        var creatorID: Int?
        var filteredOutDocumentCount = 0
        var raw: Data
    }

    static func insert(_ db: Database, _ email: NewEmail) throws -> Int {
        func people(_ addresses: [EmailMessage.Address]) -> JSONValue {
            .array(addresses.map { ["email": .string($0.email), "name": .string($0.name)] })
        }
        let message = email.message
        let body: JSONValue = [
            "to": people(message.to), "cc": people(message.cc), "bcc": people(message.bcc),
            "body_text_plain": .string(message.textPlain), "body_text_html": .string(message.textHTML),
            "metadata": [:], "labels": [], "parent": nil, "children": [],
            "creator": .optionalReference("users", email.creatorID),
            "filtered_out_document_count": .int(email.filteredOutDocumentCount),
        ]
        try db.execute(
            sql: """
                INSERT INTO emails (queue_id, inbox_id, created_at, subject, from_email, from_name, type, document_count, body, raw)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
                """,
            arguments: [
                email.queueID, email.inboxID, email.createdAt, message.subject, message.from?.email ?? "",
                message.from?.name ?? "", email.type, body.storageText, email.raw,
            ])
        let id = Int(db.lastInsertedRowID)
        try EmailThreads.place(db, emailID: id, message: message, queueID: email.queueID, type: email.type, createdAt: email.createdAt)
        return id
    }

    /// Links documents and their annotations to the e-mail they were attached to.
    static func attach(_ db: Database, emailID: Int, documentIDs: [Int]) throws {
        guard !documentIDs.isEmpty else { return }
        let marks = databaseQuestionMarks(count: documentIDs.count)
        let ids = documentIDs.map { $0 as any DatabaseValueConvertible }
        try db.execute(sql: "UPDATE documents SET email_id = ? WHERE id IN (\(marks))", arguments: StatementArguments([emailID] + ids))
        try db.execute(sql: "UPDATE annotations SET email_id = ? WHERE document_id IN (\(marks))", arguments: StatementArguments([emailID] + ids))
        try db.execute(
            sql: "UPDATE emails SET document_count = (SELECT COUNT(*) FROM documents WHERE email_id = ?) WHERE id = ?",
            arguments: [emailID, emailID])
    }

    /// Statuses counted as still waiting for someone (`annotations_unprocessed`).
    static let unprocessedStatuses: Set<String> = [
        "created", "importing", "failed_import", "split", "to_review", "reviewing", "in_workflow", "postponed",
    ]

    /// The served e-mails with these ids, in id order, with their documents and annotations.
    static func served(_ db: Database, ids: [Int]) throws -> [JSONValue] {
        guard !ids.isEmpty else { return [] }
        let marks = databaseQuestionMarks(count: ids.count)
        let arguments = StatementArguments(ids)
        var documents: [Int: [JSONValue]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, email_id FROM documents WHERE email_id IN (\(marks)) ORDER BY id", arguments: arguments) {
            documents[row["email_id"], default: []].append(.reference("documents", row["id"]))
        }
        var annotations: [Int: [(id: Int, status: String)]] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT id, email_id, status FROM annotations WHERE email_id IN (\(marks)) ORDER BY id", arguments: arguments)
        {
            annotations[row["email_id"], default: []].append((row["id"], row["status"]))
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT *, (SELECT MAX(created_at) FROM emails other WHERE other.thread_id = emails.thread_id) AS thread_last
            FROM emails WHERE id IN (\(marks)) ORDER BY id
            """, arguments: arguments)
        return rows.map { row in
            let id: Int = row["id"]
            let linked = annotations[id] ?? []
            var body = JSONValue.stored(row["body"])
            body["id"] = .int(id)
            body["url"] = .reference("emails", id)
            body["queue"] = .reference("queues", row["queue_id"])
            body["inbox"] = .optionalReference("inboxes", row["inbox_id"])
            body["email_thread"] = .optionalReference("email_threads", row["thread_id"])
            body["created_at"] = .string(row["created_at"])
            body["last_thread_email_created_at"] = .string(row["thread_last"] ?? row["created_at"])
            body["subject"] = .string(row["subject"])
            body["from"] = ["email": .string(row["from_email"]), "name": .string(row["from_name"])]
            body["type"] = .string(row["type"])
            body["documents"] = .array(documents[id] ?? [])
            body["annotations"] = .array(linked.map { .reference("annotations", $0.id) })
            body["related_annotations"] = []
            body["related_documents"] = []
            body["annotation_counts"] = annotationCounts(linked.map(\.status))
            body["content"] = .reference("emails/\(id)/content")
            return body
        }
    }

    /// How many annotations came with an e-mail (or a thread's e-mails), by where they stand.
    static func annotationCounts(_ statuses: [String]) -> JSONValue {
        func count(_ keep: (String) -> Bool) -> JSONValue { .int(statuses.filter(keep).count) }
        return [
            "annotations": .int(statuses.count),
            "annotations_processed": count { !unprocessedStatuses.contains($0) && !["rejected", "purged"].contains($0) },
            "annotations_purged": count { $0 == "purged" }, "annotations_unprocessed": count(unprocessedStatuses.contains),
            "annotations_rejected": count { $0 == "rejected" }, "related_annotations": 0,
        ]
    }

    static func served(_ db: Database, id: Int) throws -> JSONValue? {
        try served(db, ids: [id]).first
    }

    static func raw(_ db: Database, id: Int) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT raw FROM emails WHERE id = ?", arguments: [id])
    }

    /// What `PATCH`/`PUT emails/{id}` may change; the rest is read-only (echoed back, ignored).
    static let spec = ResourceSpec(
        "emails",
        fields: [
            "queue": .reference("queues"), "inbox": .reference("inboxes"), "parent": .nullableReference("emails"),
            "children": .references("emails"), "subject": .string, "body_text_plain": .string, "body_text_html": .string,
            "metadata": .object,
            "labels": .array,
        ],
        required: ["queue", "inbox"],
        readOnly: [
            "email_thread", "documents", "annotations", "related_annotations", "related_documents", "created_at",
            "last_thread_email_created_at", "from", "to", "cc", "bcc", "type", "annotation_counts", "creator",
            "filtered_out_document_count", "content",
        ])

    static let labels: Set<String> = ["rejection", "automatic_rejection", "rejected", "automatic_status_changed_info", "forwarded", "reply"]

    static func update(_ db: Database, id: Int, changes: [String: JSONValue]) throws -> JSONValue {
        guard let stored = try String.fetchOne(db, sql: "SELECT body FROM emails WHERE id = ?", arguments: [id]) else {
            throw SandboxHTTPError.notFound
        }
        if let labels = changes["labels"]?.arrayValue, let bad = labels.first(where: { !Self.labels.contains($0.stringValue ?? "") }) {
            throw SandboxHTTPError.fieldErrors(["labels": "\(bad.serialized(apiBase: nil)) is not a valid choice."])
        }
        try ResourceRoutes.checkReferences(changes, spec: spec, db)
        var body = JSONValue.stored(stored)
        for (key, value) in changes where !["queue", "inbox", "subject"].contains(key) { body[key] = value }
        try db.execute(sql: "UPDATE emails SET body = ? WHERE id = ?", arguments: [body.storageText, id])
        if let queueID = changes["queue"]?.referencedID { try db.execute(sql: "UPDATE emails SET queue_id = ? WHERE id = ?", arguments: [queueID, id]) }
        if let inboxID = changes["inbox"]?.referencedID { try db.execute(sql: "UPDATE emails SET inbox_id = ? WHERE id = ?", arguments: [inboxID, id]) }
        if let subject = changes["subject"]?.stringValue { try db.execute(sql: "UPDATE emails SET subject = ? WHERE id = ?", arguments: [subject, id]) }
        guard let served = try served(db, id: id) else { throw SandboxHTTPError.notFound }
        return served
    }
}
