import Foundation
import GRDB

/// Uploads: a file becomes a document and an annotation in `importing`; after the import
/// delay the annotation moves to `to_review` and the upload's task from `running` to `succeeded`.
enum Imports {
    struct File: Sendable {
        var name: String
        var data: Data
        var mimeType: String
    }

    struct Created: Sendable {
        var taskID: Int?
        var documentIDs: [Int]
        var annotationIDs: [Int]
    }

    /// Creates documents and annotations for `files` in queue `queueID`, plus (unless `legacy`)
    /// an upload object and its task.
    static func create(
        _ db: Database, files: [File], queueID: Int, userID: Int, organizationID: Int, metadata: JSONValue,
        importDelay: Duration, legacy: Bool
    ) throws -> Created {
        let dueAt = dueTime(after: importDelay)
        // A missing queue is a 404 before an empty upload is a 400.
        let (documentIDs, annotationIDs) = try createAnnotations(
            db, files: files, queueID: queueID, userID: userID, metadata: metadata, dueAt: dueAt)
        guard !files.isEmpty else { throw SandboxHTTPError.fieldErrors(["content": "No file was submitted."]) }
        guard !legacy else { return Created(taskID: nil, documentIDs: documentIDs, annotationIDs: annotationIDs) }

        let upload = try ObjectStore.insert(db, "uploads", [
            "queue": .reference("queues", queueID), "organization": .reference("organizations", organizationID),
            "creator": .reference("users", userID), "created_at": .string(DemoClock.now()), "email": nil,
            "documents": .array(documentIDs.map { .reference("documents", $0) }), "additional_documents": [],
            "annotations": .array(annotationIDs.map { .reference("annotations", $0) }),
        ])
        let uploadID = upload["id"]?.intValue ?? 0
        try db.execute(
            sql: "UPDATE annotations SET upload_id = ? WHERE id IN (\(annotationIDs.map(String.init).joined(separator: ",")))",
            arguments: [uploadID])
        // The task takes the id of the upload's first annotation. The official synchronous SDK
        // client reads `results[0].annotation` from the upload response and polls `tasks/<that id>`;
        // sharing the id makes both it and the asynchronous client (which follows `url`) work.
        let taskID = annotationIDs[0]
        try insertTask(db, id: taskID, type: "upload_created", result: .reference("uploads", uploadID), dueAt: dueAt)
        return Created(taskID: taskID, documentIDs: documentIDs, annotationIDs: annotationIDs)
    }

    static func dueTime(after importDelay: Duration) -> Double { Date().timeIntervalSince1970 + seconds(importDelay) }

    /// A document and an annotation in `importing` for each file (uploads and e-mail attachments alike).
    static func createAnnotations(
        _ db: Database, files: [File], queueID: Int, userID: Int, metadata: JSONValue, dueAt: Double
    ) throws -> (documentIDs: [Int], annotationIDs: [Int]) {
        guard let queue = try ObjectStore.fetch(db, "queues", id: queueID) else {
            throw SandboxHTTPError(.notFound, detail: "Queue \(queueID) does not exist.")
        }
        let now = DemoClock.now()
        var documentIDs: [Int] = [], annotationIDs: [Int] = []
        for file in files {
            try db.execute(
                sql: "INSERT INTO documents (original_file_name, mime_type, created_at, arrived_at, creator_id, metadata, content) VALUES (?, ?, ?, ?, ?, '{}', ?)",
                arguments: [file.name, file.mimeType, now, now, userID, file.data])
            let documentID = Int(db.lastInsertedRowID)
            documentIDs.append(documentID)
            let fields = AnnotationStore.extractedFields(forFileName: file.name, seed: UInt64(documentID))
            annotationIDs.append(try AnnotationStore.insert(
                db, queueID: queueID, schemaID: queue["schema"]?.referencedID ?? 1, documentID: documentID,
                status: "importing", creatorID: userID, arrivedAt: now, fileName: file.name, fields: fields,
                metadata: metadata, uploadID: nil, importDueAt: dueAt))
        }
        return (documentIDs, annotationIDs)
    }

    /// A task of `type` (`upload_created`, `email_imported`) that is `running` until `dueAt`,
    /// then `succeeded` with `result` as its `result_url` (see `finishDue`).
    static func insertTask(_ db: Database, id: Int, type: String, result: JSONValue, dueAt: Double) throws {
        let contentKey = type == "email_imported" ? "email" : "upload"
        let task: JSONValue = [
            "id": .int(id), "url": .reference("tasks", id), "type": .string(type), "status": "running",
            "expires_at": .string(DemoClock.timestamp(Date().addingTimeInterval(86_400))), "detail": nil, "code": nil,
            "content": [contentKey: result], "result_url": nil,
        ]
        try db.execute(sql: "INSERT INTO objects (kind, id, body) VALUES ('tasks', ?, ?)", arguments: [id, task.storageText])
        try db.execute(sql: "INSERT INTO task_schedule (task_id, due_at) VALUES (?, ?)", arguments: [id, dueAt])
    }

    /// Finishes every import whose time has come; returns how many annotations moved on.
    @discardableResult
    static func finishDue(_ db: Database, now: Double = Date().timeIntervalSince1970) throws -> Int {
        let finishing = try Int.fetchAll(
            db, sql: "SELECT id FROM annotations WHERE import_due_at <= ? AND status = 'importing' ORDER BY id", arguments: [now])
        try db.execute(
            sql: "UPDATE annotations SET status = 'to_review', import_due_at = NULL, modified_at = ?, version = version + 1 WHERE import_due_at <= ? AND status = 'importing'",
            arguments: [DemoClock.now(), now])
        let moved = db.changesCount
        for id in finishing { try LifecycleEvents.imported(db, annotationID: id) }
        try db.execute(sql: "UPDATE annotations SET import_due_at = NULL WHERE import_due_at <= ?", arguments: [now])
        let dueTasks = try Int.fetchAll(db, sql: "SELECT task_id FROM task_schedule WHERE due_at <= ?", arguments: [now])
        for taskID in dueTasks {
            if var task = try ObjectStore.fetch(db, "tasks", id: taskID) {
                task["status"] = "succeeded"
                task["result_url"] = task["content"]?["upload"] ?? task["content"]?["email"] ?? .null
                try ObjectStore.replace(db, "tasks", id: taskID, task)
            }
            try db.execute(sql: "DELETE FROM task_schedule WHERE task_id = ?", arguments: [taskID])
        }
        return moved
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Schedules the finishing of imports `delay` from now on the server's background work.
    static func schedule(after delay: Duration, services: SandboxServices) {
        services.background.after(delay + .milliseconds(5)) {
            do {
                let next = try await services.database.write { db -> Double? in
                    try finishDue(db)
                    return try Double.fetchOne(
                        db, sql: "SELECT MIN(t) FROM (SELECT MIN(due_at) AS t FROM task_schedule UNION ALL SELECT MIN(import_due_at) FROM annotations WHERE import_due_at IS NOT NULL)")
                }
                // Something is still pending (clocks differ slightly, or it was scheduled later): come back then.
                if let next {
                    let wait = max(0.005, next - Date().timeIntervalSince1970)
                    schedule(after: .milliseconds(Int(wait * 1000)), services: services)
                }
            } catch is CancellationError {
                // The server is shutting down; whatever is pending finishes at the next start (--db).
            } catch {
                services.logger.error("finishing imports failed: \(error)")
            }
        }
    }
}
