import Foundation
import Testing

@Suite struct DeletionTests {
    @Test func aDeletedQueueIsKeptAsDeletionRequestedThenRemoved() async throws {
        // Two sandboxes, so no assertion races the clock: one keeps the deleted queue far longer
        // than any test runs (what is listed meanwhile), the other removes it at once (the
        // removal, awaited with a deadline).
        func deleteAQueue(_ sandbox: SandboxHarness) async throws -> Int {
            let workspace = try #require(try await sandbox.results("workspaces").first?["url"] as? String)
            let created = try await sandbox.post("queues", json: ["name": "Doomed", "workspace": workspace, "schema": "1"])
            let id = try #require(created.object["id"] as? Int)
            #expect(try await sandbox.request("DELETE", "queues/\(id)").status == 204)
            return id
        }
        try await SandboxHarness.with({ $0.queueDeletionDelay = .seconds(3600) }) { sandbox in
            let id = try await deleteAQueue(sandbox)
            let pending = try await sandbox.get("queues/\(id)")
            #expect(pending.status == 200 && pending.object["status"] as? String == "deletion_requested")
            #expect(pending.object["delete_after"] is String)
            #expect(try await sandbox.results("queues?status=deletion_requested").map { $0["id"] as? Int } == [id])
        }
        try await SandboxHarness.with({ $0.queueDeletionDelay = .milliseconds(50) }) { sandbox in
            let id = try await deleteAQueue(sandbox)
            #expect(try await eventually(timeout: .seconds(30)) { try await sandbox.get("queues/\(id)").status == 404 })
            #expect(try await sandbox.request("DELETE", "queues/\(id)").status == 404)
        }
    }

    @Test func deletingADocumentRemovesItsAnnotations() async throws {
        try await SandboxHarness.with { sandbox in
            let annotation = try #require(try await sandbox.results("annotations?status=to_review").first)
            let documentURL = try #require(annotation["document"] as? String)
            #expect(try await sandbox.request("DELETE", documentURL).status == 204)
            #expect(try await sandbox.get(documentURL).status == 404)
            #expect(try await sandbox.get("annotations/\(annotation["id"] as! Int)").status == 404)
            #expect(try await sandbox.request("DELETE", documentURL).status == 404)
            #expect(try await sandbox.request("DELETE", "documents/abc").status == 404)
        }
    }

    @Test func aDeletedDocumentTakesItsAnnotationsBlockersAndNotes() async throws {
        try await SandboxHarness.with({ $0.seedsHistory = true }) { sandbox in
            let blocker = try #require(try await sandbox.results("automation_blockers").first)
            let annotationID = try #require((blocker["annotation"] as? String)?.split(separator: "/").last.flatMap { Int($0) })
            let note = try await sandbox.post("notes", json: ["annotation": annotationID, "content": "Asked the supplier"])
            #expect(note.status == 201)
            let documentURL = try #require(try await sandbox.get("annotations/\(annotationID)").object["document"] as? String)
            #expect(try await sandbox.request("DELETE", documentURL).status == 204)
            #expect(try await sandbox.get("automation_blockers/\(blocker["id"] as? Int ?? 0)").status == 404)
            #expect(try await sandbox.results("automation_blockers?annotation=\(annotationID)").isEmpty)
            #expect(try await sandbox.results("notes?annotation=\(annotationID)").isEmpty)
            #expect(try await sandbox.get("notes/\(note.object["id"] as? Int ?? 0)").status == 404)
        }
    }
}
