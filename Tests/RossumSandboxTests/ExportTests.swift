import Foundation
import Testing

@Suite struct ExportTests {
    @Test func jsonExportIsPaginatedAndEmbedsContent() async throws {
        try await SandboxHarness.with { sandbox in
            let expected = try await sandbox.get("annotations?queue=1&status=exported&page_size=1")
            let total = try #require((expected.object["pagination"] as? [String: Any])?["total"] as? Int)
            let page = try await sandbox.get("queues/1/export?format=json&status=exported&page_size=5")
            #expect(page.status == 200)
            #expect((page.object["pagination"] as? [String: Any])?["total"] as? Int == total)
            let results = try #require(page.object["results"] as? [[String: Any]])
            #expect(results.count == min(5, total))
            #expect((results.first?["content"] as? [[String: Any]])?.first?["category"] as? String == "section")
            #expect(try await sandbox.get("queues/999/export").status == 404)
            #expect(try await sandbox.get("queues/1/export?format=pdf").status == 400)
        }
    }

    @Test func csvIsStreamedWithARowPerLineItem() async throws {
        try await SandboxHarness.with { sandbox in
            let csv = try await sandbox.get("queues/3/export?format=csv&status=exported")
            #expect(csv.status == 200)
            #expect(csv.headers["Content-Type"].first?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("annotation_id,status,original_file_name,document_id") == true)
            let exported = try await sandbox.get("annotations?queue=3&status=exported&page_size=1")
            let total = (exported.object["pagination"] as? [String: Any])?["total"] as? Int ?? 0
            #expect(lines.count - 1 >= total)
            #expect(Set(lines.dropFirst().map { $0.split(separator: ",")[0] }).count == total)
            #expect(csv.text.contains("GmbH"))
        }
    }

    @Test func xmlExportAndPostWithToStatusMovesAnnotations() async throws {
        try await SandboxHarness.with { sandbox in
            let xml = try await sandbox.get("queues/1/export?format=xml&id=1,2,3")
            #expect(xml.text.hasPrefix("<?xml"))
            #expect(xml.text.contains("<datapoint schema_id=\"sender_name\""))

            let target = try #require(try await sandbox.results("annotations?queue=1&status=to_review").first?["id"] as? Int)
            #expect(try await sandbox.get("queues/1/export?format=json&id=\(target)&to_status=exported").status == 405)
            let moved = try await sandbox.post("queues/1/export?format=json&id=\(target)&to_status=exported")
            #expect(moved.status == 200)
            #expect(((moved.object["results"] as? [[String: Any]])?.first)?["status"] as? String == "exported")
            #expect(try await sandbox.get("annotations/\(target)").object["status"] as? String == "exported")
        }
    }
}
