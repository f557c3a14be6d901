import Foundation
import Logging
import RossumKit
import Synchronization
import Testing
import TerminalUI
@testable import Console

/// An idle console paints only when the screen changes: a routine poll that brings nothing
/// new is not painted, and polls start on the frames ELAPSED paints anyway.
@Suite struct QuietPollTests {
    final class TestClock: Sendable {
        let date = Mutex(Date(timeIntervalSince1970: 1_800_000_000.25))
        var now: Date { date.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { date.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    func makeSession(_ clock: TestClock) throws -> ConsoleSession {
        // Never contacted on purpose: the fetches the session starts fail in the background
        // and their answers are dropped; the test hands the session the answers itself.
        let client = try RossumClient(baseURL: "https://unused.invalid/api/v1", credentials: .token("unused-token"))
        let runner = EffectRunner(services: ConsoleServices(client: client, logger: Logger(label: "test"))) { _ in }
        var state = makeState()
        state.now = clock.now
        return ConsoleSession(state: state, runner: runner, loadTheme: { _ in BuiltinThemes.default }, clock: { clock.now })
    }

    func operations(_ rows: [OperationRow]) -> Event { .answer(DataAnswer(OperationsRequest(), .success(rows))) }
    func workspaces(_ list: [WorkspaceSummary]) -> Event { .answer(DataAnswer(WorkspacesRequest(), .success((nil, list)))) }

    @Test func aPollThatBringsNothingNewIsNotPainted() throws {
        let clock = TestClock()
        let session = try makeSession(clock)
        session.begin(width: 120, height: 35)
        let finished = PollingReducerTests.op("a", "finished", at: clock.now.addingTimeInterval(-600))
        #expect(session.apply(workspaces(sampleWorkspaces)), "the first answer fills the tree")
        #expect(session.apply(operations([finished])), "the first answer fills the monitor")
        #expect(!session.apply(workspaces(sampleWorkspaces)), "the same workspaces again: nothing to paint")
        #expect(!session.apply(operations([finished])), "the same operations again: nothing to paint")

        var renamed = sampleWorkspaces
        renamed[0].name = "Accounts Payable EU"
        #expect(session.apply(workspaces(renamed)), "a renamed workspace is painted")
        let another = PollingReducerTests.op("b", "queued", at: clock.now)
        #expect(session.apply(operations([finished, another])), "a new operation is painted")
        #expect(session.apply(.answer(DataAnswer(OperationsRequest(), .failure(ConsoleFailure(kind: .server, message: "503")))))
            , "a failed poll shows stale data: painted")
        #expect(session.apply(.key(.char("j"))), "keys always paint")
    }

    /// The hook logs follow new runs every two seconds: the same runs again are not painted.
    @Test func followingHookLogsPaintOnlyNewRuns() throws {
        let clock = TestClock()
        let session = try makeSession(clock)
        session.begin(width: 120, height: 35)
        session.apply(workspaces(sampleWorkspaces))
        for key in [Key.char(":"), .char("l"), .char("o"), .char("g"), .char("s"), .enter] { session.apply(.key(key)) }
        #expect(session.state.top is HookLogsScreen)
        func logs(_ ids: [String]) -> Event {
            .answer(DataAnswer(HookLogsRequest(filter: HookLogFilter(), withHookNames: true),
                               .success(HookLogsRequest.Answer(entries: ids.map { HookLogsReducerTests.run($0) }, hookNames: [3: "MDH"]))))
        }
        #expect(session.apply(logs(["a", "b"])))
        #expect(!session.apply(logs(["a", "b"])), "the same runs: nothing to paint")
        #expect(session.apply(logs(["c", "a", "b"])), "a new run is painted")
    }

    @Test func elapsedAndExpiringHighlightsStillPaint() throws {
        let clock = TestClock()
        let session = try makeSession(clock)
        session.begin(width: 120, height: 35)
        let running = PollingReducerTests.op("a", "running", at: clock.now.addingTimeInterval(-5))
        session.apply(workspaces(sampleWorkspaces))
        session.apply(operations([running]))
        #expect(!session.apply(operations([running])), "same second, same rows")
        clock.advance(1)
        #expect(session.apply(operations([running])), "ELAPSED moved on a second: painted")
        #expect(ConsoleRenderer.render(session.state).plainText().contains(" 6s "))
    }

    @Test func elapsedFramesKeepTheMonitorsBeatAndTheScreenWaitsForThem() {
        var state = makeState()
        state.now = Date(timeIntervalSince1970: 1_800_000_000.25)
        _ = ConsoleCore.start(&state)
        state.answer(WorkspacesRequest(), .success((nil, sampleWorkspaces)))
        state.answer(OperationsRequest(), .success([PollingReducerTests.op("a", "running", at: state.now)]))
        // The monitor polled at .25: ELAPSED's frames come at 1.25, 2.25…, and its poll, due at
        // 2.25, is one of them, on time.
        #expect(state.nextWakeUp == Date(timeIntervalSince1970: 1_800_000_001.25))
        state.send(.tick(Date(timeIntervalSince1970: 1_800_000_001.25)))
        #expect(state.nextWakeUp == Date(timeIntervalSince1970: 1_800_000_002.25))
        let polls = state.send(.tick(Date(timeIntervalSince1970: 1_800_000_002.25)))
        #expect(polls.contains { if case .fetch(let request) = $0 { request.base is OperationsRequest } else { false } }, "never delayed")
        #expect(AppState.beat(after: Date(timeIntervalSince1970: 10.7), origin: Date(timeIntervalSince1970: 0.25)) == Date(timeIntervalSince1970: 11.25))
        // The tree's refresh (due 10 s after .25 + its own start) lands on a beat, not between two.
        let tree = state.top.nextRefresh(state.context())
        #expect(tree != nil)
        if let tree, let wake = state.nextWakeUp {
            let offset = wake.timeIntervalSince(Date(timeIntervalSince1970: 1_800_000_000.25))
            #expect(abs(offset - offset.rounded()) < 0.06, "every wake is on the monitor's beat")
            #expect(tree > wake || abs(tree.timeIntervalSince(wake)) <= LoadState.coalescing + 0.001)
        }
    }
}
