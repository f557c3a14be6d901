import Foundation
import GRDB
import Testing
@testable import RossumSandbox

/// Hook logs, audit logs, automation blockers, notes and page data: filters, paging, bad input.
@Suite struct DiagnosticsEndpointTests {
    func logs(_ sandbox: SandboxHarness, _ query: String) async throws -> [[String: Any]] {
        let response = try await sandbox.get("hooks/logs?\(query)")
        #expect(response.status == 200, "hooks/logs?\(query): \(response.text.prefix(300))")
        #expect(response.object["pagination"] == nil, "hook logs are not paginated")
        return response.object["results"] as? [[String: Any]] ?? []
    }

    @Test func hookLogsOfTheSeededHistoryFilterAndCap() async throws {
        try await SandboxHarness.with({ $0.seedsHistory = true }) { sandbox in
            let all = try await logs(sandbox, "")
            #expect(all.count == 100, "default page size is 100")
            let starts = all.compactMap { $0["start"] as? String }
            #expect(starts == starts.sorted(by: >), "newest first")
            let fields = ["timestamp", "request_id", "uuid", "event", "action", "organization_id", "hook_id", "hook_type", "queue_id",
                          "annotation_id", "log_level", "message", "request", "response", "start", "end", "settings", "status", "status_code"]
            #expect(fields.allSatisfy { all[0].keys.contains($0) }, "\(all[0].keys.sorted())")
            #expect(try await logs(sandbox, "page_size=7").count == 7)

            let errors = try await logs(sandbox, "log_level=error")
            #expect(!errors.isEmpty && errors.allSatisfy { $0["log_level"] as? String == "ERROR" && $0["status"] as? String == "failed" })
            let crashes = try await logs(sandbox, "hook=1&status_code=500")
            #expect(!crashes.isEmpty && crashes.allSatisfy { $0["hook_id"] as? Int == 1 && ($0["output"] as? String)?.contains("Traceback") == true })
            let first = try #require(errors.first)
            let byRequest = try await logs(sandbox, "request_id=\(first["request_id"] as? String ?? "")")
            #expect(byRequest.count == 1)
            let annotationID = try #require(first["annotation_id"] as? Int)
            #expect(try await logs(sandbox, "annotation=\(annotationID)").allSatisfy { $0["annotation_id"] as? Int == annotationID })
            #expect(try await logs(sandbox, "queue=3,5&status=completed").allSatisfy { [3, 5].contains($0["queue_id"] as? Int ?? 0) })
            let matched = try await logs(sandbox, "search=SUP-")
            #expect(!matched.isEmpty && matched.allSatisfy { $0["hook_id"] as? Int == 3 })
            #expect(try await logs(sandbox, "search=No%20supplier%20in%20master%20data").isEmpty == false)
            #expect(try await logs(sandbox, "timestamp_after=2099-01-01T00:00:00Z").isEmpty)
            #expect(try await logs(sandbox, "start_before=2000-01-01").isEmpty)

            for bad in ["log_level=LOUD", "status=maybe", "status_code=abc", "hook=x", "timestamp_after=yesterday", "page_size=0"] {
                let response = try await sandbox.get("hooks/logs?\(bad)")
                #expect(response.status == 400, "\(bad) -> \(response.status)")
                #expect(response.object.isEmpty == false)
            }
        }
    }

    @Test func hookLogsOlderThanSevenDaysAreNotReturned() throws {
        let database = try SandboxDatabase.open(path: nil)
        let now = Date()
        try database.write { db in
            let id = try AnnotationStore.insert(
                db, queueID: 1, schemaID: 1, documentID: 1, status: "to_review", creatorID: 1, arrivedAt: DemoClock.now(),
                fileName: "a.pdf", fields: AnnotationStore.extractedFields(forFileName: "a.pdf", seed: 1), metadata: [:],
                uploadID: nil, importDueAt: nil)
            let annotation = try #require(try AnnotationRecord.fetch(db, id: id))
            for daysAgo in [1.0, 6.9, 7.1, 30] {
                try HookLogStore.insert(
                    db, hook: ["id": 9, "type": "webhook"], annotation: annotation, organizationID: annotation.organizationID, event: "annotation_status", action: "changed",
                    requestID: "r\(daysAgo)", payload: [:], outcome: .success(duration: 0.1),
                    triggeredAt: now.addingTimeInterval(-daysAgo * 86_400), start: now.addingTimeInterval(-daysAgo * 86_400))
            }
            let kept = try HookLogStore.list(db, query: QueryParameters(values: [:]), now: now).compactMap { $0["request_id"]?.stringValue }
            #expect(kept == ["r1.0", "r6.9"])
        }
    }

    @Test func theSameSeedFailsTheSameWay() async throws {
        func failures(_ seed: UInt64) async throws -> [String] {
            try await SandboxHarness.with({ $0.seed = seed; $0.seedsHistory = true }) { sandbox in
                let ids = try await sandbox.results("annotations?queue=3&status=to_review&page_size=15").compactMap { $0["id"] as? Int }
                for id in ids { _ = try await sandbox.post("annotations/\(id)/confirm") }
                let errors = try await logs(sandbox, "log_level=ERROR&page_size=100")
                return errors.map { "\($0["annotation_id"] ?? "-")/\($0["hook_id"] ?? "-")/\($0["status_code"] ?? "-")/\($0["message"] ?? "")" }.sorted()
            }
        }
        let first = try await failures(7)
        #expect(!first.isEmpty)
        #expect(try await failures(7) == first)
    }

