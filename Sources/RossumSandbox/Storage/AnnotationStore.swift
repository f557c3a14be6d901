import Foundation
import GRDB

/// Writing annotations: creating them (uploads, demo, API), client updates and content edits.
enum AnnotationStore {
    static func insert(
        _ db: Database, queueID: Int, schemaID: Int, documentID: Int, status: String, creatorID: Int?,
        arrivedAt: String, fileName: String, fields: ExtractedFields, metadata: JSONValue, uploadID: Int?,
        importDueAt: Double?, pages: [PageSource]? = nil
    ) throws -> Int {
        try db.execute(
            sql: """
                INSERT INTO annotations (queue_id, schema_id, document_id, status, creator_id, created_at, arrived_at,
                    original_file_name, metadata, supplier_name, invoice_number, issue_date, due_date, amount_total,
                    currency, content_seed, upload_id, import_due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                queueID, schemaID, documentID, status, creatorID, DemoClock.now(), arrivedAt, fileName, metadata.storageText,
                fields.supplierName, fields.invoiceNumber, fields.issueDate, fields.dueDate, fields.amountTotal,
                fields.currency, fields.contentSeed, uploadID, importDueAt,
            ])
        let id = Int(db.lastInsertedRowID)
        // Without a page list the annotation shows every page of its document.
        try PageStore.create(db, annotationID: id, sources: try pages ?? PageStore.sources(ofDocument: documentID, db))
        return id
    }

    /// "Extraction" of an uploaded file: deterministic in its name, so the same file reads the same.
    static func extractedFields(forFileName fileName: String, seed: UInt64) -> ExtractedFields {
        var hash: UInt64 = 1_469_598_103_934_665_603
        for byte in fileName.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        var random = SplitMix64(seed: hash ^ seed)
        let supplier = DemoNames.suppliers[Int(random.next() % UInt64(DemoNames.suppliers.count))]
        let issued = DemoClock.epoch.addingTimeInterval(-Double(random.next() % 60) * 86_400)
        let amount = Double(random.next() % 2_000_000) / 100 + 10
        return ExtractedFields(
            supplierName: supplier.name, invoiceNumber: "\(supplier.invoicePrefix)-\(2026)\(String(format: "%05d", Int(random.next() % 100_000)))",
            issueDate: String(DemoClock.timestamp(issued).prefix(10)),
            dueDate: String(DemoClock.timestamp(issued.addingTimeInterval(30 * 86_400)).prefix(10)),
            amountTotal: String(format: "%.2f", supplier.currency == "jpy" ? (amount * 100).rounded() : amount),
            currency: supplier.currency, contentSeed: Int(truncatingIfNeeded: random.next() >> 1))
    }

    /// What `PATCH`/`PUT annotations/{id}` may change. Read-only fields a client echoes back are
    /// ignored; unknown fields and wrong types are a 400.
    struct Changes: Sendable {
        var status: String?
        var queueID: Int?
        var metadata: JSONValue?
        var messages: JSONValue?
        var labels: JSONValue?
        var timeSpent: Double?
        var automated: Bool?
    }

    static let readOnlyFields: Set<String> = Set(
        AnnotationRecordFields.served).subtracting(["status", "queue", "metadata", "messages", "labels", "time_spent", "automated"])

    static func validatedChanges(_ body: [String: JSONValue]) throws -> Changes {
        var changes = Changes()
        var errors: [String: String] = [:]
        for (key, value) in body {
            switch key {
            case "status":
                if let status = value.stringValue { changes.status = status } else { errors[key] = "Not a valid string." }
            case "queue":
                if let id = value.referencedID { changes.queueID = id } else { errors[key] = "Invalid hyperlink - No URL match." }
            case "metadata":
                if value.objectValue != nil { changes.metadata = value } else { errors[key] = "Expected a dictionary of items." }
            case "messages":
                if value.arrayValue != nil || value.isNull { changes.messages = value } else { errors[key] = "Expected a list of items." }
            case "labels":
                if value.arrayValue != nil { changes.labels = value } else { errors[key] = "Expected a list of items." }
            case "time_spent":
                if let number = value.doubleValue, value.stringValue == nil { changes.timeSpent = number } else { errors[key] = "A valid number is required." }
            case "automated":
                if let flag = value.boolValue { changes.automated = flag } else { errors[key] = "Must be a valid boolean." }
            default:
                if !readOnlyFields.contains(key) { errors[key] = "Unknown field." }
            }
        }
        if !errors.isEmpty { throw SandboxHTTPError.fieldErrors(errors) }
        return changes
    }

    static func apply(_ changes: Changes, annotationID: Int, userID: Int, db: Database) throws -> AnnotationRecord {
        guard let current = try AnnotationRecord.fetch(db, id: annotationID) else { throw SandboxHTTPError.notFound }
        if let status = changes.status, status != current.status {
            try AnnotationLifecycle.setStatus(status, annotationID: annotationID, userID: userID, db: db)
        }
        var assignments: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let queueID = changes.queueID, queueID != current.queueID {
            guard let queue = try ObjectStore.fetch(db, "queues", id: queueID) else {
                throw SandboxHTTPError.fieldErrors(["queue": "Invalid hyperlink - Object does not exist."])
            }
            assignments += ["queue_id = ?", "schema_id = ?"]
            arguments += [queueID, queue["schema"]?.referencedID ?? current.schemaID]
        }
        if let metadata = changes.metadata { assignments.append("metadata = ?"); arguments.append(metadata.storageText) }
        if let messages = changes.messages {
            assignments.append("messages = ?")
            arguments.append(messages.isNull ? nil as String? : messages.storageText)
        }
        if let labels = changes.labels { assignments.append("labels = ?"); arguments.append(labels.storageText) }
        if let timeSpent = changes.timeSpent { assignments.append("time_spent = ?"); arguments.append(timeSpent) }
        if let automated = changes.automated { assignments.append("automated = ?"); arguments.append(automated) }
        if !assignments.isEmpty {
            assignments += ["modified_at = ?", "modified_by_id = ?", "version = version + 1"]
            arguments += [DemoClock.now(), userID, annotationID]
            try db.execute(
                sql: "UPDATE annotations SET \(assignments.joined(separator: ", ")) WHERE id = ?",
                arguments: StatementArguments(arguments))
        }
        return try AnnotationRecord.fetch(db, id: annotationID)!
    }

    /// Content edits are refused on annotations that can no longer change.
    static let frozenStatuses: Set<String> = ["deleted", "purged", "exported", "exporting", "importing", "in_workflow"]

    static func applyContentOperations(_ operations: [JSONValue], annotationID: Int, userID: Int, db: Database) throws -> [JSONValue] {
        guard let annotation = try AnnotationRecord.fetch(db, id: annotationID) else { throw SandboxHTTPError.notFound }
        if frozenStatuses.contains(annotation.status) {
            throw SandboxHTTPError.conflict("Annotation in status \"\(annotation.status)\" cannot be edited.")
        }
        try ContentLock.requireOwnReview(annotation, userID: userID)
        let content = try ContentOperations.apply(
            operations, to: try AnnotationContent.load(db, annotation), annotationID: annotationID,
            newID: { try db.nextValue(of: "datapoints", startingAt: AnnotationContent.addedIDStart) })
        try AnnotationContent.save(db, annotationID: annotationID, content)
        let fields = AnnotationContent.extractedFields(from: content, previous: annotation.fields)
        try db.execute(
            sql: """
                UPDATE annotations SET supplier_name = ?, invoice_number = ?, issue_date = ?, due_date = ?, amount_total = ?,
                    currency = ?, modified_at = ?, modified_by_id = ?, version = version + 1 WHERE id = ?
                """,
            arguments: [
                fields.supplierName, fields.invoiceNumber, fields.issueDate, fields.dueDate, fields.amountTotal,
                fields.currency, DemoClock.now(), userID, annotationID,
            ])
        // Extensions see the edit (and may change the content further).
        guard !(try HookRunner.dispatch(db, event: "annotation_content", action: "updated", annotationID: annotationID)).isEmpty,
              let edited = try AnnotationRecord.fetch(db, id: annotationID) else { return content }
        return try AnnotationContent.load(db, edited)
    }
}

/// Every key an annotation is served with (so echoing a served annotation back is not "unknown").
enum AnnotationRecordFields {
    static let served: [String] = [
        "id", "url", "status", "queue", "schema", "document", "content", "pages", "relations", "creator", "modifier",
        "modified_by", "created_at", "modified_at", "assigned_at", "confirmed_at", "confirmed_by", "exported_at",
        "exported_by", "deleted_at", "deleted_by", "rejected_at", "rejected_by", "purged_at", "purged_by",
        "export_failed_at", "arrived_at", "rir_poll_id", "messages", "time_spent", "metadata", "labels", "automated",
        "organization", "email", "email_thread", "has_email_thread_with_replies", "has_email_thread_with_new_replies",
        "suggested_edit", "related_emails", "automation_blocker", "automatically_rejected", "prediction", "assignees",
        "restricted_access", "training_enabled", "einvoice",
    ]
}
