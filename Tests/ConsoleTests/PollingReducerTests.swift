import Foundation
import Testing
import TerminalUI
@testable import Console

@Suite struct PollingReducerTests {
    @Test func onlyTheVisibleViewPollsAndNeverTwice() {
        var state = makeState()
        _ = ConsoleCore.start(&state)
        let t0 = state.now
        // Still loading: a tick starts nothing new.
        #expect(state.send(.tick(t0.addingTimeInterval(1))).filter { $0 == .loadWorkspaces }.isEmpty)
        state.send(.workspacesLoaded(.success((nil, sampleWorkspaces))))
        state.send(.operationsLoaded(.success([])))
        // Before the interval: nothing; after it: one refresh of the tree (and the monitor).
        #expect(!state.send(.tick(state.now.addingTimeInterval(1))).contains(.loadWorkspaces))
        let due = state.send(.tick(state.now.addingTimeInterval(9)))
        #expect(due.filter { $0 == .loadWorkspaces }.count == 1)
        #expect(!state.send(.tick(state.now.addingTimeInterval(1))).contains(.loadWorkspaces))
        // The list is not visible: it never polls while the tree is shown.
        #expect(!due.contains { if case .loadAnnotationPage = $0 { return true } else { return false } })
    }

    @Test func failuresBackOffShowStaleAndRecover() {
        var state = makeState()
        _ = ConsoleCore.start(&state)
        state.send(.workspacesLoaded(.success((nil, sampleWorkspaces))))
        let loadedAt = state.now
        state.send(.tick(state.now.addingTimeInterval(10)))
        state.send(.workspacesLoaded(.failure(ConsoleFailure(kind: .network, message: "connection refused"))))
        #expect(state.tree.load.isStale)
        #expect(HeaderView.staleSince(state) == loadedAt)
        #expect(state.tree.workspaces.count == 2, "old data stays on screen")
        #expect(state.flash?.level == .error)
        // Backoff: the normal 10 s interval is not enough after a failure.
        #expect(!state.send(.tick(state.now.addingTimeInterval(10))).contains(.loadWorkspaces))
        #expect(state.send(.tick(state.now.addingTimeInterval(11))).contains(.loadWorkspaces))
        state.send(.workspacesLoaded(.success((nil, sampleWorkspaces))))
        #expect(!state.tree.load.isStale && HeaderView.staleSince(state) == nil)
    }

    @Test func pauseStopsViewRefreshButCtrlRStillWorks() {
        var state = makeState()
        _ = ConsoleCore.start(&state)
        state.send(.workspacesLoaded(.success((nil, sampleWorkspaces))))
        state.send(.operationsLoaded(.success([])))
        state.press(.char("z"))
        #expect(state.paused)
        #expect(state.send(.tick(state.now.addingTimeInterval(60))).isEmpty)
        #expect(state.press(.ctrl("r")) == [.loadWorkspaces])
    }

    @Test func listRefreshReloadsOnlyVisiblePages() {
        var state = makeState()
        state.openQueueWithRows(total: 100_000)
        let effects = state.send(.tick(state.now.addingTimeInterval(5)))
        #expect(effects.contains(.loadAnnotationPage(state.list!.query, page: 0)))
        #expect(effects.filter { if case .loadAnnotationPage = $0 { return true } else { return false } }.count == 1)
    }

    @Test func operationsMergeHighlightAndRefreshDependentViews() {
        var state = makeState()
        _ = ConsoleCore.start(&state)
        let started = state.now.addingTimeInterval(-30)
        let running = OperationRow(id: "op1", source: .masterDataHub, kind: "upsert", state: "PROCESSING", dataset: "suppliers", startedAt: started)
        state.send(.operationsLoaded(.success([running])))
        #expect(state.monitor.operations.first?.state == "processing")
        #expect(state.monitor.changedAt.isEmpty, "the first load is not a change")
        state.press(.char("D"))
        state.send(.datasetsLoaded(.success([DatasetSummary(name: "suppliers", recordCount: 10)])))
        // Answers in any order: finished arrives, then a late "processing" must not undo it.
        var finished = running
        finished.state = "finished"
        finished.records = 12
        state.send(.tick(state.now.addingTimeInterval(2)))
        let effects = state.send(.operationsLoaded(.success([finished])))
        #expect(state.monitor.changedAt["op1"] == state.now)
        #expect(effects.contains(.loadDatasets), "the dataset view refreshes when its operation ends")
        #expect(state.flash?.text == "operation upsert suppliers finished")
        state.send(.operationsLoaded(.success([running])))
        #expect(state.monitor.operations.first?.state == "finished")
        // The highlight fades.
        state.send(.tick(state.now.addingTimeInterval(5)))
        #expect(state.monitor.changedAt.isEmpty)
        // History is kept when the server stops listing an operation.
        state.send(.operationsLoaded(.success([])))
        #expect(state.monitor.operations.count == 1)
    }

    @Test func failedOperationIsFlashedWithItsError() {
        var state = makeState()
        let running = OperationRow(id: "j1", source: .job, kind: "download", state: "running", dataset: "vendors")
        state.send(.jobUpdated(running))
        var failed = running
        failed.state = "failed"
        failed.error = "disk full"
        state.send(.jobUpdated(failed))
        #expect(state.flash?.text == "operation download vendors failed: disk full")
        #expect(state.monitor.ordered.first?.isFailure == true)
    }

    @Test func monitorKeepsPollingRunningOperationsWhileHiddenAndPaused() {
        var state = makeState()
        _ = ConsoleCore.start(&state)
        state.send(.operationsLoaded(.success([OperationRow(id: "a", source: .dataStorage, kind: "bulk_write", state: "RUNNING")])))
        state.press(.char("m"), .char("z"))
        #expect(state.send(.tick(state.now.addingTimeInterval(2))).contains(.loadOperations))
        state.send(.operationsLoaded(.success([OperationRow(id: "a", source: .dataStorage, kind: "bulk_write", state: "FINISHED")])))
        #expect(!state.send(.tick(state.now.addingTimeInterval(10))).contains(.loadOperations))
        #expect(state.nextWakeUp == nil, "a paused console with nothing running sleeps until a key")
    }

    @Test func nextWakeUpFollowsTheDueRefresh() {
        var state = makeState()
        _ = ConsoleCore.start(&state)
        state.send(.workspacesLoaded(.success((nil, sampleWorkspaces))))
        state.send(.operationsLoaded(.success([])))
        #expect(state.nextWakeUp == state.now.addingTimeInterval(2))
        state.press(.char("m"))
        #expect(state.nextWakeUp == state.now.addingTimeInterval(10))
    }

    @Test func intervalsHaveAFloor() {
        let intervals = RefreshIntervals(tree: 0.1, list: 1, detail: 30, monitor: 0)
        #expect(intervals.tree == 2 && intervals.list == 2 && intervals.detail == 30 && intervals.monitor == 2)
    }
}
