import Foundation
import GRDB
import Testing
@testable import RossumSandbox

/// Exports that really run: confirm -> exporting -> exported / failed_export, with the export
/// hook's log and message; PATCH exporting retries.
@Suite struct DiagnosticsExportTests {
    func status(_ sandbox: SandboxHarness, _ id: Int) async throws -> String? {
        try await sandbox.get("annotations/\(id)").object["status"] as? String
    }

    func logs(_ sandbox: SandboxHarness, _ query: String) async throws -> [[String: Any]] {
        let response = try await sandbox.get("hooks/logs?\(query)")
        #expect(response.status == 200, "hooks/logs?\(query): \(response.text.prefix(300))")
        return response.object["results"] as? [[String: Any]] ?? []
    }

    @Test func confirmingRunsTheExportHookAndSomeExportsFail() async throws {
        try await SandboxHarness.with { sandbox in
            // Queue 3 exports to the ERP through a hook that fails on a known share of documents.
            let candidates = try await sandbox.results("annotations?queue=3&status=to_review&page_size=40").compactMap { $0["id"] as? Int }
            var outcomes: [String: Int] = [:]
            for id in candidates {
                #expect(try await sandbox.post("annotations/\(id)/confirm").status == 204)
                let annotation = try await sandbox.get("annotations/\(id)").object
                let final = try #require(annotation["status"] as? String)
                outcomes[final, default: 0] += 1
                let exportLogs = try await logs(sandbox, "annotation=\(id)").filter { $0["action"] as? String == "export" }
                #expect(exportLogs.count == 1, "one export run for \(id)")
                let messages = annotation["messages"] as? [[String: Any]] ?? []
                if final == "failed_export" {
                    #expect(annotation["export_failed_at"] is String)
                    #expect(exportLogs.first?["log_level"] as? String == "ERROR")
                    let failure = messages.first { ($0["content"] as? String)?.contains("ERP export failed") == true }
                    #expect((failure?["detail"] as? [String: Any])?["is_exception"] as? Bool == true)
                    #expect((failure?["detail"] as? [String: Any])?["hook_name"] as? String == "ERP export")
                    #expect((failure?["detail"] as? [String: Any])?["request_id"] as? String == exportLogs.first?["request_id"] as? String)
                } else {
                    #expect(final == "exported")
                    #expect(annotation["exported_at"] is String)
                    #expect(messages.contains { ($0["content"] as? String)?.hasPrefix("Posted to ERP") == true })
                }
            }
            #expect((outcomes["exported"] ?? 0) > 0 && (outcomes["failed_export"] ?? 0) > 0, "\(outcomes)")
        }
    }

    @Test func patchExportingRetriesAndATimedOutExportPassesLater() async throws {
        try await SandboxHarness.with { sandbox in
            let candidates = try await sandbox.results("annotations?queue=3&status=to_review&page_size=60").compactMap { $0["id"] as? Int }
            var timedOut: Int?
            for id in candidates where timedOut == nil {
                _ = try await sandbox.post("annotations/\(id)/confirm")
                let log = try await logs(sandbox, "annotation=\(id)&hook=4").first
                if (log?["message"] as? String)?.contains("timed out") == true { timedOut = id }
            }
            let id = try #require(timedOut, "some export of queue 3 times out")
            #expect(try await status(sandbox, id) == "failed_export")
            var attempts = 1
            while try await status(sandbox, id) == "failed_export", attempts < 10 {
                let retried = try await sandbox.request("PATCH", "annotations/\(id)", json: ["status": "exporting"])
                #expect(retried.status == 200)
                attempts += 1
                #expect(try await logs(sandbox, "annotation=\(id)&hook=4").count == attempts)
            }
            #expect(try await status(sandbox, id) == "exported")
            let messages = try await sandbox.get("annotations/\(id)").object["messages"] as? [[String: Any]] ?? []
            #expect(!messages.contains { $0["type"] as? String == "error" }, "the failed attempt's message is replaced")
        }
    }

    @Test func withAnExportDelayConfirmWaitsInExporting() async throws {
        // Long enough that a loaded machine still reads `exporting` before the export runs.
        // A clean build's full test run left more than a second between the two requests.
        try await SandboxHarness.with({ $0.exportDelay = .seconds(4) }) { sandbox in
            let id = try #require(try await sandbox.results("annotations?queue=1&status=to_review").first?["id"] as? Int)
            #expect(try await sandbox.post("annotations/\(id)/confirm").status == 204)
            #expect(try await status(sandbox, id) == "exporting")
            #expect(try await eventually(timeout: .seconds(20)) { try await status(sandbox, id) == "exported" })
        }
    }

    @Test func confirmedStateQueuesExportOnTheSecondConfirm() async throws {
        try await SandboxHarness.with { sandbox in
            let id = try #require(try await sandbox.results("annotations?queue=2&status=to_review").first?["id"] as? Int)
            #expect(try await sandbox.post("annotations/\(id)/confirm").status == 204)
            #expect(try await status(sandbox, id) == "confirmed")
            let confirmLogs = try await logs(sandbox, "annotation=\(id)&hook=1")
            #expect(confirmLogs.isEmpty, "the VAT check does not listen to confirm")
            #expect(try await sandbox.post("annotations/\(id)/confirm").status == 204)
            #expect(try await status(sandbox, id) == "exported")
            let changes = try await logs(sandbox, "annotation=\(id)").filter { $0["event"] as? String == "annotation_status" }
            #expect(changes.count >= 3, "to_review->confirmed, confirmed->exporting, exporting->exported")
        }
    }
}
