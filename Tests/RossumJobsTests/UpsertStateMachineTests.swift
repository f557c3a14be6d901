import Foundation
import Testing
@testable import RossumJobs

@Suite struct UpsertStateMachineTests {
    typealias Machine = UpsertStateMachine
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    let policy = UpsertPolicy(retries: 2, pollEvery: .seconds(30), timeout: .seconds(100), retryDelay: .seconds(5))

    func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    @Test func finishesAfterStatusChanges() {
        var machine = Machine(policy: policy)
        #expect(machine.handle(.start(now: at(0))) == [.upload(attempt: 1)])
        #expect(machine.handle(.uploadAccepted(operationID: "op1", now: at(1))) == [.poll(operationID: "op1", after: .seconds(30))])
        #expect(machine.handle(.polled(status: "queued", detail: nil, now: at(31)))
            == [.statusChanged(attempt: 1, operationID: "op1", status: "queued"), .poll(operationID: "op1", after: .seconds(30))])
        // The same status again is not announced again.
        #expect(machine.handle(.polled(status: "queued", detail: nil, now: at(61))) == [.poll(operationID: "op1", after: .seconds(30))])
        #expect(machine.handle(.polled(status: "finished", detail: nil, now: at(91))) == [
            .statusChanged(attempt: 1, operationID: "op1", status: "finished"),
            .attemptEnded(attempt: 1, outcome: .finished), .succeed(attempt: 1, operationID: "op1"),
        ])
        #expect(machine.isDone)
    }

    /// The same bytes would fail again: no retry, even with tries left (issue 12, item 3).
    @Test func aRejectedFileEndsTheJobWithoutRetrying() {
        var machine = Machine(policy: policy)
        _ = machine.handle(.start(now: at(0)))
        _ = machine.handle(.uploadAccepted(operationID: "op1", now: at(1)))
        let reason = "operation op1 rejected the file: records 1 and 3 have the same id key values (fix the file: another try would fail the same way)"
        #expect(machine.handle(.fileRejected(status: "failed", detail: "records 1 and 3 have the same id key values", now: at(31))) == [
            .statusChanged(attempt: 1, operationID: "op1", status: "failed"),
            .attemptEnded(attempt: 1, outcome: .failed(detail: "records 1 and 3 have the same id key values")), .fail(reason: reason),
        ])
        #expect(machine.state == .failed(reason: reason))
    }

    @Test func whichOperationFailuresAreTheFilesFault() {
        #expect(FileRejection.isCausedByFile(error: "records 1 and 2 have the same id key values [\"A\"]"))
        #expect(FileRejection.isCausedByFile(error: "the file is not valid CSV: line 2: unterminated quoted field"))
        #expect(FileRejection.isCausedByFile(error: "unsupported file format .xlsx: the sandbox reads JSON and CSV files"))
        #expect(FileRejection.isCausedByFile(error: "boom", errorType: "file_error"))
        #expect(!FileRejection.isCausedByFile(error: "the sandbox stopped before the operation finished"))
        #expect(!FileRejection.isCausedByFile(error: "scripted failure"))
        #expect(!FileRejection.isCausedByFile(error: nil))
    }

    @Test func failedOperationRetriesThenGivesUpAfterLastAttempt() {
        var machine = Machine(policy: policy)
        _ = machine.handle(.start(now: at(0)))
        for attempt in 1...3 {
            _ = machine.handle(.uploadAccepted(operationID: "op\(attempt)", now: at(1)))
            let actions = machine.handle(.polled(status: "failed", detail: "bad row", now: at(2)))
            #expect(actions.contains(.attemptEnded(attempt: attempt, outcome: .failed(detail: "bad row"))))
            if attempt < 3 {
                #expect(actions.last == .waitBeforeRetry(.seconds(5)))
                #expect(machine.handle(.retryDue(now: at(3))) == [.upload(attempt: attempt + 1)])
            } else {
                guard case .fail(let reason)? = actions.last else { Issue.record("expected a failure, got \(actions)"); return }
                #expect(reason.contains("op3 failed: bad row"))
                #expect(reason.contains("attempt 3 of 3"))
            }
        }
        #expect(machine.isDone)
    }

    @Test func pollsShortenToHitTheTimeoutThenRetry() {
        var machine = Machine(policy: policy)
        _ = machine.handle(.start(now: at(0)))
        _ = machine.handle(.uploadAccepted(operationID: "op1", now: at(0)))
        _ = machine.handle(.polled(status: "processing", detail: nil, now: at(60)))
        #expect(machine.handle(.polled(status: "processing", detail: nil, now: at(90))) == [.poll(operationID: "op1", after: .seconds(10))])
        #expect(machine.handle(.polled(status: "processing", detail: nil, now: at(100)))
            == [.attemptEnded(attempt: 1, outcome: .timedOut), .waitBeforeRetry(.seconds(5))])
    }

    @Test func pollErrorsKeepWatchingUntilTimeoutButAuthErrorsStop() {
        var machine = Machine(policy: policy)
        _ = machine.handle(.start(now: at(0)))
        _ = machine.handle(.uploadAccepted(operationID: "op1", now: at(0)))
        #expect(machine.handle(.pollFailed(reason: "503", retryable: true, now: at(30))) == [.poll(operationID: "op1", after: .seconds(30))])
        let stop = machine.handle(.pollFailed(reason: "401", retryable: false, now: at(60)))
        #expect(stop == [.attemptEnded(attempt: 1, outcome: .failed(detail: "401")), .fail(reason: "401")])
    }

    @Test func uploadErrorsRetryUnlessTheyCannotBeFixedByRetrying() {
        var retrying = Machine(policy: policy)
        _ = retrying.handle(.start(now: at(0)))
        #expect(retrying.handle(.uploadFailed(reason: "HTTP 503", retryable: true, now: at(1)))
            == [.attemptEnded(attempt: 1, outcome: .uploadFailed(reason: "HTTP 503")), .waitBeforeRetry(.seconds(5))])
        var final = Machine(policy: policy)
        _ = final.handle(.start(now: at(0)))
        #expect(final.handle(.uploadFailed(reason: "HTTP 404", retryable: false, now: at(1)))
            == [.attemptEnded(attempt: 1, outcome: .uploadFailed(reason: "HTTP 404")), .fail(reason: "HTTP 404")])
    }

    @Test func resumesWatchingWithTheOriginalDeadline() {
        var machine = Machine(policy: policy)
        #expect(machine.handle(.resumeWatching(attempt: 2, operationID: "op2", startedAt: at(0), lastStatus: "processing"))
            == [.poll(operationID: "op2", after: .zero)])
        // Already past the deadline of attempt 2: one look, then the last attempt.
        #expect(machine.handle(.polled(status: "processing", detail: nil, now: at(150)))
            == [.attemptEnded(attempt: 2, outcome: .timedOut), .waitBeforeRetry(.seconds(5))])
        #expect(machine.handle(.retryDue(now: at(155))) == [.upload(attempt: 3)])
    }

    @Test func interruptedUploadCountsAsAnAttempt() {
        var machine = Machine(policy: policy)
        #expect(machine.handle(.resumeAfterInterruptedUpload(attempt: 1))
            == [.attemptEnded(attempt: 1, outcome: .interrupted), .waitBeforeRetry(.seconds(5))])
        var exhausted = Machine(policy: policy)
        let actions = exhausted.handle(.resumeAfterInterruptedUpload(attempt: 3))
        #expect(actions.count == 2)
        #expect(exhausted.isDone)
    }

    @Test func unknownAndUnexpectedStatuses() {
        var unknown = Machine(policy: policy)
        _ = unknown.handle(.start(now: at(0)))
        _ = unknown.handle(.uploadAccepted(operationID: "op1", now: at(1)))
        #expect(unknown.handle(.polled(status: "unknown", detail: nil, now: at(2)))
            == [.statusChanged(attempt: 1, operationID: "op1", status: "unknown"),
                .attemptEnded(attempt: 1, outcome: .failed(detail: "")), .waitBeforeRetry(.seconds(5))])
        var cancelled = Machine(policy: policy)
        _ = cancelled.handle(.start(now: at(0)))
        _ = cancelled.handle(.uploadAccepted(operationID: "op1", now: at(1)))
        #expect(cancelled.handle(.polled(status: "CANCELLED", detail: "stopped", now: at(2))).contains(.attemptEnded(attempt: 1, outcome: .failed(detail: "stopped"))))
        var future = Machine(policy: policy)
        _ = future.handle(.start(now: at(0)))
        _ = future.handle(.uploadAccepted(operationID: "op1", now: at(1)))
        #expect(future.handle(.polled(status: "some_future_status", detail: nil, now: at(2))).last == .poll(operationID: "op1", after: .seconds(30)))
        var machine = Machine(policy: policy)
        // A late event that does not fit the state changes nothing.
        #expect(machine.handle(.polled(status: "finished", detail: nil, now: at(0))) == [])
        #expect(machine.state == .idle)
    }
}
