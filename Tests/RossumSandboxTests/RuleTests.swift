import Foundation
import Testing

@Suite struct RuleTests {
    static var action: [String: Any] { [
        "id": "a1", "type": "show_message", "event": "annotation_confirmed", "payload": ["type": "info", "content": "Checked"],
    ] }

    @Test func rulesCreateFilterUpdateDeleteAndRefuseBadActions() async throws {
        try await SandboxHarness.with { sandbox in
            let queue = try #require(try await sandbox.results("queues?ordering=id").last?["url"] as? String)
            let created = try await sandbox.post("rules", json: ["name": "Always", "queues": [queue], "actions": [Self.action]])
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.object["id"] as? Int)
            #expect((created.object["organization"] as? String)?.hasSuffix("/organizations/1") == true)
            #expect(created.object["trigger_condition"] as? String == "True")
            #expect(try await sandbox.results("rules?name=Always").map { $0["id"] as? Int } == [id])

            let patched = try await sandbox.request("PATCH", "rules/\(id)", json: ["enabled": false])
            #expect(patched.status == 200 && patched.object["enabled"] as? Bool == false)

            let missingKey = try await sandbox.post("rules", json: ["name": "Bad", "actions": [["id": "x", "type": "show_message"]]])
            #expect(missingKey.status == 400 && (missingKey.object["actions"] as? [String])?.first?.contains("payload") == true)
            #expect(try await sandbox.post("rules", json: ["name": 3]).status == 400)
            #expect(try await sandbox.post("rules", json: ["name": "x", "queues": ["http://h/api/v1/queues/999999"]]).status == 400)
            #expect(try await sandbox.request("PATCH", "rules/999999", json: ["enabled": true]).status == 404)

            #expect(try await sandbox.request("DELETE", "rules/\(id)").status == 204)
            #expect(try await sandbox.get("rules/\(id)").status == 404)
        }
    }

    @Test func confirmingRunsTheQueuesRulesAndLogsEachRun() async throws {
        try await SandboxHarness.with { sandbox in
            let queues = try await sandbox.results("queues?ordering=id&page_size=100")
            let queue = try #require(queues.last)
            let queueID = try #require(queue["id"] as? Int)
            let queueURL = try #require(queue["url"] as? String)
            let always = try await sandbox.post("rules", json: ["name": "Always", "queues": [queueURL], "actions": [Self.action]])
            let python = try await sandbox.post("rules", json: [
                "name": "Python", "queues": [queueURL], "trigger_condition": "field.amount_total > 100", "actions": [Self.action],
            ])
            let alwaysID = try #require(always.object["id"] as? Int)
            let pythonID = try #require(python.object["id"] as? Int)

            let annotation = try #require(try await sandbox.results("annotations?queue=\(queueID)&status=to_review").first?["id"] as? Int)
            #expect(try await sandbox.post("annotations/\(annotation)/start").status == 200)
            #expect(try await sandbox.post("annotations/\(annotation)/confirm").status == 204)

            let logs = try await sandbox.results("rules_execution_logs?annotation=\(annotation)")
            #expect(Set(logs.compactMap { $0["rule_id"] as? Int }) == [alwaysID, pythonID])
            let success = try await sandbox.results("rules_execution_logs?rule=\(alwaysID)&execution_result=success")
            #expect(success.count == 1 && success.first?["trigger_event"] as? String == "annotation_confirmed")
            #expect(success.first?["queue_id"] as? Int == queueID)
            let failure = try await sandbox.results("rules_execution_logs?rule=\(pythonID)&execution_result=failure")
            #expect((failure.first?["execution_error"] as? String)?.contains("constant") == true)
            #expect(try await sandbox.results("rules_execution_logs?search=python&annotation=\(annotation)").count == 1)
            #expect(try await sandbox.results("rules_execution_logs?created_at_before=2000-01-01").isEmpty)
            #expect(try await sandbox.get("rules_execution_logs?execution_result=maybe").status == 400)
            #expect(try await sandbox.get("rules_execution_logs?rule=abc").status == 400)
            let logID = try #require(success.first?["id"] as? Int)
            #expect(try await sandbox.get("rules_execution_logs/\(logID)").status == 200)
            #expect(try await sandbox.get("rules_execution_logs/999999").status == 404)
            #expect(try await sandbox.request("DELETE", "rules_execution_logs/\(logID)").status == 405)
        }
    }

    @Test func enginesFieldsAndHookTemplatesAreSeededAndFiltered() async throws {
        try await SandboxHarness.with { sandbox in
            let engine = try #require(try await sandbox.results("engines").first)
            let engineID = try #require(engine["id"] as? Int)
            #expect(engine["type"] as? String == "extractor")
            let fields = try await sandbox.results("engine_fields?engine=\(engineID)&page_size=100")
            #expect(fields.contains { $0["name"] as? String == "amount_total" && $0["tabular"] as? Bool == false })
            #expect(fields.contains { $0["tabular"] as? Bool == true })
            #expect(try await sandbox.results("engine_fields?engine=999999").isEmpty)
            let queues = try await sandbox.results("queues?engine=\(engineID)&page_size=100")
            #expect(!queues.isEmpty && queues.allSatisfy { ($0["engine"] as? String)?.hasSuffix("/engines/\(engineID)") == true })

            let created = try await sandbox.post("engines", json: ["name": "Splitter", "type": "splitter"])
            #expect(created.status == 201)
            #expect(try await sandbox.post("engines", json: ["name": "X", "type": "oracle"]).status == 400)
            #expect(try await sandbox.post("engine_fields", json: ["name": "f", "engine": "http://h/api/v1/engines/999999"]).status == 400)

            let templates = try await sandbox.results("hook_templates")
            #expect(templates.count >= 4 && templates.allSatisfy { $0["extension_source"] as? String == "rossum_store" })
            let templateID = try #require(templates.first?["id"] as? Int)
            #expect(try await sandbox.get("hook_templates/\(templateID)").status == 200)
            #expect(try await sandbox.post("hook_templates", json: ["name": "mine"]).status == 405)
        }
    }
}