    @Test func auditLogsRecordWhoChangedTheStatus() async throws {
        try await SandboxHarness.with({ $0.seedsHistory = true }) { sandbox in
            let id = try #require(try await sandbox.results("annotations?queue=1&status=to_review").first?["id"] as? Int)
            #expect(try await sandbox.post("annotations/\(id)/postpone").status == 204)
            #expect(try await sandbox.request("PATCH", "annotations/\(id)", json: ["status": "to_review"]).status == 200)
            let entries = try await sandbox.results("audit_logs?object_type=annotation&object_id=\(id)")
            #expect(entries.count == 2)
            #expect(entries.allSatisfy { $0["username"] as? String == "demo@rossum.local" && $0["action"] as? String == "update-status" })
            let newest = try #require(entries.first?["content"] as? [String: Any])
            #expect(newest["method"] as? String == "PATCH" && newest["path"] as? String == "api/v1/annotations/\(id)")
            #expect((newest["details"] as? [String: Any])?["status"] as? String == "to_review")

            let page = try await sandbox.get("audit_logs?object_type=annotation&page_size=3")
            #expect((page.object["pagination"] as? [String: Any])?["total"] as? Int ?? 0 > 3, "the seeded history is there")
            #expect(try await sandbox.results("audit_logs?object_type=annotation&username=nobody@example.com").isEmpty)
            #expect(try await sandbox.get("audit_logs").status == 400)
            #expect(try await sandbox.get("audit_logs?object_type=planet").status == 400)
            #expect(try await sandbox.get("audit_logs?object_type=annotation&timestamp_after=soon").status == 400)
            let annotator = try await sandbox.loggedIn(as: "jana.novakova@rossum.local")
            let forbidden = try await annotator.get("audit_logs?object_type=annotation")
            #expect(forbidden.status == 403 && forbidden.detail != nil)
        }
    }

    @Test func automationBlockersAreListedAndSideloaded() async throws {
        try await SandboxHarness.with({ $0.seedsHistory = true }) { sandbox in
            // Every page: which blocker lands on the first one depends on the seeded ids.
            var blockers: [[String: Any]] = []
            for page in 1...50 {
                let answer = try await sandbox.get("automation_blockers?page_size=100&page=\(page)").object
                blockers += answer["results"] as? [[String: Any]] ?? []
                if (answer["pagination"] as? [String: Any])?["next"] is String == false { break }
            }
            #expect(!blockers.isEmpty)
            let types = Set(blockers.flatMap { ($0["content"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String } })
            #expect(types.isSuperset(of: ["low_score", "failed_checks", "is_duplicate"]), "\(types)")

            // A duplicate's invoice was sent before to the same queue, by an annotation that still counts.
            let duplicates = blockers.filter { ($0["content"] as? [[String: Any]] ?? []).contains { $0["type"] as? String == "is_duplicate" } }
            for duplicate in duplicates {
                let url = try #require(duplicate["annotation"] as? String)
                let annotation = try await sandbox.get("annotations/\(url.split(separator: "/").last ?? "")").object
                let queue = try #require((annotation["queue"] as? String)?.split(separator: "/").last)
                let id = try #require(annotation["id"] as? Int)
                let number = try #require(try await sandbox.get("annotations/\(id)/content?schema_id=document_id").object["content"] as? [[String: Any]])
                let invoice = try #require((number.first?["content"] as? [String: Any])?["value"] as? String)
                let sameQueue = try await sandbox.results("annotations?queue=\(queue)&page_size=100&search=\(invoice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? invoice)")
                #expect(sameQueue.contains { $0["id"] as? Int != id && !["deleted", "purged"].contains($0["status"] as? String ?? "") },
                        "#\(id)'s invoice \(invoice) has no live original in queue \(queue)")
            }
            let lowScore = blockers.flatMap { $0["content"] as? [[String: Any]] ?? [] }.first { $0["type"] as? String == "low_score" }
            let sample = (lowScore?["samples"] as? [[String: Any]])?.first?["details"] as? [String: Any]
            #expect((sample?["score"] as? Double ?? 1) < (sample?["threshold"] as? Double ?? 0))

            let blocker = try #require(blockers.first)
            let annotationURL = try #require(blocker["annotation"] as? String)
            let annotationID = try #require(Int(annotationURL.split(separator: "/").last ?? ""))
            let annotation = try await sandbox.get("annotations/\(annotationID)?sideload=automation_blockers").object
            #expect(annotation["automation_blocker"] as? String == blocker["url"] as? String)
            #expect((annotation["automation_blockers"] as? [[String: Any]])?.count == 1)
            #expect(try await sandbox.results("automation_blockers?annotation=\(annotationID)").count == 1)
            #expect(try await sandbox.get("automation_blockers/\(blocker["id"] as? Int ?? 0)").status == 200)
            #expect(try await sandbox.get("automation_blockers/99999999").status == 404)
            #expect(try await sandbox.get("automation_blockers?annotation=abc").status == 400)
        }
    }

