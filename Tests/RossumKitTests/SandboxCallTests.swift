import Foundation
import Testing
import RossumKit
import RossumSandbox

/// The calls beyond CRUD that support staff use, against a private sandbox: e-mail import and
/// retrieval, running hooks on demand, copying and assigning annotations.
@Suite struct SandboxCallTests {
    @Test func importedEmailIsRetrievedWithItsAnnotation() async throws {
        try await withSandbox({ _ in }) { server in
            let client = try SharedSandbox.client(server)
            let raw = """
                From: "Acme" <billing@acme.example>\r
                To: sandbox-1@sandbox.rossum.local\r
                Subject: Invoice 7\r
                Content-Type: multipart/mixed; boundary="b"\r
                \r
                --b\r
                Content-Type: application/pdf; name="invoice-7.pdf"\r
                \r
                %PDF-1.4 seven\r
                --b--\r

                """
            let taskURL = try await client.emails.importEmail(rawMessage: Array(raw.utf8), recipient: "sandbox-1@sandbox.rossum.local")
            #expect(taskURL.contains("/tasks/"))
            let emails = try await client.emails.list(filters: ["subject": "Invoice 7"]).firstPage().results
            let email = try #require(emails.first)
            #expect(try await client.emails.retrieve(email.id).annotations.count == 1)
            let annotation = try await client.annotations.retrieve(try #require(URLText.id(in: email.annotations[0])))
            #expect(annotation.email == email.url)
        }
    }

    @Test func hookPayloadIsGeneratedTestedAndInvoked() async throws {
        try await withSandbox({ _ in }) { server in
            let client = try SharedSandbox.client(server)
            let hook = try await client.hooks.create([
                "name": "Kit", "events": ["annotation_content.updated", "invocation.manual"],
                "config": ["url": "https://example.com/kit"], "queues": [],
            ])
            let annotation = try #require(try await client.annotations.list(filters: ["status": "to_review"], maxPages: 1).firstPage().results.first)
            let payload = try await client.hooks.generatePayload(
                hook.id, event: "annotation_content", action: "updated", objects: ["annotation": .string(annotation.url ?? "")])
            #expect(payload["annotation"]?["id"] == .number(Double(annotation.id)))
            let reply = try await client.hooks.test(hook.id, payload: payload)
            #expect(reply["messages"]?.arrayValue != nil)
            let invoked = try await client.hooks.invoke(hook.id, fields: ["note": "kit"])
            #expect(invoked["operations"]?.arrayValue != nil)
            let logs = try await client.hooks.runData(filters: ["hook": .init(hook.id)])
            #expect(logs.count == 1, "only the invocation is a logged run")
        }
    }

    @Test func annotationIsCopiedAndAssigned() async throws {
        try await withSandbox({ _ in }) { server in
            let client = try SharedSandbox.client(server)
            let annotation = try #require(try await client.annotations.list(filters: ["status": "to_review", "queue": "1"], maxPages: 1).firstPage().results.first)
            let copyID = try await client.annotations.copy(annotation.id, toQueue: 2, status: .postponed)
            let copy = try await client.annotations.retrieve(copyID)
            #expect(copy.status == .postponed && copy.document == annotation.document)
            try await client.annotations.assign(copyID, to: [2, 3], note: "please check")
            let assigned = try await client.annotations.retrieve(copyID)
            #expect(assigned.assignees.compactMap { URLText.id(in: $0) } == [2, 3])
        }
    }
}
