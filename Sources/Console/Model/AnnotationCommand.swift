/// A change to an annotation's status that the console can ask the server for.
public enum AnnotationCommand: Sendable, Hashable {
    case confirm
    case postpone
    case reject(note: String)
    case delete
    case start
    /// `failed_export` back to `to_review`.
    case requeue
    /// `failed_export` to export again (`exporting`), after the cause was fixed.
    case retryExport

    public var verb: String {
        switch self {
        case .confirm: return "confirm"
        case .postpone: return "postpone"
        case .reject: return "reject"
        case .delete: return "delete"
        case .start: return "start review of"
        case .requeue: return "return to review"
        case .retryExport: return "retry the export of"
        }
    }

    public var pastTense: String {
        switch self {
        case .confirm: return "confirmed"
        case .postpone: return "postponed"
        case .reject: return "rejected"
        case .delete: return "deleted"
        case .start: return "started"
        case .requeue: return "returned to review"
        case .retryExport: return "sent to export again"
        }
    }

    /// Shown in the row while the server has not answered: `confirming…`.
    public var progressive: String {
        switch self {
        case .confirm: return "confirming"
        case .postpone: return "postponing"
        case .reject: return "rejecting"
        case .delete: return "deleting"
        case .start: return "starting"
        case .requeue: return "returning to review"
        case .retryExport: return "exporting again"
        }
    }

    /// Statuses the console offers the command for. Confirm is not offered on `confirmed`:
    /// there it would push the annotation on to export, which is not what a reviewer means.
    public func applies(to status: String) -> Bool {
        switch self {
        case .confirm: return ["to_review", "reviewing", "postponed"].contains(status)
        case .postpone: return ["to_review", "reviewing"].contains(status)
        case .reject: return ["to_review", "reviewing", "postponed", "failed_export"].contains(status)
        case .delete: return !["deleted", "purged"].contains(status)
        case .start: return ["to_review", "postponed"].contains(status)
        case .requeue, .retryExport: return status == "failed_export"
        }
    }

    public var title: String {
        switch self {
        case .confirm: return "Confirm"
        case .postpone: return "Postpone"
        case .reject: return "Reject"
        case .delete: return "Delete"
        case .start: return "Start review"
        case .requeue: return "Return to review"
        case .retryExport: return "Retry export"
        }
    }
}

/// Why a request failed, in the words the screen shows. The runner turns client errors into this.
public struct ConsoleFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// 409: someone else has it, or its status changed meanwhile.
        case conflict
        case notFound
        case unauthorized
        case server
        case network
        case badInput
        case other
    }

    public var kind: Kind
    public var status: Int?
    public var message: String

    public init(kind: Kind, status: Int? = nil, message: String) {
        self.kind = kind
        self.status = status
        self.message = message
    }

    public var description: String {
        switch kind {
        case .conflict: return "conflict (409): " + message
        default:
            if let status { return "HTTP \(status): " + message }
            return message
        }
    }
}
