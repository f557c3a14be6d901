import Foundation
import Testing

@Suite struct AnnotationTests {
    @Test func listFiltersByStatusQueueAndIdAndOrders() async throws {
        try await SandboxHarness.with { sandbox in
            let mixed = try await sandbox.results("annotations?status=to_review,postponed&page_size=100")
            #expect(!mixed.isEmpty)
            #expect(mixed.allSatisfy { ["to_review", "postponed"].contains($0["status"] as? String) })
            #expect(Set(mixed.compactMap { $0["status"] as? String }).count == 2)

            let inQueue = try await sandbox.results("annotations?queue=2&page_size=100")
            #expect(inQueue.allSatisfy { ($0["queue"] as? String)?.hasSuffix("/queues/2") == true })
            let byURL = try await sandbox.results("annotations?queue=\(sandbox.url("queues/2"))&page_size=100")
            #expect(byURL.count == inQueue.count)

            let picked = try await sandbox.results("annotations?id=3,5,7")
            #expect(picked.compactMap { $0["id"] as? Int } == [3, 5, 7])

            let newest = try await sandbox.results("annotations?ordering=-created_at&page_size=50")
            let stamps = newest.compactMap { $0["created_at"] as? String }
            #expect(stamps == stamps.sorted(by: >))
            let byStatus = try await sandbox.results("annotations?ordering=status,-id&page_size=100")
            let statuses = byStatus.compactMap { $0["status"] as? String }
            #expect(statuses == statuses.sorted())
            #expect(try await sandbox.get("annotations?id=abc").status == 400)
        }
    }

    @Test func sideloadsComeInOneResponseAndFollowTheSDKShape() async throws {
        try await SandboxHarness.with { sandbox in
            let page = try await sandbox.get(
                "annotations?page_size=10&status=exported&ordering=&include_total=true&sideload=documents,content,modifiers&content.schema_id=sender_name,amount_total")
            let results = try #require(page.object["results"] as? [[String: Any]])
            let documents = try #require(page.object["documents"] as? [[String: Any]])
            let content = try #require(page.object["content"] as? [[String: Any]])
            let modifiers = try #require(page.object["modifiers"] as? [[String: Any]])
            #expect(results.count == 10)
            #expect(Set(documents.compactMap { $0["url"] as? String }) == Set(results.compactMap { $0["document"] as? String }))
            #expect(content.count == 20)
            #expect(Set(content.compactMap { $0["schema_id"] as? String }) == ["sender_name", "amount_total"])
            // Datapoint URLs name their annotation: .../annotations/<id>/content/<datapoint id>.
            let annotationURLs = Set(results.compactMap { $0["url"] as? String })
            #expect(content.allSatisfy { annotationURLs.contains(($0["url"] as! String).components(separatedBy: "/content/")[0]) })
            #expect(!modifiers.isEmpty && modifiers.allSatisfy { $0["username"] is String })

            #expect(try await sandbox.get("annotations?sideload=bogus").status == 400)
            // Empty values (as the Python SDK sends them) mean "no sideload".
            let plain = try await sandbox.get("annotations?sideload=&content.schema_id=")
            #expect(plain.object["content"] == nil)
        }
    }

