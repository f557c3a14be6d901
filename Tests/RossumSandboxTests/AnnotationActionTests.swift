import Foundation
import Testing

@Suite struct AnnotationActionTests {
    @Test func copyMakesAnAnnotationOfTheSameDocumentInTheTargetQueue() async throws {
        try await SandboxHarness.with { sandbox in
            let original = try #require(try await sandbox.results("annotations?status=to_review&queue=1").first)
            let id = try #require(original["id"] as? Int)
            // An edit made before the copy travels with it (edits need the annotation in one's review).
            #expect(try await sandbox.post("annotations/\(id)/start").status == 200)
            let content = try await sandbox.get("annotations/\(id)/content").object["content"] as? [[String: Any]]
            let datapoint = try #require(((content?.first?["children"] as? [[String: Any]])?.first)?["id"] as? Int)
            let edit = try await sandbox.post("annotations/\(id)/content/operations", json: [
                "operations": [["op": "replace", "id": datapoint, "value": ["content": ["value": "EDITED-42"]]]],
            ])
            #expect(edit.status == 200)
            #expect(try await sandbox.post("annotations/\(id)/cancel").status == 204)

            let copied = try await sandbox.post("annotations/\(id)/copy", json: ["target_queue": "queues/2", "target_status": "postponed"])
            #expect(copied.status == 200, "\(copied.text)")
            let copyURL = try #require(copied.object["annotation"] as? String)
            let copy = try await sandbox.get(copyURL).object
            #expect((copy["queue"] as? String)?.hasSuffix("/queues/2") == true)
            #expect(copy["status"] as? String == "postponed")
            #expect(copy["document"] as? String == original["document"] as? String)
            #expect(copy["id"] as? Int != id)
            let copyContent = try await sandbox.get(copyURL + "/content").text
            #expect(copyContent.contains("EDITED-42"))
            #expect(try await sandbox.get("annotations/\(id)").object["status"] as? String == "to_review", "the original stays")

            let same = try await sandbox.post("annotations/\(id)/copy", json: ["target_queue": "queues/3"])
            let sameStatus = try await sandbox.get(try #require(same.object["annotation"] as? String)).object["status"] as? String
            #expect(sameStatus == "to_review")

            let reimported = try await sandbox.post("annotations/\(id)/copy?reimport=true", json: ["target_queue": "queues/1"])
            let reimportURL = try #require(reimported.object["annotation"] as? String)
            #expect(try await eventually { try await sandbox.get(reimportURL).object["status"] as? String == "to_review" })

            #expect(try await sandbox.post("annotations/\(id)/copy", json: [:]).status == 400)
            #expect(try await sandbox.post("annotations/\(id)/copy", json: ["target_queue": "queues/999"]).status == 400)
            #expect(try await sandbox.post("annotations/\(id)/copy", json: ["target_queue": "queues/2", "target_status": "nope"]).status == 400)
            #expect(try await sandbox.post("annotations/99999999/copy", json: ["target_queue": "queues/2"]).status == 404)
        }
    }

    @Test func assignSetsTheAssigneesOfOneAnnotation() async throws {
        try await SandboxHarness.with { sandbox in
            let annotation = try #require(try await sandbox.results("annotations?status=to_review").first)
            let url = try #require(annotation["url"] as? String)
            let users = try await sandbox.results("users?page_size=100").compactMap { $0["url"] as? String }
            let assigned = try await sandbox.post("annotations/assign", json: ["annotations": [url], "assignees": [users[1], users[2]], "note_content": "Please check"])
            #expect(assigned.status == 204, "\(assigned.text)")
            let after = try await sandbox.get(url).object
            #expect(after["assignees"] as? [String] == [users[1], users[2]])
            #expect(after["assigned_at"] as? String != nil)
            let id = try #require(annotation["id"] as? Int)
            let filtered = try await sandbox.results("annotations?id=\(id)")
            #expect(filtered.first?["assignees"] as? [String] == [users[1], users[2]])

            #expect(try await sandbox.post("annotations/assign", json: ["annotations": [url]]).status == 400)
            #expect(try await sandbox.post("annotations/assign", json: ["annotations": [url, url], "assignees": [users[1]]]).status == 400)
            #expect(try await sandbox.post("annotations/assign", json: ["annotations": [url], "assignees": ["users/99999"]]).status == 400)
        }
    }
}
