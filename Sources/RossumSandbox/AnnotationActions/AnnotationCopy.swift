import Foundation
import GRDB

/// `POST annotations/{id}/copy`: a new annotation of the same document in another queue, with
/// the original's extracted values, content, metadata and e-mail, in the status asked for (the
/// original's by default). With `reimport` the document is extracted again: the copy starts in
/// `importing` and finishes like an upload.
enum AnnotationCopy {
    /// Every status an annotation can have.
    static let statuses: Set<String> = [
        "created", "importing", "failed_import", "split", "to_review", "reviewing", "in_workflow", "confirmed",
        "rejected", "exporting", "exported", "failed_export", "postponed", "deleted", "purged",
    ]

    static func copy(
        _ db: Database, annotationID: Int, body: [String: JSONValue], reimport: Bool, userID: Int, importDelay: Duration
    ) throws -> Int {
        guard let source = try AnnotationRecord.fetch(db, id: annotationID) else { throw SandboxHTTPError.notFound }
        guard let target = body["target_queue"] else { throw SandboxHTTPError.fieldErrors(["target_queue": "This field is required."]) }
        guard let queueID = target.referencedID, let queue = try ObjectStore.fetch(db, "queues", id: queueID) else {
            throw SandboxHTTPError.fieldErrors(["target_queue": "Invalid hyperlink - Object does not exist."])
        }
        let status = body["target_status"]?.stringValue ?? source.status
        guard statuses.contains(status) else { throw SandboxHTTPError.fieldErrors(["target_status": "\"\(status)\" is not a valid choice."]) }
        let fields = reimport
            ? AnnotationStore.extractedFields(forFileName: source.originalFileName, seed: UInt64(truncatingIfNeeded: source.documentID))
            : source.fields
        let id = try AnnotationStore.insert(
            db, queueID: queueID, schemaID: queue["schema"]?.referencedID ?? source.schemaID, documentID: source.documentID,
            status: reimport ? "importing" : status, creatorID: userID, arrivedAt: source.arrivedAt, fileName: source.originalFileName,
            fields: fields, metadata: JSONValue.stored(source.metadata), uploadID: nil,
            importDueAt: reimport ? Imports.dueTime(after: importDelay) : nil,
            pages: try PageStore.fetch(db, annotationID: source.id).map(\.source))
        try db.execute(sql: "UPDATE annotations SET email_id = ? WHERE id = ?", arguments: [source.emailID, id])
        // A content someone edited is copied as it is; an untouched one is derived from the values.
        if !reimport, try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM annotation_content WHERE annotation_id = ?)", arguments: [source.id]) == true {
            try AnnotationContent.save(db, annotationID: id, try AnnotationContent.load(db, source))
        }
        return id
    }
}
