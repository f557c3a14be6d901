import Foundation
import RossumKit
import Testing
import TerminalUI
@testable import Console

@Suite struct PollingReducerTests {
    let workspaces: Effect = .fetch(WorkspacesRequest())
    let operations: Effect = .fetch(OperationsRequest())

    @Test func onlyTheVisibleScreenPollsAndNeverTwice() {
        var state = makeState()
        _ = ConsoleCore.start(&state)
        let t0 = state.now
        // Still loading: a tick starts nothing new.
        #expect(!state.send(.tick(t0.addingTimeInterval(1))).contains(workspaces))
        state.answer(WorkspacesRequest(), .success((nil, sampleWorkspaces)))
        state.answer(OperationsRequest(), .success([]))
        // Before the interval: nothing; after it: one refresh of the tree (and the monitor).
        #expect(!state.send(.tick(state.now.addingTimeInterval(1))).contains(workspaces))
        let due = state.send(.tick(state.now.addingTimeInterval(9)))
        #expect(due.filter { $0 == workspaces }.count == 1)
        #expect(!state.send(.tick(state.now.addingTimeInterval(1))).contains(workspaces))
        // The list is not open: nothing asks for its pages.
        #expect(AppState.pageRequests(due).isEmpty)
    }

    @Test func failuresBackOffShowStaleAndRecover() {
        var state = makeState()
        _ = ConsoleCore.start(&state)
        state.answer(WorkspacesRequest(), .success((nil, sampleWorkspaces)))
        let loadedAt = state.now
        state.send(.tick(state.now.addingTimeInterval(10)))
        state.answer(WorkspacesRequest(), .failure(ConsoleFailure(kind: .network, message: "connection refused")))
        #expect(state.tree.load.isStale)
        #expect(HeaderView.staleSince(state) == loadedAt)
        #expect(state.catalog.workspaces.count == 2, "old data stays on screen")
        #expect(state.flash?.level == .error)
        // Backoff: the normal 10 s interval is not enough after a failure.
        #expect(!state.send(.tick(state.now.addingTimeInterval(10))).contains(workspaces))
        #expect(state.send(.tick(state.now.addingTimeInterval(11))).contains(workspaces))
        state.answer(WorkspacesRequest(), .success((nil, sampleWorkspaces)))
        #expect(!state.tree.load.isStale && HeaderView.staleSince(state) == nil)
    }

    @Test func pauseStopsScreenRefreshButCtrlRStillWorks() {
        var state = makeState()
        _ = ConsoleCore.start(&state)
        state.answer(WorkspacesRequest(), .success((nil, sampleWorkspaces)))
        state.answer(OperationsRequest(), .success([]))
        state.press(.char("z"))
        #expect(state.paused)
        #expect(state.send(.tick(state.now.addingTimeInterval(60))).isEmpty)
        #expect(state.press(.ctrl("r")) == [workspaces])
    }

    @Test func listRefreshReloadsOnlyVisiblePages() {
        var state = makeState()
        state.openQueueWithRows(total: 100_000)
        let effects = state.send(.tick(state.now.addingTimeInterval(5)))
        #expect(AppState.pageRequests(effects).map(\.page) == [0])
    }

    static func op(_ id: String, _ state: String, counts: OperationCounts = OperationCounts(), error: String? = nil, at: Date) -> OperationRow {
        OperationRow(id: id, source: .masterDataHub, kind: "update", state: state, dataset: "suppliers", startedAt: at, counts: counts, error: error)
    }

    @Test func operationsMergeHighlightAndRefreshTheScreen() {
        var state = makeState()
        _ = ConsoleCore.start(&state)
        let started = state.now.addingTimeInterval(-30)
        let running = Self.op("op1", "PROCESSING", at: started)
        state.answer(OperationsRequest(), .success([running]))
        #expect(state.monitor.operations.first?.state == "processing")
        #expect(state.monitor.changedAt.isEmpty, "the first load is not a change")
        state.press(.char("D"))
        state.answer(DatasetsRequest(), .success([DatasetSummary(name: "suppliers", recordCount: 10)]))
        // Answers in any order: finished arrives, then a late "processing" must not undo it.
        let finished = Self.op("op1", "finished", counts: OperationCounts(recordCount: 12, inserted: 2, updated: 0), at: started)
        state.send(.tick(state.now.addingTimeInterval(2)))
        let effects = state.answer(OperationsRequest(), .success([finished]))
        #expect(state.monitor.changedAt["op1"] == state.now)
        #expect(effects.contains(.fetch(DatasetsRequest())), "the dataset screen refreshes when its operation ends")
        #expect(state.flash?.text == "operation upsert suppliers finished (+2 ~0 of 12)")
        state.answer(OperationsRequest(), .success([running]))
        #expect(state.monitor.operations.first?.state == "finished")
        // The highlight fades.
        state.send(.tick(state.now.addingTimeInterval(5)))
        #expect(state.monitor.changedAt.isEmpty)
        // History is kept when the server stops listing an operation.
        state.answer(OperationsRequest(), .success([]))
        #expect(state.monitor.operations.count == 1)
    }

