import Foundation
import Logging
import RossumKit
import Synchronization
import Testing
import TerminalUI
@testable import Console

/// `:profile NAME` asks the injected check first and leaves the console only when it passes;
/// otherwise the console stays on its profile with the problem in the flash line.
@Suite struct ProfileSwitchTests {
    /// A session whose runner posts into an async stream the test reads, as the terminal loop would.
    func makeSession(check: @escaping @Sendable (String) async -> String?) throws -> (ConsoleSession, AsyncStream<Event>) {
        let (events, continuation) = AsyncStream<Event>.makeStream()
        // Never contacted: typing a command line runs no effect on the server.
        let client = try RossumClient(baseURL: "https://unused.invalid/api/v1", credentials: .token("unused-token"))
        let runner = EffectRunner(services: ConsoleServices(client: client, logger: Logger(label: "test"))) { continuation.yield($0) }
        let session = ConsoleSession(state: makeState(), runner: runner, loadTheme: { _ in BuiltinThemes.default })
        session.checkProfile = check
        return (session, events)
    }

    func command(_ session: ConsoleSession, _ text: String) {
        _ = session.handle(.key(.char(":")))
        for character in text { _ = session.handle(.key(.char(character))) }
        _ = session.handle(.key(.enter))
    }

    /// Hands the posted wake-up to the session, as the loop does; fails instead of hanging.
    func deliverNext(_ events: AsyncStream<Event>, to session: ConsoleSession) async throws {
        let event = try await withThrowingTaskGroup(of: Event?.self) { group in
            group.addTask { await events.first { _ in true } }
            group.addTask {
                try await Task.sleep(for: .seconds(10))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        _ = session.handle(try #require(event, "the check never reported back"))
    }

    @Test func anUnknownOrUnreachableProfileKeepsTheConsoleOpenWithTheProblem() async throws {
        let checked = Mutex<[String]>([])
        let (session, events) = try makeSession { name in
            checked.withLock { $0.append(name) }
            return "no profile named \"\(name)\" (known: prod)"
        }
        command(session, "profile nope")
        #expect(session.state.flash?.text == "checking profile nope…")
        #expect(!session.isFinished)
        try await deliverNext(events, to: session)
        #expect(checked.withLock { $0 } == ["nope"])
        #expect(!session.isFinished)
        #expect(session.requestedProfile == nil)
        #expect(session.state.flash?.text == "no profile named \"nope\" (known: prod)")
        #expect(session.state.flash?.level == .error)
    }

    @Test func aProfileThatPassesTheCheckIsSwitchedTo() async throws {
        let (session, events) = try makeSession { _ in nil }
        command(session, "profile prod")
        #expect(!session.isFinished)
        try await deliverNext(events, to: session)
        #expect(session.isFinished)
        #expect(session.requestedProfile == "prod")
    }
}