    @Test func contentTreeAndBulkOperations() async throws {
        try await SandboxHarness.with { sandbox in
            let id = try #require(try await sandbox.results("annotations?status=to_review").first?["id"] as? Int)
            let content = try #require(try await sandbox.get("annotations/\(id)/content").object["content"] as? [[String: Any]])
            #expect(content.map { $0["schema_id"] as? String } == ["basic_info_section", "vendor_section", "amounts_section", "line_items_section"])
            func flatten(_ nodes: [[String: Any]]) -> [[String: Any]] {
                nodes.flatMap { [$0] + flatten($0["children"] as? [[String: Any]] ?? []) }
            }
            let nodes = flatten(content)
            let vendor = try #require(nodes.first { $0["schema_id"] as? String == "sender_name" })
            let multivalue = try #require(nodes.first { $0["category"] as? String == "multivalue" })
            let tuples = multivalue["children"] as? [[String: Any]] ?? []
            #expect(!tuples.isEmpty)
            let firstTuple = try #require(tuples.first?["id"] as? Int)

            #expect(try await sandbox.post("annotations/\(id)/start").status == 200)
            let operations = try await sandbox.post("annotations/\(id)/content/operations", json: ["operations": [
                ["op": "replace", "id": vendor["id"]!, "value": ["content": ["value": "Nová Firma s.r.o."], "validation_sources": ["human"]]],
                ["op": "remove", "id": firstTuple],
                ["op": "add", "id": multivalue["id"]!, "value": [["schema_id": "item_description", "content": ["value": "Extra"]]]],
            ]])
            #expect(operations.status == 200)
            let after = flatten(try #require(try await sandbox.get("annotations/\(id)/content").object["content"] as? [[String: Any]]))
            let newVendor = after.first { $0["schema_id"] as? String == "sender_name" }
            #expect((newVendor?["content"] as? [String: Any])?["value"] as? String == "Nová Firma s.r.o.")
            #expect(!after.contains { $0["id"] as? Int == firstTuple })
            #expect(after.contains { ($0["content"] as? [String: Any])?["value"] as? String == "Extra" })
            // The edit is searchable: the header field follows the content.
            let found = try await sandbox.post("annotations/search", json: ["query": ["field.sender_name.string": ["$eq": "Nová Firma s.r.o."]]])
            #expect((found.object["results"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [id])

            let bad = try await sandbox.post("annotations/\(id)/content/operations", json: ["operations": [["op": "replace", "id": 1, "value": [:]]]])
            #expect(bad.status == 400)
            let unchanged = flatten(try #require(try await sandbox.get("annotations/\(id)/content").object["content"] as? [[String: Any]]))
            #expect(unchanged.count == after.count)
        }
    }

    @Test func searchSupportsQueryAndQueryString() async throws {
        try await SandboxHarness.with { sandbox in
            let body: [String: Any] = ["query": ["$and": [["status": ["$in": ["postponed", "rejected"]]], ["queue": ["$eq": sandbox.url("queues/1")]]]]]
            let found = try await sandbox.post("annotations/search?page_size=500", json: body)
            #expect(found.status == 200)
            let results = try #require(found.object["results"] as? [[String: Any]])
            #expect(!results.isEmpty)
            #expect(results.allSatisfy { ["postponed", "rejected"].contains($0["status"] as? String) && ($0["queue"] as? String)?.hasSuffix("/queues/1") == true })
            let text = try await sandbox.post("annotations/search", json: ["query_string": ["string": "GmbH"]])
            #expect((text.object["results"] as? [[String: Any]])?.isEmpty == false)
            #expect(try await sandbox.post("annotations/search", json: [:]).status == 400)
            #expect(try await sandbox.post("annotations/search", json: ["query": ["nonsense": 1]]).status == 400)
        }
    }

    /// Search pages with an opaque `search_after` cursor in `next`, as the API does: following
    /// it yields every match once; a cursor the server did not make is a 400.
    @Test func searchPagesWithASearchAfterCursor() async throws {
        try await SandboxHarness.with { sandbox in
            let body: [String: Any] = ["query": ["status": ["$in": ["exported", "to_review"]]]]
            var page = try await sandbox.post("annotations/search?page_size=40", json: body)
            let total = try #require((page.object["pagination"] as? [String: Any])?["total"] as? Int)
            #expect(total > 80)
            var seen: [Int] = []
            while true {
                seen += (page.object["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                guard let next = (page.object["pagination"] as? [String: Any])?["next"] as? String else { break }
                #expect(next.contains("search_after=") && !next.contains("?page=") && !next.contains("&page="), "\(next)")
                page = try await sandbox.post(next, json: body)
                #expect(page.status == 200)
            }
            #expect(seen.count == total && Set(seen).count == total)
            #expect(try await sandbox.post("annotations/search?search_after=bm9wZQ", json: body).status == 400)
            #expect(try await sandbox.post("annotations/search?search_after=%00%01", json: body).status == 400)
        }
    }

    @Test func patchChangesMetadataAndRefusesUnknownFieldsAndWrongTypes() async throws {
        try await SandboxHarness.with { sandbox in
            let served = try await sandbox.get("annotations/1")
            #expect(served.status == 200)
            let patched = try await sandbox.request("PATCH", "annotations/1", json: ["metadata": ["erp_id": 42]])
            #expect(patched.status == 200)
            #expect((patched.object["metadata"] as? [String: Any])?["erp_id"] as? Int == 42)
            // Echoing a served annotation back (read-only fields included) is fine.
            var echoed = served.object
            echoed["metadata"] = ["echo": true]
            #expect(try await sandbox.request("PUT", "annotations/1", json: echoed).status == 200)
            let unknown = try await sandbox.request("PATCH", "annotations/1", json: ["colour": "red"])
            #expect(unknown.status == 400)
            #expect(unknown.object["colour"] != nil)
            #expect(try await sandbox.request("PATCH", "annotations/1", json: ["metadata": "x"]).status == 400)
            #expect(try await sandbox.request("PATCH", "annotations/1", json: ["status": "flying"]).status == 400)
            #expect(try await sandbox.get("annotations/999999").status == 404)
        }
    }

    @Test func retrieveWithSideloadsAndProcessingDuration() async throws {
        try await SandboxHarness.with { sandbox in
            let annotation = try await sandbox.get("annotations/2?sideload=documents,content&content.schema_id=document_id")
            #expect((annotation.object["documents"] as? [[String: Any]])?.count == 1)
            #expect((annotation.object["content"] as? [[String: Any]])?.first?["schema_id"] as? String == "document_id")
            #expect(try await sandbox.get("annotations/2/processing_duration").status == 200)
        }
    }
}
