import Foundation
import GRDB

/// The annotation lifecycle (`start`, `cancel`, `confirm`, `postpone`, `reject`, `delete`,
/// `approve`, status `PATCH`): which statuses each action accepts and where it leads.
///
/// Every transition is one `UPDATE ... WHERE status IN (allowed)` inside a write transaction,
/// so of two clients racing on the same annotation exactly one wins and the other gets 409;
/// nothing is half-applied.
enum AnnotationAction: String, Sendable {
    case start, cancel, confirm, postpone, reject, delete, approve

    /// Statuses the action accepts; anything else is a 409.
    var allowedFrom: [String] {
        switch self {
        case .start: ["to_review", "reviewing", "postponed", "confirmed"]
        case .cancel: ["reviewing", "to_review", "postponed"]
        case .confirm: ["to_review", "reviewing", "postponed", "confirmed"]
        case .postpone: ["to_review", "reviewing", "confirmed"]
        case .reject: ["to_review", "reviewing", "postponed", "confirmed", "failed_export"]
        case .delete: Decorations.annotationStatuses.filter { !["deleted", "purged"].contains($0) }
        case .approve: ["in_workflow"]
        }
    }

    var pastTense: String {
        switch self {
        case .start: "started"
        case .cancel: "cancelled"
        case .confirm: "confirmed"
        case .postpone: "postponed"
        case .reject: "rejected"
        case .delete: "deleted"
        case .approve: "approved"
        }
    }
}

enum AnnotationLifecycle {
    /// Statuses a client may set with `PATCH {"status": ...}` (re-queueing, e.g. failed_export -> to_review).
    static let patchableStatuses: Set<String> = [
        "to_review", "postponed", "confirmed", "exporting", "exported", "failed_export", "deleted", "rejected",
        "importing", "failed_import", "in_workflow",
    ]

    /// Applies `action` for `userID`; returns the annotation as it now stands.
    /// `startStatuses` overrides the statuses `start` accepts (its optional body).
    static func perform(
        _ action: AnnotationAction, annotationID: Int, userID: Int, db: Database, startStatuses: [String]? = nil
    ) throws -> AnnotationRecord {
        guard let current = try AnnotationRecord.fetch(db, id: annotationID) else { throw SandboxHTTPError.notFound }
        let now = DemoClock.now()
        let allowed = action == .start ? (startStatuses ?? action.allowedFrom) : action.allowedFrom

        // Someone else's open review blocks every action but delete.
        if current.status == "reviewing", let owner = current.modifierID, owner != userID, action != .delete {
            throw SandboxHTTPError.conflict("Annotation \(annotationID) is being reviewed by another user.")
        }
        guard allowed.contains(current.status) else {
            throw SandboxHTTPError.conflict("Annotation in status \"\(current.status)\" cannot be \(action.pastTense).")
        }

        var assignments: [String] = ["modifier_id = :user", "modified_by_id = :user", "modified_at = :now", "version = version + 1"]
        var newStatus: String
        switch action {
        case .start:
            newStatus = "reviewing"
            assignments.append("assigned_at = :now")
            if current.status != "reviewing" { assignments.append("previous_status = status") }
        case .cancel:
            newStatus = current.status == "reviewing" ? (current.previousStatus.flatMap { ["to_review", "postponed", "confirmed"].contains($0) ? $0 : nil } ?? "to_review") : current.status
            assignments.append("previous_status = NULL")
        case .confirm, .approve:
            let useConfirmedState = try queueUsesConfirmedState(db, queueID: current.queueID)
            if useConfirmedState && current.status != "confirmed" {
                newStatus = "confirmed"
                assignments += ["confirmed_at = :now", "confirmed_by_id = :user"]
            } else {
                // The export runs next (`ExportRunner`): `exported` or `failed_export`.
                newStatus = "exporting"
                if current.confirmedAt == nil || current.status != "confirmed" {
                    assignments += ["confirmed_at = :now", "confirmed_by_id = :user"]
                }
            }
        case .postpone:
            newStatus = "postponed"
        case .reject:
            newStatus = "rejected"
            assignments += ["rejected_at = :now", "rejected_by_id = :user"]
        case .delete:
            newStatus = "deleted"
            assignments += ["deleted_at = :now", "deleted_by_id = :user"]
        }
        assignments.append("status = :status")
        let placeholders = allowed.enumerated().map { ":allowed\($0.offset)" }.joined(separator: ",")
        var arguments: [String: (any DatabaseValueConvertible)?] = [
            "user": userID, "now": now, "status": newStatus, "id": annotationID, "version": currentVersion(db, annotationID),
        ]
        for (index, status) in allowed.enumerated() { arguments["allowed\(index)"] = status }
        try db.execute(
            sql: "UPDATE annotations SET \(assignments.joined(separator: ", ")) WHERE id = :id AND version = :version AND status IN (\(placeholders))",
            arguments: StatementArguments(arguments))
        guard db.changesCount == 1 else {
            throw SandboxHTTPError.conflict("Annotation \(annotationID) was changed by someone else; reload it and try again.")
        }
        try LifecycleEvents.statusChanged(
            db, annotationID: annotationID, from: current.status, to: newStatus, userID: userID,
            request: .action(action, annotationID: annotationID),
            contentAction: LifecycleEvents.contentAction(for: action, newStatus: newStatus))
        guard let updated = try AnnotationRecord.fetch(db, id: annotationID) else { throw SandboxHTTPError.notFound }
        return updated
    }

