import Foundation
import Testing
@testable import RossumSandbox

/// Who changed a status, what the audit log says about it, and search text taken literally.
@Suite struct StatusAndSearchFidelityTests {
    func total(_ sandbox: SandboxHarness, _ path: String) async throws -> Int? {
        let response = try await sandbox.get(path)
        #expect(response.status == 200, "GET \(path): \(response.text.prefix(300))")
        return (response.object["pagination"] as? [String: Any])?["total"] as? Int
    }

    @Test func searchTextIsLiteral() async throws {
        try await SandboxHarness.with { sandbox in
            let all = try #require(try await total(sandbox, "annotations"))
            #expect(all > 0)
            #expect(try await total(sandbox, "annotations?search=%25") == 0, "% is a percent sign, not everything")
            #expect(try await total(sandbox, "annotations?search=a%25b") == 0)
            #expect(try await total(sandbox, "annotations?search=__") == 0, "no seeded name holds two underscores")
            // A supplier named with both characters is found by them, and only it.
            let id = try #require(try await sandbox.results("annotations?status=to_review&page_size=1").first?["id"] as? Int)
            let vendor = try await datapointID(sandbox, id, "sender_name")
            #expect(try await sandbox.post("annotations/\(id)/start").status == 200)
            let renamed = try await sandbox.post("annotations/\(id)/content/operations", json: ["operations": [
                ["op": "replace", "id": vendor, "value": ["content": ["value": "Big__Sale 100% s.r.o."]]],
            ]])
            #expect(renamed.status == 200, "\(renamed.text.prefix(300))")
            #expect(try await sandbox.results("annotations?search=__Sale%20100%25").compactMap { $0["id"] as? Int } == [id])

            for (operatorName, text) in [("$startsWith", "%%"), ("$anyTokenStartsWith", "__"), ("$containsPrefixes", "%")] {
                let search = try await sandbox.post("annotations/search", json: ["query": ["field.document_id.string": [operatorName: text]]])
                #expect(search.status == 200, "\(search.text.prefix(300))")
                #expect((search.object["results"] as? [Any])?.count == 0, "\(operatorName) \(text)")
            }
            let words = try await sandbox.post("annotations/search", json: ["query_string": ["string": "% Big__"]])
            #expect((words.object["results"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [id], "only the renamed supplier")
        }
    }

    func datapointID(_ sandbox: SandboxHarness, _ id: Int, _ schemaID: String) async throws -> Int {
        let content = try await sandbox.get("annotations/\(id)/content").object["content"] as? [[String: Any]] ?? []
        func find(_ nodes: [[String: Any]]) -> Int? {
            for node in nodes {
                if node["schema_id"] as? String == schemaID { return node["id"] as? Int }
                if let found = find(node["children"] as? [[String: Any]] ?? []) { return found }
            }
            return nil
        }
        return try #require(find(content))
    }

    @Test func aStatusPatchMakesThePatcherTheModifier() async throws {
        try await SandboxHarness.with { sandbox in
            let jana = try await sandbox.loggedIn(as: "jana.novakova@rossum.local")
            let me = try #require(try await jana.get("auth/user").object["url"] as? String)
            let id = try #require(try await sandbox.results("annotations?status=to_review&page_size=1").first?["id"] as? Int)
            let before = try await sandbox.get("annotations/\(id)").object
            let patched = try await jana.request("PATCH", "annotations/\(id)", json: ["status": "postponed"])
            #expect(patched.status == 200)
            let after = try await sandbox.get("annotations/\(id)").object
            #expect(after["status"] as? String == "postponed")
            #expect(after["modifier"] as? String == me, "modifier: \(after["modifier"] ?? "nil")")
            #expect(after["modified_by"] as? String == me)
            #expect((after["modified_at"] as? String ?? "") > (before["modified_at"] as? String ?? ""))
            #expect(patched.object["modifier"] as? String == me, "the PATCH answer shows the new modifier")
        }
    }

    @Test func theAuditLogDetailsHoldWhatTheRequestSent() async throws {
        try await SandboxHarness.with { sandbox in
            let id = try #require(try await sandbox.results("annotations?status=to_review&page_size=1").first?["id"] as? Int)
            #expect(try await sandbox.post("annotations/\(id)/postpone").status == 204)
            #expect(try await sandbox.request("PATCH", "annotations/\(id)", json: ["status": "to_review"]).status == 200)
            let entries = try await sandbox.results("audit_logs?object_type=annotation&object_id=\(id)")
            let requests = entries.compactMap { $0["content"] as? [String: Any] }
            let patch = try #require(requests.first { $0["method"] as? String == "PATCH" })
            #expect(patch["details"] as? [String: String] == ["status": "to_review"], "\(patch)")
            let postpone = try #require(requests.first { ($0["path"] as? String)?.hasSuffix("/postpone") == true })
            #expect((postpone["details"] as? [String: Any])?.isEmpty == true, "an action sends no body: \(postpone)")
        }
    }
}
