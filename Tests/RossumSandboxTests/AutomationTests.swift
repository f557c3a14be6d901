import Foundation
import Testing

@Suite struct AutomationTests {
    /// The first queue with processed (confirmed or exported) annotations.
    func processedQueue(_ sandbox: SandboxHarness) async throws -> (id: Int, processed: Int, automated: Int) {
        for queue in try await sandbox.results("queues?ordering=id&page_size=100") {
            let id = queue["id"] as! Int
            let processed = try await sandbox.get("annotations?queue=\(id)&status=confirmed,exporting,exported&page_size=1")
            let total = (processed.object["pagination"] as? [String: Any])?["total"] as? Int ?? 0
            guard total > 0 else { continue }
            let all = try await sandbox.results("annotations?queue=\(id)&status=confirmed,exporting,exported&page_size=100")
            if total <= 100 { return (id, total, all.filter { $0["automated"] as? Bool == true }.count) }
        }
        throw CancellationError()
    }

    @Test func insightsFollowTheStoredAnnotations() async throws {
        try await SandboxHarness.with { sandbox in
            let queue = try await processedQueue(sandbox)
            let insights = try await sandbox.get("queues/\(queue.id)/automation/insights")
            #expect(insights.status == 200)
            let rate = try #require(insights.object["document_automation_rate"] as? Double)
            #expect(abs(rate - Double(queue.automated) / Double(queue.processed)) < 0.001)
            let series = try #require(insights.object["document_automation_timeseries"] as? [[String: Any]])
            let counted = series.reduce(0) { $0 + ($1["automated_count"] as! Int) + ($1["non_automated_count"] as! Int) }
            #expect(counted == queue.processed)
            let datapoints = try #require(insights.object["datapoint_statistics"] as? [[String: Any]])
            #expect(datapoints.contains { $0["schema_id"] as? String == "amount_total" && $0["confidence_threshold"] as? Double == 0.8 })
            #expect(try await sandbox.get("queues/999999/automation/insights").status == 404)
        }
    }

    @Test func projectionsApplyPerFieldLimitsAndRefuseBadInput() async throws {
        try await SandboxHarness.with { sandbox in
            let queue = try await processedQueue(sandbox)
            let path = "queues/\(queue.id)/automation/projections"
            let insights = try await sandbox.get("queues/\(queue.id)/automation/insights").object
            let schemaIDs = (insights["datapoint_statistics"] as? [[String: Any]] ?? []).compactMap { $0["schema_id"] as? String }
            #expect(schemaIDs.count > 5)
            let strictFields = schemaIDs.map { ["schema_id": $0, "error_rate_limit": 0.0] as [String: Any] }
            let lenientFields = schemaIDs.map { ["schema_id": $0, "error_rate_limit": 1.0] as [String: Any] }
            let strict = try await sandbox.post(path, json: ["fields": strictFields])
            let lenient = try await sandbox.post(path + "?exclude_blockers=error_message,extension", json: ["fields": lenientFields])
            #expect(strict.status == 200 && lenient.status == 200)
            #expect(strict.object["total_document_count"] as? Int == queue.processed)
            func rate(_ response: TestResponse) -> Double? {
                ((response.object["projections"] as? [[String: Any]])?.first)?["document_automation_rate"] as? Double
            }
            // A limit of 0 demands confidence 1 for every field; a limit of 1 lets everything through.
            #expect(rate(strict) == 0 && rate(lenient) == 1)

            #expect(try await sandbox.post(path, json: ["fields": [["schema_id": "amount_total", "error_rate_limit": 2]]]).status == 400)
            #expect(try await sandbox.post(path, json: ["fields": [["schema_id": "nope", "error_rate_limit": 0.1]]]).status == 400)
            #expect(try await sandbox.post(path, json: ["fields": "amount_total"]).status == 400)
            #expect(try await sandbox.post(path + "?exclude_blockers=weather", json: ["fields": []]).status == 400)
            #expect(try await sandbox.post("queues/999999/automation/projections", json: ["fields": []]).status == 404)
            #expect(try await sandbox.get(path).status == 405)
        }
    }

    @Test func targetsAreStoredPerQueueNewestFirst() async throws {
        try await SandboxHarness.with { sandbox in
            let queues = try await sandbox.results("queues?ordering=id")
            let (first, second) = (queues[0]["id"] as! Int, queues[1]["id"] as! Int)
            let target: [String: Any] = [
                "automation_rate_target": 0.6, "error_rate_target": 0.02, "type": "legacy_thresholds",
                "datapoint_automation_targets": [["schema_id": "amount_total", "error_rate_target": 0.01, "confidence_threshold": 0.95, "error_rate_limit": nil]],
            ]
            #expect(try await sandbox.post("queues/\(first)/automation/targets", json: target).status == 201)
            var newer = target
            newer["automation_rate_target"] = 0.7
            #expect(try await sandbox.post("queues/\(first)/automation/targets", json: newer).status == 201)
            let listed = try await sandbox.get("queues/\(first)/automation/targets").object["results"] as? [[String: Any]]
            #expect(listed?.map { $0["automation_rate_target"] as? Double } == [0.7, 0.6])
            #expect((listed?.first?["datapoint_automation_targets"] as? [[String: Any]])?.first?["confidence_threshold"] as? Double == 0.95)
            #expect((try await sandbox.get("queues/\(second)/automation/targets").object["results"] as? [Any])?.isEmpty == true)

            var bad = target
            bad["automation_rate_target"] = "high"
            #expect(try await sandbox.post("queues/\(first)/automation/targets", json: bad).status == 400)
            bad = target
            bad["type"] = "magic"
            #expect(try await sandbox.post("queues/\(first)/automation/targets", json: bad).status == 400)
            bad = target
            bad["datapoint_automation_targets"] = [["schema_id": "amount_total"]]
            #expect(try await sandbox.post("queues/\(first)/automation/targets", json: bad).status == 400)
            #expect(try await sandbox.request("POST", "queues/\(first)/automation/targets", body: Data("{".utf8), contentType: "application/json").status == 400)
            #expect(try await sandbox.post("queues/999999/automation/targets", json: target).status == 404)
        }
    }
}