    @Test func theMonitorSaysWhatTheServerSaid() {
        var state = makeState()
        let t = state.now
        // A job's upload is accepted: the server's queued operation takes the job's row over.
        let uploading = OperationRow(id: "job:upsert:1", source: .job, kind: "upsert", state: "uploading", dataset: "suppliers", file: "s.json", startedAt: t)
        state.send(.job(JobProgress(row: uploading)))
        state.send(.job(JobProgress(row: Self.op("mdh:a", "queued", at: t), replaces: "job:upsert:1")))
        #expect(state.monitor.operations.map(\.id) == ["mdh:a"])
        var text = ConsoleRenderer.render(state).plainText()
        #expect(text.contains("queued") && !text.contains("100%") && !text.contains("finished"), "a queued operation is not shown as done")
        // Counts and failures as reported; one name for the action.
        state.answer(OperationsRequest(), .success([Self.op("mdh:a", "failed", counts: OperationCounts(recordCount: 40, inserted: 0, updated: 0), error: "duplicate key", at: t)]))
        text = ConsoleRenderer.render(state).plainText()
        #expect(text.contains("failed") && text.contains("duplicate key") && text.contains("upsert") && !text.contains(" update "))
        #expect(state.flash?.text == "operation upsert suppliers failed: duplicate key")
        for (raw, phase) in [("error", OperationRowPhase.failed), ("cancelled", .failed), ("unknown", .failed), ("success", .succeeded), ("running", .running)] {
            #expect(Self.op("x", raw, at: t).phase == phase, "\(raw)")
        }
    }

    @Test func elapsedKeepsCountingWhileAnOperationRuns() {
        var state = makeState()
        state.answer(OperationsRequest(), .success([Self.op("a", "running", at: state.now.addingTimeInterval(-5))]))
        #expect(ConsoleRenderer.render(state).plainText().contains(" 5s "))
        // Between polls too: the loop wakes within a second to show the next one.
        #expect(state.nextWakeUp.map { $0.timeIntervalSince(state.now) <= 1 } == true)
        state.send(.tick(state.now.addingTimeInterval(70)))
        #expect(ConsoleRenderer.render(state).plainText().contains("1m15s"))
    }

    @Test func monitorKeepsPollingRunningOperationsWhileHiddenAndPaused() {
        var state = makeState()
        _ = ConsoleCore.start(&state)
        state.answer(OperationsRequest(), .success([OperationRow(id: "a", source: .dataStorage, kind: "bulk_write", state: "RUNNING")]))
        state.press(.char("m"), .char("z"))
        #expect(state.send(.tick(state.now.addingTimeInterval(2))).contains(operations))
        state.answer(OperationsRequest(), .success([OperationRow(id: "a", source: .dataStorage, kind: "bulk_write", state: "FINISHED")]))
        #expect(!state.send(.tick(state.now.addingTimeInterval(10))).contains(operations))
        #expect(state.nextWakeUp == nil, "a paused console with nothing running sleeps until a key")
    }

    @Test func nextWakeUpFollowsTheDueRefresh() {
        var state = makeState()
        _ = ConsoleCore.start(&state)
        state.answer(WorkspacesRequest(), .success((nil, sampleWorkspaces)))
        state.answer(OperationsRequest(), .success([]))
        #expect(state.nextWakeUp == state.now.addingTimeInterval(2))
        state.press(.char("m"))
        #expect(state.nextWakeUp == state.now.addingTimeInterval(10))
    }

    /// The operation at work comes before those waiting in the queue, even when they are newer:
    /// the docked panel shows only a few rows.
    @Test func workingOperationsComeBeforeQueuedOnes() {
        var state = makeState()
        let t = state.now
        state.answer(OperationsRequest(), .success([Self.op("q1", "queued", at: t), Self.op("q2", "queued", at: t.addingTimeInterval(-1)),
                                                   Self.op("p", "processing", at: t.addingTimeInterval(-90)), Self.op("f", "finished", at: t)]))
        #expect(state.monitor.ordered.map(\.id) == ["p", "q1", "q2", "f"])
    }

    @Test func intervalsHaveAFloor() {
        let intervals = RefreshIntervals(tree: 0.1, list: 1, detail: 30, monitor: 0)
        #expect(intervals.tree == 2 && intervals.list == 2 && intervals.detail == 30 && intervals.monitor == 2)
    }
}
