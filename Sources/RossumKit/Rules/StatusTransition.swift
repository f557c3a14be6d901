/// A status action on an annotation (confirm, postpone, reject, delete) as the statuses it
/// starts from and the statuses that show it happened. This is the one rule the client uses
/// to run such an action at most once: before sending it, and again when an answer is lost,
/// it reads the annotation's status and decides from these two sets.
///
/// Why it is needed: on Rossum the actions are not idempotent. Confirming an annotation that
/// is already `confirmed` (queues with a confirmed state) sends it on to export, so a confirm
/// sent twice, by a retry after a lost answer or by two people at once, exports a document
/// nobody meant to export.
public struct StatusTransition: Sendable, Hashable {
    /// The endpoint's last path component: `annotations/{id}/{action}`.
    public var action: String
    /// Statuses the action may be sent from.
    public var from: Set<String>
    /// Statuses that mean the action (or a later step after it) already happened.
    public var reached: Set<String>

    public init(action: String, from: Set<String>, reached: Set<String>) {
        self.action = action
        self.from = from
        self.reached = reached
    }

    /// Confirm from review. An annotation already `confirmed` (or further) counts as done: a
    /// second confirm would export it.
    public static let confirm = StatusTransition(
        action: "confirm", from: ["to_review", "reviewing", "postponed"],
        reached: ["confirmed", "exporting", "exported", "failed_export"])

    /// Confirm that may also send a `confirmed` annotation on to export (the person asked to).
    public static let confirmOrExport = StatusTransition(
        action: "confirm", from: ["to_review", "reviewing", "postponed", "confirmed"],
        reached: ["exporting", "exported", "failed_export"])

    public static let postpone = StatusTransition(
        action: "postpone", from: ["to_review", "reviewing", "confirmed"], reached: ["postponed"])

    /// Leaves a review unconfirmed: the annotation goes back to where it was before the review.
    public static let cancel = StatusTransition(action: "cancel", from: ["reviewing"], reached: ["to_review", "postponed"])

    public static let reject = StatusTransition(
        action: "reject", from: ["to_review", "reviewing", "postponed", "confirmed", "failed_export"], reached: ["rejected"])

    public static let delete = StatusTransition(
        action: "delete",
        from: ["importing", "failed_import", "split", "to_review", "reviewing", "confirmed", "rejected", "exporting",
               "exported", "failed_export", "postponed", "in_workflow"],
        reached: ["deleted", "purged"])

    /// What to do with an annotation in `status`.
    public func decision(for status: String) -> Decision {
        if reached.contains(status) { return .alreadyDone }
        if from.contains(status) { return .send }
        return .refuse
    }

    public enum Decision: Sendable, Equatable { case send, alreadyDone, refuse }
}

/// How a status action ended.
public enum StatusActionOutcome: Sendable, Equatable {
    /// The server applied it now; its status afterwards.
    case applied(status: String)
    /// It had already happened: the annotation was found in `status` before sending, or after
    /// an answer was lost (`answerLost`), so nothing was sent again.
    case alreadyDone(status: String, answerLost: Bool)

    public var status: String {
        switch self {
        case .applied(let status), .alreadyDone(let status, _): status
        }
    }
}

extension RossumError {
    /// The request may have been applied although no (good) answer came back: the connection
    /// broke after sending, the answer timed out or was unreadable, or a gateway failed. A
    /// write must then be checked before it is sent again. A definite refusal (4xx) and the
    /// "not applied" statuses (429, 503) say the server did not act.
    public var outcomeUnknown: Bool {
        switch self {
        case .transport, .timeout, .decoding: true
        case .http(let status, _, _, _): status >= 500 && !RetryPolicy.notAppliedStatuses.contains(status)
        default: false
        }
    }
}
