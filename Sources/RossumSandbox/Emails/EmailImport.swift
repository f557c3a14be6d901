import Foundation
import GRDB

/// `POST emails/import`: a raw message delivered to an inbox, as if it had come over SMTP. The
/// e-mail is stored at once; its document attachments are imported into the inbox's queue the
/// way uploads are (`importing`, then `to_review` after the import delay), and the answer's task
/// (`email_imported`) succeeds with the e-mail as its result when they are.
enum EmailImport {
    struct Imported: Sendable {
        var taskID: Int
        var emailID: Int
        var annotationIDs: [Int]
    }

    /// E-mail import tasks take ids from their own range: upload tasks share their first
    /// annotation's id (see `Imports.create`), and an e-mail may bring no annotation at all.
    static let taskIDStart = 1_000_000_001

    static func run(
        _ db: Database, raw: Data, recipient: String, userID: Int, metadata: JSONValue, importDelay: Duration
    ) throws -> Imported {
        let (inboxID, queueID) = try destination(db, recipient: recipient)
        let message = EmailMessage(raw: raw)
        let documents = message.attachments.filter(AttachmentFilter.isDocument)
        let emailID = try EmailStore.insert(db, EmailStore.NewEmail(
            queueID: queueID, inboxID: inboxID, createdAt: DemoClock.now(), message: message, creatorID: userID,
            filteredOutDocumentCount: message.attachments.count - documents.count, raw: raw))
        let dueAt = Imports.dueTime(after: importDelay)
        let files = documents.map { Imports.File(name: $0.fileName, data: $0.data, mimeType: AttachmentFilter.mimeType(of: $0)) }
        let created = try Imports.createAnnotations(db, files: files, queueID: queueID, userID: userID, metadata: metadata, dueAt: dueAt)
        try EmailStore.attach(db, emailID: emailID, documentIDs: created.documentIDs)
        let taskID = try db.nextValue(of: "tasks.email_imported", startingAt: taskIDStart)
        try Imports.insertTask(db, id: taskID, type: "email_imported", result: .reference("emails", emailID), dueAt: dueAt)
        return Imported(taskID: taskID, emailID: emailID, annotationIDs: created.annotationIDs)
    }

    /// The inbox with this address and the queue it delivers to; anything else is a 400 on `recipient`.
    static func destination(_ db: Database, recipient: String) throws -> (inboxID: Int, queueID: Int) {
        let address = recipient.trimmingCharacters(in: .whitespaces)
        guard let inbox = try ObjectStore.fetchAll(db, "inboxes").first(where: {
            $0["email"]?.stringValue?.caseInsensitiveCompare(address) == .orderedSame
        }), let inboxID = inbox["id"]?.intValue else {
            throw SandboxHTTPError.fieldErrors(["recipient": "No inbox of your organization has the address \"\(address)\"."])
        }
        let queues = try QueueRelations.queueURLs(QueueRelations.links["inboxes"]!, db)[inboxID] ?? []
        guard let queueID = queues.first?.referencedID else {
            throw SandboxHTTPError.fieldErrors(["recipient": "The inbox \"\(address)\" belongs to no queue."])
        }
        return (inboxID, queueID)
    }
}
