import Foundation
import Testing
import RossumKit
import ScriptedHTTPServer

/// Servers that send their headers and then trickle or stall, or trickle the headers
/// themselves: the timeout covers the whole answer, a streamed body may not fall silent for
/// longer, and the retry budget bounds how long a request keeps being asked. Nothing hangs.
@Suite struct SlowAnswerTests {
    static func client(_ server: ScriptedHTTPServer, timeout: Duration, budget: Duration = .zero) throws -> RossumClient {
        var configuration = RossumClientConfiguration()
        configuration.timeout = timeout
        configuration.retryBudget = budget  // zero: one attempt
        configuration.backoffFactor = 0.05
        configuration.maxJitter = 0
        return try RossumClient(baseURL: server.apiURL, credentials: .token("tok-123456"), configuration: configuration)
    }

    static let workspace = #"{"id": 1, "name": "Slow", "queues": []}"#

    @Test func aStalledBodyEndsAtTheTimeout() async throws {
        let server = try await ScriptedHTTPServer.start { _ in
            [.send(ScriptedHTTPServer.head(200, contentLength: 100)), .send(Array(#"{"id": 1, "#.utf8)), .stall]
        }
        let client = try Self.client(server, timeout: .milliseconds(500))
        let (outcome, elapsed) = await timed(limit: .seconds(40)) { try await client.workspaces.retrieve(1) }
        await server.shutdown()
        // The stall never ends: only the client's timeout ends the request (the error says so).
        #expect(outcome.error as? RossumError == .timeout(method: "GET", url: server.apiURL + "/workspaces/1", seconds: 0.5))
        // A suite running in parallel on two cores can delay the timer by seconds (5 s was missed at its start).
        #expect(elapsed < .seconds(15))
    }

    @Test func aTricklingBodyEndsAtTheTimeout() async throws {
        // a byte every 600 ms keeps the connection busy for 27 s: no idle timeout would fire.
        // The bound is far below that and far above 0.8 s, so a loaded machine cannot flip it.
        let body = Array(#"{"id": 1, "name": "Slow", "queues": [], "x": 1}"#.utf8)
        let server = try await ScriptedHTTPServer.start { _ in
            [.send(ScriptedHTTPServer.head(200, contentLength: body.count))] + ScriptedHTTPServer.trickle(body, every: .milliseconds(600))
        }
        let client = try Self.client(server, timeout: .milliseconds(800))
        let (outcome, elapsed) = await timed(limit: .seconds(40)) { try await client.workspaces.retrieve(1) }
        await server.shutdown()
        #expect(outcome.error as? RossumError == .timeout(method: "GET", url: server.apiURL + "/workspaces/1", seconds: 0.8))
        // Half the trickle: a suite running in parallel on two cores can delay the timer by seconds.
        #expect(elapsed < .seconds(15))
    }

    @Test func tricklingHeadersEndAtTheTimeout() async throws {
        let answer = ScriptedHTTPServer.head(200, contentLength: Self.workspace.utf8.count) + Array(Self.workspace.utf8)
        // At a byte every 200 ms the answer would take about 30 s.
        let server = try await ScriptedHTTPServer.start { _ in ScriptedHTTPServer.trickle(answer, every: .milliseconds(200)) }
        let client = try Self.client(server, timeout: .milliseconds(800))
        let (outcome, elapsed) = await timed(limit: .seconds(40)) { try await client.workspaces.retrieve(1) }
        await server.shutdown()
        #expect(outcome.error as? RossumError == .timeout(method: "GET", url: server.apiURL + "/workspaces/1", seconds: 0.8))
        // Half the trickle: a suite running in parallel on two cores can delay the timer by seconds.
        #expect(elapsed < .seconds(15))
    }

    @Test func theRetryBudgetBoundsARequestToAServerThatAlwaysStalls() async throws {
        let server = try await ScriptedHTTPServer.start { _ in [.send(ScriptedHTTPServer.head(200, contentLength: 10)), .stall] }
        let client = try Self.client(server, timeout: .milliseconds(200), budget: .seconds(4))
        let (outcome, elapsed) = await timed(limit: .seconds(40)) { try await client.workspaces.list().collect() }
        await server.shutdown()
        guard case .timeout? = outcome.error as? RossumError else {
            Issue.record("expected a timeout, got \(outcome)")
            return
        }
        #expect(server.requests.count >= 2)  // asked again while the budget lasted...
        // ...and not long after: 4 s of budget and one 0.2 s attempt past it; a full parallel
        // run on two cores has delayed the timers by ten seconds, so the bound is generous.
        #expect(elapsed < .seconds(25))
    }

    @Test func aStalledExportStreamEndsWhenItFallsSilent() async throws {
        let server = try await ScriptedHTTPServer.start { _ in
            [.send(ScriptedHTTPServer.head(200, contentLength: 10_000, headers: [("Content-Type", "text/csv")])),
             .send(Array("id,status\n1,exported\n".utf8)), .stall]
        }
        let client = try Self.client(server, timeout: .milliseconds(500))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stalled-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: path) }
        let (outcome, elapsed) = await timed(limit: .seconds(40)) {
            try await client.queues.exportFile(1, format: .csv, to: path)
        }
        await server.shutdown()
        guard case .timeout(let method, let url, _)? = outcome.error as? RossumError else {
            Issue.record("expected a timeout, got \(outcome)")
            return
        }
        #expect(method == "GET")
        #expect(url.hasPrefix(server.apiURL + "/queues/1/export"))
        // The stream never ends either; as above, the timer may be late by seconds on a busy run.
        #expect(elapsed < .seconds(15))
    }
}