    static func currentVersion(_ db: Database, _ id: Int) -> Int {
        (try? Int.fetchOne(db, sql: "SELECT version FROM annotations WHERE id = ?", arguments: [id])) ?? 0
    }

    static func queueUsesConfirmedState(_ db: Database, queueID: Int) throws -> Bool {
        try ObjectStore.fetch(db, "queues", id: queueID)?["use_confirmed_state"]?.boolValue ?? false
    }

    /// `PATCH {"status": ...}`: any listed status, from anything but `purged`.
    static func setStatus(_ status: String, annotationID: Int, userID: Int, db: Database) throws {
        guard patchableStatuses.contains(status) else {
            throw SandboxHTTPError.fieldErrors(["status": "\"\(status)\" is not a valid choice."])
        }
        guard let current = try AnnotationRecord.fetch(db, id: annotationID) else { throw SandboxHTTPError.notFound }
        if current.status == "purged" {
            throw SandboxHTTPError.conflict("A purged annotation cannot change status.")
        }
        if current.status == "reviewing", let owner = current.modifierID, owner != userID {
            throw SandboxHTTPError.conflict("Annotation \(annotationID) is being reviewed by another user.")
        }
        let now = DemoClock.now()
        var extra = ""
        switch status {
        case "exported": extra = ", exported_at = :now, exported_by_id = :user"
        case "deleted": extra = ", deleted_at = :now, deleted_by_id = :user"
        case "failed_export": extra = ", export_failed_at = :now"
        case "confirmed": extra = ", confirmed_at = :now, confirmed_by_id = :user"
        case "rejected": extra = ", rejected_at = :now, rejected_by_id = :user"
        default: break
        }
        try db.execute(
            // Whoever changes the status is its modifier, as with every action (`perform`).
            sql: "UPDATE annotations SET status = :status, modifier_id = :user, modified_at = :now, modified_by_id = :user, version = version + 1\(extra) WHERE id = :id AND version = :version",
            arguments: ["status": status, "now": now, "user": userID, "id": annotationID, "version": currentVersion(db, annotationID)])
        if db.changesCount != 1 { throw SandboxHTTPError.conflict("Annotation \(annotationID) was changed by someone else.") }
        try LifecycleEvents.statusChanged(
            db, annotationID: annotationID, from: current.status, to: status, userID: userID,
            request: .patch(annotationID: annotationID, status: status))
    }
}
