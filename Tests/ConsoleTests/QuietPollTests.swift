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

    @Test func pollsStartOnTheSecondsElapsedPaints() {
        var state = makeState()
        state.now = Date(timeIntervalSince1970: 1_800_000_000.25)
        _ = ConsoleCore.start(&state)
        state.answer(WorkspacesRequest(), .success((nil, sampleWorkspaces)))
        state.answer(OperationsRequest(), .success([PollingReducerTests.op("a", "running", at: state.now)]))
        // Running: the next wake is the next whole second, and the monitor's poll (due 2 s
        // after it started, at .25) waits for the whole second after it instead of waking alone.
        #expect(state.nextWakeUp == Date(timeIntervalSince1970: 1_800_000_001))
        state.send(.tick(Date(timeIntervalSince1970: 1_800_000_002)))
        #expect(state.nextWakeUp == Date(timeIntervalSince1970: 1_800_000_003))
        let polls = state.send(.tick(Date(timeIntervalSince1970: 1_800_000_003)))
        #expect(polls.contains { if case .fetch(let request) = $0 { request.base is OperationsRequest } else { false } },
                "the poll due at 2.25 runs on the frame at 3")
        // Started a moment after the whole second (the loop's own delay), the next poll is due
        // just after 5 and still runs on the frame at 5, not at 6: the interval does not creep.
        state.answer(OperationsRequest(), .success([PollingReducerTests.op("a", "running", at: state.now)]))
        state.send(.tick(Date(timeIntervalSince1970: 1_800_000_004)))
        #expect(state.nextWakeUp == Date(timeIntervalSince1970: 1_800_000_005))
        let next = state.send(.tick(Date(timeIntervalSince1970: 1_800_000_005.001)))
        #expect(next.contains { if case .fetch(let request) = $0 { request.base is OperationsRequest } else { false } })
    }
}
