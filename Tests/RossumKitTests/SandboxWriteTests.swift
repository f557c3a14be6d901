import Foundation
import Testing
import RossumKit
import RossumSandbox

/// Writing through the client against a private sandbox: the annotation lifecycle, content,
/// CRUD of the other groups, uploads and documents.
@Suite struct SandboxWriteTests {
    func client(_ server: SandboxServer) throws -> RossumClient {
        try SharedSandbox.client(server) { configuration in
            configuration.sleep = { _ in await Task.yield() }  // polls do not wait for real
        }
    }

    func first(_ client: RossumClient, _ status: String) async throws -> Annotation {
        try #require(try await client.annotations.list(filters: ["status": QueryValue(status)], maxPages: 1).firstPage().results.first)
    }

    @Test func annotationLifecycle() async throws {
        try await withSandbox({ _ in }) { server in
            let client = try client(server)
            let annotations = client.annotations
            let a = try await first(client, "to_review")
            try await annotations.start(a.id)
            #expect(try await annotations.retrieve(a.id).status == .reviewing)
            try await annotations.cancel(a.id)
            #expect(try await annotations.retrieve(a.id).status == .toReview)
            try await annotations.postpone(a.id)
            #expect(try await annotations.retrieve(a.id).status == .postponed)
            try await annotations.confirm(a.id)
            let confirmed = try await annotations.retrieve(a.id).status
            #expect([.confirmed, .exporting, .exported].contains(confirmed))

            let b = try await first(client, "to_review")
            try await annotations.reject(b.id, note: "wrong supplier")
            #expect(try await annotations.retrieve(b.id).status == .rejected)
            try await annotations.delete(b.id)
            #expect(try await annotations.retrieve(b.id).status == .deleted)
            let conflict = await #expect(throws: RossumError.self) { try await annotations.confirm(b.id) }
            #expect(conflict?.status == 409)
            try await annotations.purgeDeleted(annotationIDs: [b.id])
            let purged = try await annotations.poll(b.id) { $0.status == .purged }
            #expect(purged.status == .purged)

            let failed = try await first(client, "failed_export")
            #expect(try await annotations.requeue(failed.id).status == .toReview)
            let waiting = try await first(client, "in_workflow")
            try await annotations.approve(waiting.id)
            #expect(try await annotations.retrieve(waiting.id).status != .inWorkflow)

            let patched = try await annotations.partialUpdate(a.id, ["metadata": ["checked_by": "kit"]])
            #expect(patched.metadata?["checked_by"] == "kit")
            let duration = try await annotations.processingDuration(a.id)
            #expect(duration.annotation != nil || duration.timeSpentOverall != nil)
        }
    }

    @Test func contentOperations() async throws {
        try await withSandbox({ _ in }) { server in
            let client = try client(server)
            let a = try await first(client, "to_review")
            let content = try await client.annotations.content(a.id)
            let datapoint = try #require(content.flatMap(\.children).first { $0.category == "datapoint" })
            let datapointID = try #require(datapoint.id)
            // Content is edited within one's own review, as the web app does.
            try await client.annotations.start(a.id)
            try await client.annotations.bulkUpdateContent(a.id, operations: [
                ["op": "replace", "id": .string(String(datapointID)), "value": ["content": ["value": "changed by kit"]]],
            ])
            let after = try await client.annotations.content(a.id).flatMap(\.children).first { $0.id == datapointID }
            #expect(after?.content?.value == "changed by kit")
        }
    }

    @Test func resourceGroupsCreateUpdateDelete() async throws {
        try await withSandbox({ _ in }) { server in
            let client = try client(server)
            let organization = try await client.organizations.own()
            let workspace = try await client.workspaces.create(["name": "Kit workspace", "organization": .string(organization.url ?? "")])
            #expect(workspace.name == "Kit workspace")
            let renamed = try await client.workspaces.partialUpdate(workspace.id, ["name": "Kit workspace 2"])
            #expect(renamed.name == "Kit workspace 2")
            let schema = try #require(try await client.schemas.list().firstPage().results.first)
            let queue = try await client.queues.create([
                "name": "Kit queue", "workspace": .string(workspace.url ?? ""), "schema": .string(schema.url ?? ""),
            ])
            #expect(queue.workspace == workspace.url)
            let updated = try await client.queues.partialUpdate(queue.id, ["locale": "en_US"])
            #expect(updated.locale == "en_US")
            let hook = try await client.hooks.create([
                "name": "Kit hook", "type": "webhook", "queues": [.string(queue.url ?? "")], "events": ["annotation_status.changed"],
                "config": ["url": "https://example.com/hook"], "active": true,
            ])
            #expect(try await client.hooks.partialUpdate(hook.id, ["active": false]).active == false)
            try await client.hooks.delete(hook.id)
            let gone = await #expect(throws: RossumError.self) { _ = try await client.hooks.retrieve(hook.id) }
            #expect(gone?.status == 404)
            try await client.queues.delete(queue.id)
            try await client.workspaces.delete(workspace.id)
        }
    }

    @Test func uploadWaitUntilImportedAndDocuments() async throws {
        try await withSandbox({ _ in }) { server in
            let client = try client(server)
            let queue = try #require(try await client.queues.list().firstPage().results.first)
            let pdf = Array("%PDF-1.4\n% kit test\n".utf8)
            let annotation = try await client.annotations.uploadAndWaitUntilImported(
                queueID: queue.id, file: UploadFile(filename: "kit-invoice.pdf", data: pdf))
            #expect(annotation.status != .importing)
            #expect(annotation.queue?.url.flatMap { URLText.id(in: $0) } == queue.id)
            let documentID = try #require(annotation.document?.url.flatMap { URLText.id(in: $0) })
            let document = try await client.documents.retrieve(documentID)
            #expect(document.originalFileName == "kit-invoice.pdf")
            #expect(try await client.documents.content(documentID) == pdf)

            let tasks = try await client.uploads.upload(queueID: queue.id, files: [
                UploadFile(filename: "a.pdf", data: pdf), UploadFile(filename: "b.pdf", data: pdf),
            ], metadata: ["source": "kit"])
            #expect(tasks.count == 2)
            for task in tasks {
                let done = try await client.tasks.waitUntilDone(task.id)
                #expect(done.status == .succeeded)
                #expect(done.uploadID != nil)
            }

            let created = try await client.documents.create(fileName: "note.txt", data: Array("hello".utf8), metadata: ["k": "v"])
            #expect(created.originalFileName == "note.txt")
            #expect(try await client.documents.content(created.id) == Array("hello".utf8))
        }
    }
}
