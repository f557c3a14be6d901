import Foundation
import Testing
import RossumKit
import RossumSandbox

/// Status actions run at most once: a confirm meant for an annotation in review never sends a
/// confirmed one on to export, whether it is repeated, raced, or retried after a lost answer.
@Suite struct StatusActionTests {
    /// A private sandbox whose queues keep confirmed annotations in `confirmed` (the state where
    /// a second confirm would export), and a to_review annotation of one of them.
    func withConfirmedState(_ body: (RossumClient, SandboxServer, Int) async throws -> Void) async throws {
        try await withSandbox({ _ in }) { server in
            let client = try SharedSandbox.client(server)
            let page = try await client.annotations.list(filters: ["status": QueryValue("to_review")], maxPages: 1).firstPage()
            let annotation = try #require(page.results.first)
            let queueURL = try #require(annotation.queue?.url)
            _ = try await client.requestJSON("PATCH", queueURL, body: ["use_confirmed_state": true])
            try await body(client, server, annotation.id)
        }
    }

    @Test func aSecondConfirmSendsNothing() async throws {
        try await withConfirmedState { (client, _, id) async throws in
            #expect(try await client.annotations.perform(.confirm, on: id) == .applied(status: "confirmed"))
            #expect(try await client.annotations.perform(.confirm, on: id) == .alreadyDone(status: "confirmed", answerLost: false))
            #expect(try await client.annotations.retrieve(id).status == .confirmed)
            // Asked to, confirm moves it on to export.
            #expect(try await client.annotations.perform(.confirmOrExport, on: id).status == "exported")
        }
    }

    /// The confirm is applied and its answer lost: the client finds it confirmed and sends
    /// nothing more (a second confirm would have exported it).
    @Test func aConfirmWhoseAnswerIsLostIsNotSentAgain() async throws {
        try await withConfirmedState { (client, server, id) async throws in
            await server.setFaults(.appliedThenDrop(next: 1, methods: ["POST"], pathPrefix: "/api/v1/annotations/\(id)/confirm"))
            #expect(try await client.annotations.perform(.confirm, on: id) == .alreadyDone(status: "confirmed", answerLost: true))
            #expect(server.faultCounters.injected == 1)
            #expect(try await client.annotations.retrieve(id).status == .confirmed)
        }
    }

    @Test func concurrentConfirmsOfOneClientTakeTurns() async throws {
        try await withConfirmedState { (client, _, id) async throws in
            let outcomes = try await withThrowingTaskGroup(of: StatusActionOutcome.self) { group in
                for _ in 0..<4 { group.addTask { try await client.annotations.perform(.confirm, on: id) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .applied(status: "confirmed") }.count == 1)
            #expect(outcomes.filter { $0 == .alreadyDone(status: "confirmed", answerLost: false) }.count == 3)
            #expect(try await client.annotations.retrieve(id).status == .confirmed)
        }
    }

    @Test func anActionTheStatusDoesNotAllowIsNotSent() async throws {
        try await withConfirmedState { (client, _, id) async throws in
            _ = try await client.annotations.perform(.delete, on: id)
            let refused = await #expect(throws: RossumError.self) { try await client.annotations.perform(.postpone, on: id) }
            guard case .conflict(let message)? = refused else {
                Issue.record("expected a client-side refusal, got \(String(describing: refused))")
                return
            }
            #expect(message.contains("is deleted"))
            #expect(try await client.annotations.retrieve(id).status == .deleted)
        }
    }

    @Test(arguments: [
        ("to_review", StatusTransition.Decision.send), ("reviewing", .send), ("postponed", .send),
        ("confirmed", .alreadyDone), ("exported", .alreadyDone), ("exporting", .alreadyDone),
        ("deleted", .refuse), ("rejected", .refuse), ("importing", .refuse),
    ])
    func confirmDecisions(status: String, decision: StatusTransition.Decision) {
        #expect(StatusTransition.confirm.decision(for: status) == decision)
    }

    @Test func outcomeUnknownIsEveryLostOrGarbledAnswerButNoRefusal() {
        #expect(RossumError.transport(method: "POST", url: "u", reason: "reset").outcomeUnknown)
        #expect(RossumError.timeout(method: "POST", url: "u", seconds: 1).outcomeUnknown)
        #expect(RossumError.decoding(type: "T", path: "", reason: "cut", snippet: "").outcomeUnknown)
        #expect(RossumError.http(status: 502, method: "POST", url: "u", detail: "").outcomeUnknown)
        #expect(!RossumError.http(status: 503, method: "POST", url: "u", detail: "").outcomeUnknown)
        #expect(!RossumError.http(status: 409, method: "POST", url: "u", detail: "").outcomeUnknown)
        #expect(!RossumError.conflict("x").outcomeUnknown)
    }
}
