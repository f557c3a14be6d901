import Foundation
import Synchronization
import Testing
import RossumKit
import ScriptedHTTPServer

/// A write counts as done only on an answer that says so. A 200 with nothing, `null` or the
/// wrong shape is an unknown outcome: reported as such, and not sent again.
@Suite struct WriteAnswerTests {
    static func client(_ server: ScriptedHTTPServer) throws -> RossumClient {
        var configuration = RossumClientConfiguration()
        configuration.backoffFactor = 0
        configuration.maxJitter = 0
        return try RossumClient(baseURL: server.apiURL, credentials: .token("tok-answers-1234"), configuration: configuration)
    }

    static let unacceptable: [(body: String, got: String)] = [
        ("", "an empty answer (HTTP 200)"),
        ("null", "null (HTTP 200)"),
        ("[1, 2]", "an array (HTTP 200)"),
        (#""ok""#, "a string (HTTP 200)"),
    ]

    @Test(arguments: unacceptable)
    func aConfirmAnsweredWithoutAnAcknowledgementFails(body: String, got: String) async throws {
        let server = try await ScriptedHTTPServer.start { _ in ScriptedHTTPServer.answer(200, body) }
        let error = await #expect(throws: RossumError.self) { try await Self.client(server).annotations.confirm(5) }
        guard case .decoding(let type, _, let reason, _)? = error else {
            Issue.record("expected an unreadable answer, got \(String(describing: error))")
            return
        }
        #expect(type == "the answer to confirm of annotation 5")
        #expect(reason.contains("expected 204 No Content or a JSON object, got \(got)"))
        #expect(reason.contains("the server may have applied this POST"))
        #expect(server.requests.count == 1)  // a write's unknown outcome is never resent
        await server.shutdown()
    }

    @Test func anHTMLPageIsNotAnAcknowledgementEither() async throws {
        let server = try await ScriptedHTTPServer.start { _ in
            ScriptedHTTPServer.answer(200, "<html>Welcome to the hotel wifi</html>", headers: [("Content-Type", "text/html")])
        }
        let error = await #expect(throws: RossumError.self) { try await Self.client(server).annotations.postpone(5) }
        guard case .decoding? = error else {
            Issue.record("expected an unreadable answer, got \(String(describing: error))")
            return
        }
        #expect(server.requests.count == 1)
        await server.shutdown()
    }

    @Test func noContentAndJSONObjectsAcknowledge() async throws {
        let server = try await ScriptedHTTPServer.start { request in
            request.uri.contains("/1/") ? ScriptedHTTPServer.answer(204) : ScriptedHTTPServer.answer(200, #"{"status": "exported"}"#)
        }
        let client = try Self.client(server)
        try await client.annotations.confirm(1)
        try await client.annotations.confirm(2)
        #expect(server.requests.count == 2)
        await server.shutdown()
    }

    @Test func aCutShortAnswerToAReadIsAskedAgain() async throws {
        let full = #"{"id": 1, "name": "Whole", "queues": []}"#
        let answers = Counter()
        let server = try await ScriptedHTTPServer.start { _ in
            // the first answer is well-formed HTTP whose JSON stops halfway (a truncating proxy)
            ScriptedHTTPServer.answer(200, answers.next() == 1 ? String(full.prefix(15)) : full)
        }
        let workspace = try await Self.client(server).workspaces.retrieve(1)
        #expect(workspace.name == "Whole")
        #expect(server.requests.count == 2)
        await server.shutdown()
    }
}

/// Counts calls from any thread.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}
