import Foundation
import Testing

@Suite struct HookCallTests {
    static func hookID(named name: String, in sandbox: SandboxHarness) async throws -> Int {
        let hooks = try await sandbox.results("hooks?page_size=100")
        return try #require(hooks.first { $0["name"] as? String == name }?["id"] as? Int)
    }

    static func createHook(_ sandbox: SandboxHarness, events: [String]) async throws -> Int {
        let created = try await sandbox.post("hooks", json: [
            "name": "On demand", "events": events, "queues": ["1"],
            "config": ["url": "https://example.com/hook", "payload_logging_enabled": true], "secrets": ["api_key": "s3cret"],
        ])
        #expect(created.status == 201, "\(created.text)")
        return try #require(created.object["id"] as? Int)
    }

    @Test func generatedPayloadCarriesTheAnnotationItsContentAndTheCallersToken() async throws {
        try await SandboxHarness.with { sandbox in
            let hookID = try await Self.createHook(sandbox, events: ["annotation_content.initialize"])
            let annotation = try #require(try await sandbox.results("annotations?status=to_review").first)
            let url = try #require(annotation["url"] as? String)
            let generated = try await sandbox.post("hooks/\(hookID)/generate_payload", json: [
                "event": "annotation_content", "action": "initialize", "annotation": url, "status": "importing", "previous_status": "created",
            ])
            #expect(generated.status == 200, "\(generated.text)")
            let payload = generated.object
            #expect(payload["event"] as? String == "annotation_content" && payload["action"] as? String == "initialize")
            #expect(payload["rossum_authorization_token"] as? String == sandbox.token)
            #expect((payload["secrets"] as? [String: String]) == ["api_key": "[redacted...]"])
            #expect((payload["hook"] as? String)?.hasSuffix("/hooks/\(hookID)") == true)
            let sent = try #require(payload["annotation"] as? [String: Any])
            #expect(sent["url"] as? String == url)
            #expect(sent["status"] as? String == "importing" && sent["previous_status"] as? String == "created")
            #expect((sent["content"] as? [Any])?.isEmpty == false)
            #expect((payload["document"] as? [String: Any])?["url"] as? String == annotation["document"] as? String)

            #expect(try await sandbox.post("hooks/\(hookID)/generate_payload", json: ["event": "annotation_content", "action": "nope"]).status == 400)
            #expect(try await sandbox.post("hooks/\(hookID)/generate_payload", json: ["event": "annotation_status", "action": "changed"]).status == 400)
            #expect(try await sandbox.post("hooks/999999/generate_payload", json: ["event": "invocation", "action": "manual"]).status == 404)
        }
    }

    @Test func testRunsTheHookOnThePayloadWithoutLoggingOrChangingAnything() async throws {
        try await SandboxHarness.with { sandbox in
            let matching = try await Self.hookID(named: "Supplier matching (MDH)", in: sandbox)
            let annotation = try #require(try await sandbox.results("annotations?status=to_review").first)
            let url = try #require(annotation["url"] as? String)
            let id = try #require(annotation["id"] as? Int)
            let payload = try await sandbox.post("hooks/\(matching)/generate_payload", json: [
                "event": "annotation_content", "action": "updated", "annotation": url,
            ]).object
            let logsBefore = try await sandbox.get("hooks/logs?hook=\(matching)&annotation=\(id)").object["results"] as? [Any]
            let contentBefore = try await sandbox.get("annotations/\(id)/content").text

            let tested = try await sandbox.post("hooks/\(matching)/test", json: ["payload": payload])
            #expect(tested.status == 200, "\(tested.text)")
            let response = try #require(tested.object["response"] as? [String: Any])
            // The matching extension always says what it matched (or that nothing matched).
            #expect((response["messages"] as? [Any])?.isEmpty == false)

            let logsAfter = try await sandbox.get("hooks/logs?hook=\(matching)&annotation=\(id)").object["results"] as? [Any]
            #expect(logsAfter?.count == logsBefore?.count)
            #expect(try await sandbox.get("annotations/\(id)/content").text == contentBefore)

            #expect(try await sandbox.post("hooks/\(matching)/test", json: [:]).status == 400)
            #expect(try await sandbox.post("hooks/\(matching)/test", json: ["payload": ["event": "x", "action": "y"]]).status == 400)
        }
    }

    @Test func invokeRunsAnInvocationHookLogsTheRunAndRefusesOthers() async throws {
        try await SandboxHarness.with { sandbox in
            let hookID = try await Self.createHook(sandbox, events: ["invocation.scheduled"])
            let invoked = try await sandbox.post("hooks/\(hookID)/invoke", json: ["batch": "2026-01"])
            #expect(invoked.status == 200, "\(invoked.text)")
            #expect(invoked.object["messages"] as? [Any] != nil)
            let logs = try #require(try await sandbox.get("hooks/logs?hook=\(hookID)").object["results"] as? [[String: Any]])
            #expect(logs.count == 1)
            #expect(logs.first?["event"] as? String == "invocation" && logs.first?["action"] as? String == "manual")
            let request = try #require(logs.first?["request"] as? String)
            #expect(request.contains("\"batch\":\"2026-01\""))
            #expect(!request.contains(sandbox.token ?? "?"), "the token is never logged")

            let annotationHook = try await Self.createHook(sandbox, events: ["annotation_status.changed"])
            #expect(try await sandbox.post("hooks/\(annotationHook)/invoke", json: [:]).status == 400)
            // The demo's VAT function reads the annotation first: invoked without one, it crashes.
            let vat = try await Self.hookID(named: "Validate VAT numbers", in: sandbox)
            #expect(try await sandbox.request("PATCH", "hooks/\(vat)", json: ["events": ["invocation.manual"]]).status == 200)
            let crashed = try await sandbox.post("hooks/\(vat)/invoke", json: [:])
            #expect(crashed.status == 400 && crashed.text.contains("KeyError"))
        }
    }
}
