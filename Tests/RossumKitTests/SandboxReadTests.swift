import Foundation
import Testing
import RossumKit
import RossumSandbox

/// The client against the real in-process sandbox: authentication, paging, sideloads, search,
/// and reading every resource group the sandbox serves.
@Suite struct SandboxReadTests {
    @Test func credentialsAndTokenBothWork() async throws {
        let server = try await SharedSandbox.start()
        let client = try SharedSandbox.client(server)
        let token = try await client.token()
        #expect(!token.isEmpty)
        let me = try await client.users.current()
        #expect(me.username == SharedSandbox.configuration.username)

        let byToken = try RossumClient(baseURL: server.apiURL, credentials: .token(token))
        #expect(try await byToken.users.current().id == me.id)

        let wrong = try RossumClient(baseURL: server.apiURL, credentials: .token("not-a-valid-token"))
        let error = await #expect(throws: RossumError.self) { _ = try await wrong.users.current() }
        #expect(error?.status == 401)
        #expect(!"\(String(describing: error))".contains("not-a-valid-token"))

        let badPassword = try RossumClient(baseURL: server.apiURL, credentials: .credentials(username: "demo@rossum.local", password: "nope-wrong"))
        let loginError = await #expect(throws: RossumError.self) { try await badPassword.authenticate() }
        guard case .authentication? = loginError else {
            Issue.record("expected an authentication error, got \(String(describing: loginError))")
            return
        }
    }

    @Test func listingEveryAnnotationKeepsPageOrder() async throws {
        let server = try await SharedSandbox.start()
        let client = try SharedSandbox.client(server) { $0.pageSize = 50 }
        let first = try await client.annotations.list(ordering: ["id"]).firstPage()
        let total = try #require(first.total)
        #expect(total > 100)
        let ids = try await client.annotations.list(ordering: ["id"]).collect().map(\.id)
        #expect(ids.count == total)
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        let descending = try await client.annotations.list(ordering: ["-id"], maxPages: 2).collect().map(\.id)
        #expect(descending.count == 100)
        #expect(descending == Array(ids.reversed().prefix(100)))
    }

    @Test func filtersSideloadsAndSearch() async throws {
        let server = try await SharedSandbox.start()
        let client = try SharedSandbox.client(server)
        let toReview = try await client.annotations.list(filters: ["status": "to_review"], sideloads: [.documents, .queues]).collect()
        #expect(!toReview.isEmpty)
        #expect(toReview.allSatisfy { $0.status == .toReview })
        #expect(toReview.allSatisfy { $0.document?.object != nil })
        #expect(toReview.allSatisfy { $0.queue?.object?.name != nil })
        #expect(toReview.allSatisfy { $0.content?.url != nil })
        // content sideloads are heavy: one short page of them
        let small = try SharedSandbox.client(server) { $0.pageSize = 5 }
        let withContent = try await small.annotations.list(filters: ["status": "to_review"], sideloads: [.content], maxPages: 1).collect()
        #expect(withContent.count == 5)
        #expect(withContent.allSatisfy { !($0.content?.object ?? []).isEmpty })
        #expect(withContent.allSatisfy { annotation in
            (annotation.content?.object ?? []).allSatisfy { $0.url.flatMap { URLText.id(in: $0, after: "annotations") } == annotation.id }
        })

        let twoStatuses = try await client.annotations.list(filters: ["status": ["to_review", "postponed"]]).collect()
        #expect(Set(twoStatuses.compactMap(\.status)) == [.toReview, .postponed])

        let found = try await client.annotations.search(query: ["$and": [["status": ["$in": ["postponed"]]]]]).collect()
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.status == .postponed })
        #expect(Set(found.map(\.id)) == Set(twoStatuses.filter { $0.status == .postponed }.map(\.id)))
        #expect(throws: RossumError.self) { _ = try client.annotations.search() }

        let one = try await client.annotations.retrieve(toReview[0].id, sideloads: [.documents, .content, .queues])
        #expect(one.document?.object?.id == toReview[0].document?.object?.id)
        #expect(one.content?.object != nil)
        let content = try await client.annotations.content(one.id)
        #expect(!content.isEmpty)
    }

    @Test func everyServedResourceGroupReads() async throws {
        let server = try await SharedSandbox.start()
        let client = try SharedSandbox.client(server)
        let workspaces = try await client.workspaces.list().collect()
        #expect(workspaces.count >= 3)
        #expect(try await client.workspaces.retrieve(workspaces[0].id).name == workspaces[0].name)
        let queues = try await client.queues.list(filters: ["workspace": QueryValue(workspaces[0].id)]).collect()
        #expect(!queues.isEmpty)
        #expect(queues.allSatisfy { $0.workspace.flatMap { URLText.id(in: $0) } == workspaces[0].id })
        let queue = try await client.queues.retrieve(queues[0].id)
        #expect(queue.counts != nil)
        let schemaID = try #require(queue.schema.flatMap { URLText.id(in: $0) })
        let schema = try await client.schemas.retrieve(schemaID)
        #expect(!schema.datapoints.isEmpty)
        #expect(try await !client.schemas.list().collect().isEmpty)
        #expect(try await !client.users.list().collect().isEmpty)
        #expect(try await !client.userRoles.list().collect().isEmpty)
        let organization = try await client.organizations.own()
        #expect(try await client.organizations.list().collect().map(\.id).contains(organization.id))
        #expect(try await !client.hooks.list().collect().isEmpty)
        #expect(try await !client.connectors.list().collect().isEmpty)
        #expect(try await !client.inboxes.list().collect().isEmpty)
        _ = try await client.emailTemplates.list().collect()
        _ = try await client.relations.list().collect()
        _ = try await client.documentRelations.list().collect()
        let raw = try await client.requestJSON("GET", "auth/user")
        #expect(raw["username"]?.stringValue == SharedSandbox.configuration.username)
        let generic = try await client.requestPaginated("workspaces", ordering: ["-id"]).collect()
        #expect(generic.compactMap { $0["id"]?.intValue } == workspaces.map(\.id).sorted(by: >))
        let missing = await #expect(throws: RossumError.self) { _ = try await client.queues.retrieve(987_654) }
        #expect(missing?.status == 404)
    }

    @Test func exportsAsJSONAndFile() async throws {
        let server = try await SharedSandbox.start()
        let client = try SharedSandbox.client(server)
        let queue = try #require(try await client.queues.list().collect().first)
        let exported = try await client.queues.exportJSON(queue.id, filters: ["status": "exported"]).collect()
        #expect(!exported.isEmpty)
        #expect(exported.allSatisfy { $0.status == .exported })
        var csv: [UInt8] = []
        for try await chunk in try await client.queues.exportFile(queue.id, format: .csv, filters: ["status": "exported"]) {
            csv.append(contentsOf: chunk)
        }
        let text = String(decoding: csv, as: UTF8.self)
        #expect(text.split(whereSeparator: \.isNewline).count >= exported.count)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        let written = try await client.queues.exportFile(queue.id, format: .xml, filters: ["status": "exported"], to: file)
        #expect(written > 0)
        #expect(try Data(contentsOf: file).count == written)
    }
}
