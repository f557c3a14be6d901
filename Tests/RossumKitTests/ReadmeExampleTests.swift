import Foundation
import Testing
import RossumKit
import RossumSandbox

/// The README's example, step by step, against a sandbox: what the README shows compiles and works.
@Suite struct ReadmeExampleTests {
    @Test func theReadmeFlowRuns() async throws {
        try await withSandbox({ $0.dataHubTimings = DataHubTimings(queued: .milliseconds(20), processing: .milliseconds(20)) }) { server in
            let client = try RossumClient(
                baseURL: server.apiURL,
                credentials: .credentials(username: SharedSandbox.configuration.username, password: SharedSandbox.configuration.password))
            let queue = try #require(try await client.queues.list().firstPage().results.first)
            let queueID = QueryValue(queue.id)

            var listed = 0
            for try await annotation in client.annotations.list(
                filters: ["status": ["to_review"], "queue": queueID], ordering: ["-created_at"], sideloads: [.documents]
            ) {
                #expect(annotation.document?.object?.originalFileName != nil)
                listed += 1
            }
            #expect(listed > 0)
            let found = try client.annotations.search(query: ["$and": [["status": ["$in": ["to_review", "postponed"]]]]])
            var foundCount = 0
            for try await _ in found { foundCount += 1 }
            #expect(foundCount > 0)
            let target = try #require(try await client.annotations.list(filters: ["status": "to_review"], maxPages: 1).firstPage().results.first)
            let one = try await client.annotations.retrieve(target.id, sideloads: [.content])
            #expect(one.content?.object != nil)
            try await client.annotations.confirm(target.id)
            let imported = try await client.annotations.pollUntilImported(target.id)
            #expect(imported.status != .importing)

            let pdfURL = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString).pdf")
            try Data("%PDF-1.4\n".utf8).write(to: pdfURL)
            defer { try? FileManager.default.removeItem(at: pdfURL) }
            let tasks = try await client.uploads.upload(queueID: queue.id, files: [UploadFile(contentsOf: pdfURL)])
            let task = try await client.tasks.waitUntilDone(tasks[0].id, pollEvery: .milliseconds(20))
            #expect(task.status == .succeeded)

            let organizationURL = try await client.organizations.own().url ?? ""
            let workspace = try await client.workspaces.create(["name": "My Workspace", "organization": .string(organizationURL)])
            #expect(try await client.queues.list(filters: ["workspace": QueryValue(workspace.id)]).collect().isEmpty)
            var exported = 0
            for try await _ in client.queues.exportJSON(queue.id, filters: ["status": "exported"]) { exported += 1 }
            #expect(exported > 0)

            let json = try await client.requestJSON("GET", "auth/user")
            #expect(json["username"] != nil)

            let operationID = try await client.masterDataHub.update(
                "suppliers", from: .records([["supplier_id": "SUP-000001", "name": "ACME"]]), idKeys: ["supplier_id"])
            var last: RossumKit.DatasetOperationStatus?
            for try await operation in client.masterDataHub.waitForOperation(operationID, pollEvery: .milliseconds(20)) {
                last = operation.status
            }
            #expect(last == .finished)
            let rows = try await client.dataStorage.find("suppliers", query: ["supplier_id": "SUP-000001"], sort: ["supplier_id": 1], limit: 10)
            #expect(rows.first?["name"] == "ACME")

            let file = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: file) }
            let seen = ProgressLog()
            try await client.dataStorage.downloadCollection("suppliers", to: file) { progress in
                seen.add(progress)
            }
            #expect(seen.all.last?.records == seen.all.last?.total)
        }
    }
}
