import Foundation
import GRDB

/// Exports that really run: a confirmed annotation waits in `exporting` while the queue's
/// `annotation_content.export` hooks run; it becomes `exported`, or `failed_export` when a hook
/// fails or answers an error message (which then stands in the annotation's `messages`).
/// `PATCH {"status": "exporting"}` queues a new attempt.
enum ExportRunner {
    static func enqueue(_ db: Database, annotationID: Int, userID: Int?, now: Double = Date().timeIntervalSince1970) throws {
        try db.execute(
            sql: "INSERT INTO export_queue (annotation_id, user_id, enqueued_at) VALUES (?, ?, ?) ON CONFLICT(annotation_id) DO UPDATE SET user_id = excluded.user_id, enqueued_at = excluded.enqueued_at",
            arguments: [annotationID, userID, now])
    }

    /// Runs every export queued at least `delay` seconds ago; returns how many ran.
    @discardableResult
    static func finishDue(_ db: Database, delay: Double, now: Double = Date().timeIntervalSince1970) throws -> Int {
        let due = try Row.fetchAll(
            db, sql: "SELECT annotation_id, user_id FROM export_queue WHERE enqueued_at + ? <= ? ORDER BY enqueued_at, annotation_id",
            arguments: [delay, now])
        for row in due {
            let annotationID: Int = row["annotation_id"]
            try db.execute(sql: "DELETE FROM export_queue WHERE annotation_id = ?", arguments: [annotationID])
            try export(db, annotationID: annotationID, userID: row["user_id"], at: Date(timeIntervalSince1970: now))
        }
        return due.count
    }

    static func export(_ db: Database, annotationID: Int, userID: Int?, at now: Date) throws {
        guard let annotation = try AnnotationRecord.fetch(db, id: annotationID), annotation.status == "exporting" else { return }
        let runs = try HookRunner.dispatch(db, event: "annotation_content", action: "export", annotationID: annotationID, now: now)
        // The export is over when its hooks are.
        let done = HookRunner.finished(runs, startedAt: now)
        let failed = runs.contains { run in
            run.outcome.failed || run.outcome.messages.contains { $0["type"]?.stringValue == "error" }
        }
        let status = failed ? "failed_export" : "exported"
        let stamp = failed ? "export_failed_at = :now" : "exported_at = :now, exported_by_id = :user, export_failed_at = NULL"
        try db.execute(
            sql: "UPDATE annotations SET status = :status, \(stamp), modified_at = :now, version = version + 1 WHERE id = :id AND status = 'exporting'",
            arguments: ["status": status, "now": DemoClock.timestamp(done), "user": userID ?? annotation.confirmedByID, "id": annotationID])
        try HookRunner.dispatch(db, event: "annotation_status", action: "changed", annotationID: annotationID, previousStatus: "exporting", now: done)
    }

    /// After a request queued exports: with no export delay they run before the answer goes
    /// out (tests see the final status at once); otherwise they run in the background.
    static func kick(_ services: SandboxServices) async throws {
        let delay = Imports.seconds(services.configuration.exportDelay)
        if delay <= 0 {
            try await services.database.write { db in _ = try finishDue(db, delay: 0) }
        } else {
            schedule(after: services.configuration.exportDelay, services: services)
        }
    }

    static func schedule(after wait: Duration, services: SandboxServices) {
        services.background.after(wait + .milliseconds(5)) {
            let delay = Imports.seconds(services.configuration.exportDelay)
            do {
                let next = try await services.database.write { db -> Double? in
                    try finishDue(db, delay: delay)
                    return try Double.fetchOne(db, sql: "SELECT MIN(enqueued_at) FROM export_queue")
                }
                if let next {
                    let wait = max(0.005, next + delay - Date().timeIntervalSince1970)
                    schedule(after: .milliseconds(Int(wait * 1000)), services: services)
                }
            } catch is CancellationError {
                // Shutting down: queued exports run at the next start (--db).
            } catch {
                services.logger.error("running exports failed: \(error)")
            }
        }
    }
}
