import Foundation
import Synchronization
import Testing
@testable import RossumKit

/// Which HTTP method and path each group's methods use (the SDK's own tests pin the same), for
/// the groups the sandbox does not serve: e-mails, engines, rules, hook logs and templates.
@Suite struct EndpointMappingTests {
    let transport = FakeTransport { request, _ in
        let path = request.url
        if path.contains("hooks/logs") { return json(200, #"{"results": [{"hook_id": 5, "log_level": "ERROR"}]}"#) }
        if path.contains("emails/import") { return json(200, #"{"url": "https://x/api/v1/tasks/77"}"#) }
        if path.contains("/copy") { return json(200, #"{"annotation": "https://x/api/v1/annotations/901"}"#) }
        if request.method == "GET", path.contains("page=") || path.hasSuffix("s") {
            return json(200, #"{"pagination": {"total": 1, "total_pages": 1, "next": null}, "results": [{"id": 1}]}"#)
        }
        return json(200, #"{"id": 1}"#)
    }

    func client() throws -> RossumClient {
        try RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"), configuration: .instant(), transport: transport)
    }

    func last() -> String {
        guard let request = transport.requests.last else { return "" }
        return "\(request.method) \(request.url.replacingOccurrences(of: "https://x/api/v1/", with: ""))"
    }

    @Test func groupsTheSandboxDoesNotServe() async throws {
        let client = try client()
        _ = try await client.engines.retrieve(3)
        #expect(last() == "GET engines/3")
        _ = try await client.engines.fields(engineID: 3).collect()
        #expect(last() == "GET engine_fields?page_size=100&engine=3&page=1&include_total=true")
        _ = try await client.engines.queues(engineID: 3).collect()
        #expect(last() == "GET queues?page_size=100&engine=3&page=1&include_total=true")
        _ = try await client.rules.partialUpdate(4, ["enabled": false])
        #expect(last() == "PATCH rules/4")
        _ = try await client.rules.executionLogs(filters: ["rule": 4]).collect()
        #expect(last() == "GET rules_execution_logs?page_size=100&rule=4&page=1&include_total=true")
        let logs = try await client.hooks.runData(filters: ["hook": 5])
        #expect(logs.first?.logLevel == "ERROR")
        #expect(last() == "GET hooks/logs?hook=5")
        _ = try await client.hooks.template(2)
        #expect(last() == "GET hook_templates/2")
        _ = try await client.emails.retrieve(6)
        #expect(last() == "GET emails/6")
        let task = try await client.emails.importEmail(rawMessage: Array("Subject: hi\r\n\r\nbody".utf8), recipient: "in@x.rossum.app")
        #expect(task == "https://x/api/v1/tasks/77")
        #expect(last() == "POST emails/import")
        #expect(transport.requests.last?.header("Content-Type")?.hasPrefix("multipart/form-data; boundary=") == true)
        _ = try await client.emailTemplates.create(["name": "t"])
        #expect(last() == "POST email_templates")
        _ = try await client.organizations.limits(1)
        #expect(last() == "GET organizations/1/limits")
        _ = try await client.documentRelations.update(8, ["type": "export"])
        #expect(last() == "PUT document_relations/8")
        _ = try await client.relations.create(["type": "duplicate"])
        #expect(last() == "POST relations")
        #expect(try await client.annotations.copy(9, toQueue: 2, status: .toReview) == 901)
        #expect(last() == "POST annotations/9/copy")
        let body = try #require(transport.requests.last?.body)
        #expect(String(decoding: body, as: UTF8.self) == #"{"target_queue":"https://x/api/v1/queues/2","target_status":"to_review"}"#)
        _ = try await client.tasks.retrieve(77)
        #expect(last() == "GET tasks/77?no_redirect=True")
    }

    @Test func listsCanBeConsumedInsideAnActor() async throws {
        actor Screen {
            var names: [Int] = []
            func load(_ client: RossumClient) async throws {
                for try await workspace in client.workspaces.list() { names.append(workspace.id) }
            }
        }
        let screen = Screen()
        try await screen.load(try client())
        #expect(await screen.names == [1])
    }
}
