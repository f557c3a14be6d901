import Foundation
import Testing
@testable import RossumSandbox

/// The fault production has: the request is applied, then its answer is lost.
@Suite struct AppliedThenDropTests {
    @Test func textAndJSONFormsNameTheFaultAndTheMethods() async throws {
        let parsed = try FaultConfiguration(parsing: "applied_then_drop=1,methods=POST+patch,limit=1,prefix=/api/v1/annotations")
        #expect(parsed.appliedThenDropRate == 1 && parsed.limit == 1 && parsed.pathPrefix == "/api/v1/annotations")
        #expect(parsed.methods == ["POST", "PATCH"])
        #expect(try FaultConfiguration(parsing: "applied_then_drop=0.25,methods=writes").methods == FaultConfiguration.writeMethods)
        #expect(!(try FaultConfiguration(parsing: "applied_then_drop=0.5")).isOff)
        #expect(throws: FaultConfigurationError.self) { try FaultConfiguration(parsing: "applied_then_drop=2") }
        #expect(throws: FaultConfigurationError.self) { try FaultConfiguration(parsing: "methods=FLY") }
        #expect(FaultConfiguration.appliedThenDrop(next: 2, methods: ["POST"], pathPrefix: "/svc/") == parsedShorthand())

        try await SandboxHarness.with { sandbox in
            let changed = try await sandbox.request(
                "PUT", "_sandbox/faults", json: ["applied_then_drop": 1, "methods": ["post"], "limit": 1], authorized: false)
            #expect(changed.status == 200, "\(changed.text)")
            #expect(changed.object["applied_then_drop"] as? Double == 1)
            #expect(changed.object["methods"] as? [String] == ["POST"])
            let writes = try await sandbox.request("PATCH", "_sandbox/faults", json: ["methods": "writes"], authorized: false)
            #expect(writes.object["methods"] as? [String] == ["DELETE", "PATCH", "POST", "PUT"])
            #expect(try await sandbox.request("PATCH", "_sandbox/faults", json: ["methods": ["TELEPORT"]], authorized: false).status == 400)
            #expect(try await sandbox.request("PATCH", "_sandbox/faults", json: ["applied_then_drop": 3], authorized: false).status == 400)
        }
    }

    private func parsedShorthand() -> FaultConfiguration {
        (try? FaultConfiguration(parsing: "applied_then_drop=1,limit=2,methods=POST,prefix=/svc/")) ?? FaultConfiguration()
    }

    @Test func aConfirmIsAppliedAndItsAnswerLost() async throws {
        try await SandboxHarness.with { sandbox in
            let id = try #require(try await sandbox.results("annotations?status=to_review&queue=1").first?["id"] as? Int)
            await sandbox.server.setFaults(.appliedThenDrop(next: 1, methods: ["POST"]))

            // Reads do not match `methods`: they are answered.
            #expect(try await sandbox.get("annotations/\(id)").status == 200)

            // On the wire: the request goes out, the connection closes, not one byte comes back.
            let connection = try RawHTTPConnection(baseURL: sandbox.server.baseURL)
            try await connection.send(
                "POST /api/v1/annotations/\(id)/confirm HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer \(sandbox.token ?? "")\r\nContent-Length: 0\r\n\r\n")
            #expect(try await connection.waitForClose(timeout: .seconds(5)))
            #expect(try await connection.readResponse(timeout: .seconds(1)) == nil)

            // ...and yet the confirm happened.
            #expect(try await sandbox.get("annotations/\(id)").object["status"] as? String == "exported")
            #expect(sandbox.server.faultCounters.injected == 1)

            // `next: 1` is spent: the next write is answered normally.
            let second = try #require(try await sandbox.results("annotations?status=to_review&queue=1").first?["id"] as? Int)
            #expect(try await sandbox.post("annotations/\(second)/postpone").status == 204)
        }
    }

    @Test func anHTTPClientSeesTheConnectionLostWhileTheInsertIsStored() async throws {
        try await SandboxHarness.withDataHub { sandbox in
            await sandbox.server.setFaults(.appliedThenDrop(next: 1, methods: FaultConfiguration.writeMethods, pathPrefix: "/svc/data-storage"))
            let outcome: Result<TestResponse, any Error>
            do {
                outcome = .success(try await sandbox.post(
                    SandboxHarness.storage + "/data/insert_one", json: ["collectionName": "lost_answers", "document": ["n": 1]]))
            } catch {
                outcome = .failure(error)
            }
            if case .success(let response) = outcome { Issue.record("the dropped insert was answered \(response.status)") }
            let stored = try await sandbox.find(["collectionName": "lost_answers", "query": ["n": 1]])
            #expect(stored.count == 1)
        }
    }
}
