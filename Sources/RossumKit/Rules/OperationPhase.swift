import Foundation

/// Where a server-side operation stands, decided from its raw status string. This is the one
/// answer to "has this operation ended, and how?" for MDH operations, Data Storage operations,
/// Rossum tasks and the jobs built on them: everyone asks here instead of keeping a list.
///
/// Statuses are open-ended strings spelt in lower case (MDH, tasks) or upper case (Data
/// Storage); comparison ignores case and surrounding whitespace.
public enum OperationPhase: Sendable, Hashable, CaseIterable {
    /// Not ended yet (queued, processing...), and every status this rule does not know: an
    /// unknown word is not taken as an end, so waiting for it stays bounded by the caller's
    /// timeout instead of declaring a result nobody reported.
    case running
    /// Ended, and the server says the work was done.
    case succeeded
    /// Ended without the server confirming the work: failed, errored, cancelled, or `unknown`.
    case failed

    /// Statuses that mean "done, and it worked".
    public static let successStatuses: Set<String> = ["finished", "succeeded", "success", "done", "completed"]

    /// Statuses that mean "ended, and it did not (or not knowably) work".
    ///
    /// `unknown` is here on purpose: MDH answers it once it has forgotten an operation, so the
    /// operation will never change again (it has ended), yet nothing confirms its data was
    /// written. Counting it as a success would report work that may not have happened; as a
    /// failure, jobs retry (an upsert is idempotent) and the console shows it in red.
    public static let failureStatuses: Set<String> = [
        "failed", "failure", "error", "cancelled", "canceled", "aborted", "unknown",
    ]

    /// Statuses known to mean "not ended yet". Only documentation and tests need the list:
    /// anything outside the two sets above is running.
    public static let runningStatuses: Set<String> = [
        "new", "created", "queued", "pending", "scheduled", "running", "processing", "in_progress", "started",
    ]

    /// The phase of a raw status string, e.g. `OperationPhase(status: "FAILED") == .failed`.
    public init(status: String) {
        // Monitors ask this for every row on every frame: a status already in normal form
        // (lower case, no spaces) skips Foundation's trimming.
        let normal = !status.utf8.contains { $0 <= 0x20 || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 >= 0x80 }
        let word = normal ? status : status.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if Self.successStatuses.contains(word) {
            self = .succeeded
        } else if Self.failureStatuses.contains(word) {
            self = .failed
        } else {
            self = .running
        }
    }

    /// The operation will not change any more: stop polling.
    public var isTerminal: Bool { self != .running }
    public var isSuccess: Bool { self == .succeeded }
    public var isFailure: Bool { self == .failed }
}
