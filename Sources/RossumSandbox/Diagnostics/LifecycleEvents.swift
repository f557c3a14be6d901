import Foundation
import GRDB

/// What follows a status change, in the same transaction: the audit log entry, the hooks
/// subscribed to the event, and the export when the annotation now waits in `exporting`.
enum LifecycleEvents {
    /// The content event an action raises besides the status change (`start` -> `started`, ...).
    static func contentAction(for action: AnnotationAction, newStatus: String) -> String? {
        switch action {
        case .start: "started"
        case .confirm, .approve: ["confirmed", "exporting"].contains(newStatus) ? "confirm" : nil
        default: nil
        }
    }

    static func statusChanged(
        _ db: Database, annotationID: Int, from previous: String, to status: String, userID: Int?,
        request: AuditLog.RequestDescription?, contentAction: String? = nil
    ) throws {
        // The change happens now; each event's hooks run when the previous step is over.
        var now = Date()
        if let request, let userID {
            try AuditLog.recordStatusChange(db, annotationID: annotationID, userID: userID, request: request, at: now)
        }
        if let contentAction {
            let runs = try HookRunner.dispatch(
                db, event: "annotation_content", action: contentAction, annotationID: annotationID, previousStatus: previous, now: now)
            now = HookRunner.finished(runs, startedAt: now)
        }
        if previous != status {
            try HookRunner.dispatch(db, event: "annotation_status", action: "changed", annotationID: annotationID, previousStatus: previous, now: now)
        }
        if status == "exporting" { try ExportRunner.enqueue(db, annotationID: annotationID, userID: userID) }
    }

    /// An import finished: extensions initialise the content, and blockers are worked out. The
    /// annotation is read once and its content at most once for all three steps.
    static func imported(_ db: Database, annotationID: Int, at now: Date = Date()) throws {
        guard let annotation = try AnnotationRecord.fetch(db, id: annotationID) else { return }
        var content: [JSONValue]?
        let initialized = try HookRunner.dispatch(
            db, event: "annotation_content", action: "initialize", annotation: annotation, content: &content,
            previousStatus: "importing", now: now)
        // The status changes once the content is initialised.
        try HookRunner.dispatch(
            db, event: "annotation_status", action: "changed", annotation: annotation, content: &content,
            previousStatus: "importing", now: HookRunner.finished(initialized, startedAt: now))
        try AutomationBlockers.refresh(db, annotation: annotation, content: content)
    }
}
