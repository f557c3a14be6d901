import Foundation
import Testing
@testable import RossumKit
@testable import RossumSandbox

/// The one rule for "has this operation ended, and how?" and the one for "is this error
/// transient?", over every status and error the sandbox, the reference notes and the code use.
@Suite struct OperationRulesTests {
    /// Every status string in use, with its phase. Sources: the sandbox (MDH lower case, Data
    /// Storage upper case), `rossum-api-notes.md` (MDH `DatasetOperationOut`: processing,
    /// finished, failed, unknown, new, queued; MDHREF: queued, running, success, failed; Data
    /// Storage CREATED, RUNNING, FINISHED, FAILED; tasks: running, succeeded, failed), and the
    /// words the jobs and the console met (error, cancelled/canceled, done, created, pending).
    static let table: [(status: String, phase: OperationPhase)] = [
        ("new", .running), ("created", .running), ("CREATED", .running), ("queued", .running), ("pending", .running),
        ("running", .running), ("RUNNING", .running), ("processing", .running), ("in_progress", .running),
        ("finished", .succeeded), ("FINISHED", .succeeded), ("Finished", .succeeded), ("success", .succeeded),
        ("succeeded", .succeeded), ("done", .succeeded), ("completed", .succeeded),
        ("failed", .failed), ("FAILED", .failed), ("error", .failed), ("ERROR", .failed), ("cancelled", .failed),
        ("canceled", .failed), ("CANCELLED", .failed), ("aborted", .failed), ("unknown", .failed), (" failed\n", .failed),
        // Words nobody documented are not taken as an end: waiting stays bounded by the timeout.
        ("some_future_status", .running), ("", .running), ("submitted", .running),
    ]

    @Test(arguments: table)
    func statusHasItsPhase(status: String, phase: OperationPhase) {
        #expect(OperationPhase(status: status) == phase)
        #expect(OperationPhase(status: status).isTerminal == (phase != .running))
        #expect(RossumKit.DatasetOperationStatus(rawValue: status).phase == phase)
        #expect(RossumKit.DatasetOperationStatus(rawValue: status).isTerminal == (phase != .running))
        #expect(RossumKit.DatasetOperationStatus(rawValue: status).isSuccess == (phase == .succeeded))
        #expect(TaskStatus(rawValue: status).phase == phase)
    }

    @Test func theSetsDoNotOverlap() {
        #expect(OperationPhase.successStatuses.isDisjoint(with: OperationPhase.failureStatuses))
        #expect(OperationPhase.runningStatuses.isDisjoint(with: OperationPhase.successStatuses.union(OperationPhase.failureStatuses)))
        for status in OperationPhase.runningStatuses { #expect(OperationPhase(status: status) == .running) }
    }

    /// The sandbox's own life cycle, in both spellings it serves, agrees with the rule.
    @Test(arguments: RossumSandbox.DatasetOperationStatus.allCases)
    func sandboxStatusesAgree(status: RossumSandbox.DatasetOperationStatus) {
        for spelling in [status.rawValue, status.storageStatus] {
            #expect(OperationPhase(status: spelling).isTerminal == status.isTerminal, "\(spelling)")
            #expect(OperationPhase(status: spelling).isSuccess == (status == .finished), "\(spelling)")
        }
    }

    static let errors: [(RossumError, Bool)] = [
        (.http(status: 408, method: "GET", url: "u", detail: ""), true),
        (.http(status: 429, method: "GET", url: "u", detail: ""), true),
        (.http(status: 500, method: "GET", url: "u", detail: ""), true),
        (.http(status: 502, method: "GET", url: "u", detail: ""), true),
        (.http(status: 503, method: "GET", url: "u", detail: ""), true),
        (.http(status: 504, method: "GET", url: "u", detail: ""), true),
        (.http(status: 400, method: "GET", url: "u", detail: ""), false),
        (.http(status: 401, method: "GET", url: "u", detail: ""), false),
        (.http(status: 403, method: "GET", url: "u", detail: ""), false),
        (.http(status: 404, method: "GET", url: "u", detail: ""), false),
        (.http(status: 409, method: "GET", url: "u", detail: ""), false),
        (.http(status: 501, method: "GET", url: "u", detail: ""), false),
        (.transport(method: "GET", url: "u", reason: "refused"), true),
        (.timeout(method: "GET", url: "u", seconds: 1), true),
        (.decoding(type: "T", path: "", reason: "cut short", snippet: ""), true),
        (.configuration("bad URL"), false),
        (.authentication("wrong password"), false),
        (.waitTimedOut(what: "op", seconds: 1), false),
        (.failed(what: "op", detail: "bad row"), false),
    ]

    @Test(arguments: errors)
    func errorTransience(error: RossumError, transient: Bool) {
        #expect(error.isTransient == transient)
        #expect(RossumError.isTransient(error as any Error) == transient)
        if let status = error.status {
            // The transport retries an idempotent request exactly on the transient statuses.
            let policy = RetryPolicy(attempts: 3, backoffFactor: 0, maxJitter: 0, maxRetryAfter: .zero)
            #expect(policy.shouldRetry(status: status, idempotent: true) == transient)
        }
    }

    @Test func otherErrorsAreNotTransientButAMissingAnswerIs() {
        #expect(!RossumError.isTransient(CancellationError()))
        #expect(!RossumError.isTransient(CocoaError(.fileReadNoPermission)))
        #expect(RossumError.isTransient(TransportFailure(phase: .unknown, isTimeout: true, reason: "read timeout")))
    }
}
