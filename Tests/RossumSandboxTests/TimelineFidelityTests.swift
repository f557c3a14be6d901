import Foundation
import Testing
@testable import RossumSandbox

/// When things happen: nothing seeded lies in the future, and a hook run starts at the event
/// that caused it and lasts what it took, so a timeline reads in the order things happened.
@Suite struct TimelineFidelityTests {
    func date(_ value: Any?) -> Date? {
        (value as? String).flatMap { try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse($0) }
    }

    func logs(_ sandbox: SandboxHarness, _ query: String) async throws -> [[String: Any]] {
        let response = try await sandbox.get("hooks/logs?\(query)")
        #expect(response.status == 200, "hooks/logs?\(query): \(response.text.prefix(300))")
        return response.object["results"] as? [[String: Any]] ?? []
    }

    /// When the annotation's confirm was audited (the newest one).
    func confirmedAt(_ sandbox: SandboxHarness, _ id: Int) async throws -> Date? {
        let entries = try await sandbox.results("audit_logs?object_type=annotation&object_id=\(id)")
        return date(entries.first { ($0["content"] as? [String: Any])?["path"] as? String == "api/v1/annotations/\(id)/confirm" }?["timestamp"])
    }

    @Test func nothingSeededIsLaterThanTheSeeding() async throws {
        try await SandboxHarness.with({ $0.seedsHistory = true }) { sandbox in
            let seeded = Date()
            var latest: [(String, Date)] = []
            for log in try await logs(sandbox, "page_size=100") {
                for key in ["timestamp", "start", "end"] { if let time = date(log[key]) { latest.append(("hook log \(key)", time)) } }
            }
            for entry in try await sandbox.results("audit_logs?object_type=annotation&page_size=5") {
                if let time = date(entry["timestamp"]) { latest.append(("audit log", time)) }
            }
            for field in ["exported_at", "export_failed_at", "modified_at", "confirmed_at", "rejected_at", "deleted_at"] {
                let newest = try await sandbox.results("annotations?ordering=-\(field)&page_size=1").first
                if let time = date(newest?[field]) { latest.append((field, time)) }
                for message in newest?["messages"] as? [[String: Any]] ?? [] {
                    if let time = date((message["detail"] as? [String: Any])?["timestamp"]) { latest.append(("message", time)) }
                }
            }
            for note in try await sandbox.results("notes?page_size=100") {
                if let time = date(note["created_at"]) { latest.append(("note", time)) }
            }
            #expect(latest.count > 20)
            let future = latest.filter { $0.1 > seeded }
            #expect(future.isEmpty, "dated after the seeding: \(future.prefix(5))")
        }
    }

    @Test func aSeededExportRunStartsAtTheConfirmAndLastsItsDuration() async throws {
        try await SandboxHarness.with({ $0.seedsHistory = true }) { sandbox in
            let exports = try await logs(sandbox, "hook=4&page_size=100")
            let timedOut = try #require(exports.first { ($0["message"] as? String)?.contains("timed out") == true }, "a seeded export timed out")
            let start = try #require(date(timedOut["start"])), end = try #require(date(timedOut["end"]))
            let triggered = try #require(date(timedOut["timestamp"]))
            #expect(start >= triggered)
            #expect(abs(end.timeIntervalSince(start) - 30) < 0.01, "a 30 s timeout lasts 30 s: \(start) - \(end)")
            let annotationID = try #require(timedOut["annotation_id"] as? Int)
            let confirmed = try #require(try await confirmedAt(sandbox, annotationID))
            #expect(start >= confirmed, "the export ran at \(start), before its confirm at \(confirmed)")
        }
    }

    @Test func aLiveRunStartsAtItsTriggerAndDoesNotEndInTheFuture() async throws {
        try await SandboxHarness.with { sandbox in
            let candidates = try await sandbox.results("annotations?queue=3&status=to_review&page_size=60").compactMap { $0["id"] as? Int }
            var checkedTimeout = false
            for id in candidates where !checkedTimeout {
                #expect(try await sandbox.post("annotations/\(id)/confirm").status == 204)
                let answered = Date()
                let confirmed = try #require(try await confirmedAt(sandbox, id))
                let runs = try await logs(sandbox, "annotation=\(id)").sorted { ($0["start"] as? String ?? "") < ($1["start"] as? String ?? "") }
                #expect(!runs.isEmpty)
                var previousEnd = confirmed
                for run in runs {
                    let triggered = try #require(date(run["timestamp"]))
                    let start = try #require(date(run["start"])), end = try #require(date(run["end"]))
                    #expect(triggered >= confirmed && start >= triggered, "\(run["action"] ?? "") started before the confirm")
                    #expect(start >= previousEnd, "runs of one event follow each other")
                    #expect(end >= start && end <= answered, "\(run["action"] ?? "") ended in the future")
                    previousEnd = end
                }
                checkedTimeout = runs.contains { ($0["message"] as? String)?.contains("timed out") == true }
                let annotation = try await sandbox.get("annotations/\(id)").object
                let exportEnd = date(runs.last { $0["action"] as? String == "export" }?["end"])
                if let exported = date(annotation["exported_at"] ?? annotation["export_failed_at"]), let exportEnd {
                    #expect(exported >= exportEnd, "the export is done when its hooks are")
                }
            }
            #expect(checkedTimeout, "some export of queue 3 times out")
        }
    }

    @Test func extensionMessagesAreDatedAndNamed() async throws {
        try await SandboxHarness.with { sandbox in
            let id = try #require(try await sandbox.results("annotations?queue=3&status=to_review&page_size=1").first?["id"] as? Int)
            let before = Date()
            #expect(try await sandbox.post("annotations/\(id)/confirm").status == 204)
            let messages = try await sandbox.get("annotations/\(id)").object["messages"] as? [[String: Any]] ?? []
            let fromHooks = messages.compactMap { $0["detail"] as? [String: Any] }
            #expect(!fromHooks.isEmpty)
            for detail in fromHooks {
                #expect(!(detail["hook_name"] as? String ?? "").isEmpty)
                let time = try #require(date(detail["timestamp"]), "\(detail)")
                #expect(time >= before.addingTimeInterval(-0.001) && time <= Date())
                // Dated when the hook answered: the end of the run its request_id names.
                let run = try await logs(sandbox, "request_id=\(detail["request_id"] as? String ?? "")").first
                #expect(run?["end"] as? String == detail["timestamp"] as? String)
            }
        }
    }
}
