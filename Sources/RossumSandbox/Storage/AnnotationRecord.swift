import GRDB

/// One row of the `annotations` table, and how it is served.
struct AnnotationRecord: Sendable {
    var id: Int
    var queueID: Int
    var schemaID: Int
    var documentID: Int
    var status: String
    var previousStatus: String?
    var creatorID: Int?
    var modifierID: Int?
    var modifiedByID: Int?
    var createdAt: String
    var modifiedAt: String?
    var assignedAt: String?
    var confirmedAt: String?
    var confirmedByID: Int?
    var exportedAt: String?
    var exportedByID: Int?
    var deletedAt: String?
    var deletedByID: Int?
    var rejectedAt: String?
    var rejectedByID: Int?
    var purgedAt: String?
    var purgedByID: Int?
    var exportFailedAt: String?
    var arrivedAt: String
    var originalFileName: String
    var timeSpent: Double
    var automated: Bool
    var metadata: String
    var messages: String?
    var labels: String
    var fields: ExtractedFields
    var uploadID: Int?
    var organizationID: Int
    var emailID: Int?
    /// The e-mail's thread and its state, when the row was read with `EmailThreads.annotationColumns` (`selectSQL` does).
    var emailThreadID: Int?
    var emailThreadReplied = false
    var emailThreadUnread = false
    var automationBlockerID: Int?
    /// Set by `annotations/assign`; nil until then.
    var assigneeIDs: [Int]?
    /// Its pages, when the row was read with `PageStore.pageIDsColumn` (`selectSQL` does).
    var pageIDs: [Int] = []

    init(row: Row) {
        id = row["id"]; queueID = row["queue_id"]; schemaID = row["schema_id"]; documentID = row["document_id"]
        status = row["status"]; previousStatus = row["previous_status"]
        creatorID = row["creator_id"]; modifierID = row["modifier_id"]; modifiedByID = row["modified_by_id"]
        createdAt = row["created_at"]; modifiedAt = row["modified_at"]; assignedAt = row["assigned_at"]
        confirmedAt = row["confirmed_at"]; confirmedByID = row["confirmed_by_id"]
        exportedAt = row["exported_at"]; exportedByID = row["exported_by_id"]
        deletedAt = row["deleted_at"]; deletedByID = row["deleted_by_id"]
        rejectedAt = row["rejected_at"]; rejectedByID = row["rejected_by_id"]
        purgedAt = row["purged_at"]; purgedByID = row["purged_by_id"]; exportFailedAt = row["export_failed_at"]
        arrivedAt = row["arrived_at"]; originalFileName = row["original_file_name"]
        timeSpent = row["time_spent"]; automated = row["automated"]
        metadata = row["metadata"]; messages = row["messages"]; labels = row["labels"]
        fields = ExtractedFields(
            supplierName: row["supplier_name"] ?? "", invoiceNumber: row["invoice_number"] ?? "",
            issueDate: row["issue_date"] ?? "", dueDate: row["due_date"] ?? "", amountTotal: row["amount_total"] ?? "",
            currency: row["currency"] ?? "", contentSeed: row["content_seed"])
        uploadID = row["upload_id"]
        organizationID = 1
        emailID = row["email_id"]
        emailThreadID = row["email_thread_id"]
        emailThreadReplied = row["email_thread_replied"] ?? false
        emailThreadUnread = row["email_thread_unread"] ?? false
        automationBlockerID = row["automation_blocker_id"]
        assigneeIDs = (row["assignee_ids"] as String?).flatMap { JSONValue.stored($0).arrayValue?.compactMap(\.intValue) }
        pageIDs = ((row["page_ids"] as String?) ?? "").split(separator: ",").compactMap { Int($0) }.sorted()
    }

    /// Every column, the page ids and the e-mail thread: what serving an annotation needs.
    static let selectSQL = "SELECT *, \(PageStore.pageIDsColumn), \(EmailThreads.annotationColumns) FROM annotations"

    static func fetch(_ db: Database, id: Int) throws -> AnnotationRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "\(selectSQL) WHERE id = ?"), arguments: [id]).map(AnnotationRecord.init)
    }

    /// 24 hex digits, like Rossum's poll ids (without `String(format:)`, slow on long lists).
    static func hex(_ value: Int) -> String {
        let digits = String(UInt64(truncatingIfNeeded: value), radix: 16)
        return String(repeating: "0", count: max(0, 24 - digits.count)) + digits
    }

    var json: JSONValue {
        func user(_ id: Int?) -> JSONValue { .optionalReference("users", id) }
        func time(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return [
            "id": .int(id), "url": .reference("annotations", id), "status": .string(status),
            "queue": .reference("queues", queueID), "schema": .reference("schemas", schemaID),
            "document": .reference("documents", documentID), "content": .reference("annotations/\(id)/content"),
            "pages": .array(pageIDs.map { .reference("pages", $0) }), "relations": [], "creator": user(creatorID), "modifier": user(modifierID),
            "modified_by": user(modifiedByID), "created_at": .string(createdAt), "modified_at": time(modifiedAt),
            "assigned_at": time(assignedAt), "confirmed_at": time(confirmedAt), "confirmed_by": user(confirmedByID),
            "exported_at": time(exportedAt), "exported_by": user(exportedByID), "deleted_at": time(deletedAt),
            "deleted_by": user(deletedByID), "rejected_at": time(rejectedAt), "rejected_by": user(rejectedByID),
            "purged_at": time(purgedAt), "purged_by": user(purgedByID), "export_failed_at": time(exportFailedAt),
            "arrived_at": .string(arrivedAt), "rir_poll_id": .string(Self.hex(fields.contentSeed)),
            "messages": messages.map(JSONValue.stored) ?? .null, "time_spent": .double(timeSpent),
            "metadata": JSONValue.stored(metadata), "labels": JSONValue.stored(labels), "automated": .bool(automated),
            "organization": .reference("organizations", organizationID), "email": .optionalReference("emails", emailID),
            "email_thread": .optionalReference("email_threads", emailThreadID),
            "has_email_thread_with_replies": .bool(emailThreadReplied), "has_email_thread_with_new_replies": .bool(emailThreadUnread),
            "suggested_edit": nil, "related_emails": emailID.map { [.reference("emails", $0)] } ?? [],
            "automation_blocker": .optionalReference("automation_blockers", automationBlockerID), "automatically_rejected": false,
            "prediction": nil, "assignees": assigneeIDs.map { .array($0.map(user)) }
                ?? modifierID.flatMap { status == "reviewing" ? .array([user($0)]) : nil } ?? [],
            "restricted_access": false, "training_enabled": true, "einvoice": false,
        ]
    }
}

/// The header fields "extracted" from a document; the line items are derived from `contentSeed`.
struct ExtractedFields: Sendable, Equatable {
    var supplierName: String
    var invoiceNumber: String
    var issueDate: String
    var dueDate: String
    var amountTotal: String
    var currency: String
    var contentSeed: Int
}