    @Test func rejectionNotesAndTheirCRUD() async throws {
        try await SandboxHarness.with { sandbox in
            let id = try #require(try await sandbox.results("annotations?queue=1&status=to_review").first?["id"] as? Int)
            #expect(try await sandbox.post("annotations/\(id)/reject", json: ["note_content": "Wrong supplier"]).status == 200)
            let notes = try await sandbox.results("notes?annotation=\(id)")
            #expect(notes.count == 1 && notes[0]["content"] as? String == "Wrong supplier" && notes[0]["type"] as? String == "rejection")
            #expect((notes[0]["creator"] as? String)?.hasSuffix("/users/1") == true)

            let created = try await sandbox.post("notes", json: ["annotation": sandbox.url("annotations/\(id)"), "content": "Asked the supplier"])
            #expect(created.status == 201)
            let noteID = try #require(created.object["id"] as? Int)
            let patched = try await sandbox.request("PATCH", "notes/\(noteID)", json: ["content": "Supplier answered"])
            #expect(patched.object["content"] as? String == "Supplier answered" && patched.object["modified_at"] is String)
            #expect(try await sandbox.results("notes?annotation=\(id)&ordering=-created_at").first?["id"] as? Int == noteID)
            #expect(try await sandbox.request("DELETE", "notes/\(noteID)").status == 204)
            #expect(try await sandbox.get("notes/\(noteID)").status == 404)

            #expect(try await sandbox.post("notes", json: ["annotation": 99_999_999, "content": "x"]).status == 400)
            #expect(try await sandbox.post("notes", json: ["annotation": id, "type": "praise", "content": "x"]).status == 400)
            #expect(try await sandbox.post("notes", json: ["annotation": id]).status == 400)
            #expect(try await sandbox.post("notes", json: ["annotation": id, "content": String(repeating: "x", count: 5000)]).status == 400)
            #expect(try await sandbox.get("notes?ordering=bogus").status == 400)
            #expect(try await sandbox.request("PUT", "notes").status == 405)
        }
    }

    @Test func pageDataReadsTheDocumentsText() async throws {
        try await SandboxHarness.with { sandbox in
            let annotation = try #require(try await sandbox.results("annotations?queue=1&status=to_review").first)
            let id = try #require(annotation["id"] as? Int)
            let content = try await sandbox.get("annotations/\(id)/content?schema_id=document_id").object["content"] as? [[String: Any]]
            let invoiceNumber = try #require((content?.first?["content"] as? [String: Any])?["value"] as? String)

            let lines = try await sandbox.get("annotations/\(id)/page_data?granularity=lines")
            #expect(lines.status == 200)
            let page = try #require((lines.object["results"] as? [[String: Any]])?.first)
            #expect(page["page_number"] as? Int == 1 && page["granularity"] as? String == "lines")
            let items = page["items"] as? [[String: Any]] ?? []
            #expect(items.contains { $0["text"] as? String == invoiceNumber && ($0["position"] as? [Int])?.count == 4 })
            // Reading order: the invoice number (the first header field) comes first, and a line
            // item is one line holding its cells left to right.
            #expect(items.first?["text"] as? String == invoiceNumber)
            let rows = try await sandbox.get("annotations/\(id)/content?schema_id=line_items").object["content"] as? [[String: Any]]
            let firstRow = ((rows?.first?["children"] as? [[String: Any]])?.first?["children"] as? [[String: Any]]) ?? []
            let cells = firstRow.compactMap { ($0["content"] as? [String: Any])?["value"] as? String }
            #expect(cells.count == 4)
            #expect(items.contains { $0["text"] as? String == cells.joined(separator: "  ") }, "\(cells) in \(items.map { $0["text"] ?? "" })")

            let texts = try await sandbox.get("annotations/\(id)/page_data?granularity=texts&page_numbers=1").object
            let text = (((texts["results"] as? [[String: Any]])?.first?["items"] as? [[String: Any]])?.first)
            #expect((text?["text"] as? String)?.contains(invoiceNumber) == true && text?["position"] == nil)
            let words = try await sandbox.get("annotations/\(id)/page_data?granularity=words").object
            #expect(((words["results"] as? [[String: Any]])?.first?["items"] as? [[String: Any]])?.count ?? 0 >= items.count)
            #expect((try await sandbox.get("annotations/\(id)/page_data?granularity=lines&page_numbers=2,30").object["results"] as? [Any])?.isEmpty == true)

            #expect(try await sandbox.get("annotations/\(id)/page_data").status == 400)
            #expect(try await sandbox.get("annotations/\(id)/page_data?granularity=pixels").status == 400)
            #expect(try await sandbox.get("annotations/\(id)/page_data?granularity=lines&page_numbers=x").status == 400)
            #expect(try await sandbox.get("annotations/99999999/page_data?granularity=lines").status == 404)
        }
    }
}
