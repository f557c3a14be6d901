import Foundation
import Testing

@Suite struct DeletionTests {
    @Test func aDeletedQueueIsKeptAsDeletionRequestedThenRemoved() async throws {
        // Long enough that a loaded machine still lists the queue before it goes; the wait for
        // its removal below is a deadline, not a sleep.
        try await SandboxHarness.with({ $0.queueDeletionDelay = .seconds(2) }) { sandbox in
            let workspace = try #require(try await sandbox.results("workspaces").first?["url"] as? String)
            let created = try await sandbox.post("queues", json: ["name": "Doomed", "workspace": workspace, "schema": "1"])
            let id = try #require(created.object["id"] as? Int)
            #expect(try await sandbox.request("DELETE", "queues/\(id)").status == 204)
            let pending = try await sandbox.get("queues/\(id)")
            #expect(pending.status == 200 && pending.object["status"] as? String == "deletion_requested")
            #expect(pending.object["delete_after"] is String)
            #expect(try await sandbox.results("queues?status=deletion_requested").map { $0["id"] as? Int } == [id])
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
