import Foundation
import Logging
import RossumKit
import RossumSandbox
import Testing
@testable import Console

/// The data source against the real in-process sandbox: what the console shows and does is what
/// the server has and does.
@Suite struct RossumDataSourceTests {
    func withSandbox(_ body: (RossumDataSource, RossumClient) async throws -> Void) async throws {
        var configuration = SandboxConfiguration()
        configuration.size = .small
        configuration.importDelay = .milliseconds(10)
        let server = try await SandboxServer.start(configuration)
        do {
            let client = try RossumClient(baseURL: server.apiURL, credentials: .credentials(username: configuration.username, password: configuration.password))
            try await body(RossumDataSource(client: client, logger: Logger(label: "test")), client)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    @Test func treeListDetailAndConfirm() async throws {
        try await withSandbox { source, client in
            let (organization, workspaces) = try await source.workspaces()
            #expect(organization != nil)
            let queue = try #require(workspaces.flatMap(\.queues).first { ($0.counts["to_review"] ?? 0) > 1 })
            let columns = try await source.fieldColumns(queueID: queue.id, schemaID: queue.schemaID)
            #expect(columns.map(\.title).contains("Supplier"))

            var query = AnnotationQuery(queueID: queue.id, tab: "to_review")
            let page = try await source.annotationPage(query, page: 0, fieldIDs: columns.map(\.id))
            #expect(page.total == queue.counts["to_review"])
            #expect(page.rows.allSatisfy { $0.status == "to_review" && !$0.fileName.isEmpty })
            #expect(page.rows.contains { !($0.fields["sender_name"] ?? "").isEmpty }, "key fields come from the content sideload")

            // Sorting by id ascending, then a filter on one id.
            query.sort = .id
            query.ascending = true
            let sorted = try await source.annotationPage(query, page: 0, fieldIDs: [])
            #expect(sorted.rows.map(\.id) == sorted.rows.map(\.id).sorted())
            let target = try #require(sorted.rows.first)
            query.filter = AnnotationFilter(ids: [target.id])
            #expect(try await source.annotationPage(query, page: 0, fieldIDs: []).rows.map(\.id) == [target.id])

            let detail = try await source.annotationDetail(id: target.id)
            #expect(detail.row.id == target.id)
            #expect(!detail.fields.isEmpty)
            #expect(detail.webURL.hasSuffix("/document/\(target.id)"))

            let status = try await source.run(.confirm, id: target.id)
            let onServer = try await client.annotations.retrieve(target.id)
            #expect(status == onServer.status?.rawValue)
            #expect(["exported", "exporting", "confirmed"].contains(status ?? ""))
        }
    }

    @Test func conflictsAreNamedAndFreeTextSearches() async throws {
        try await withSandbox { source, _ in
            let (_, workspaces) = try await source.workspaces()
            let queue = try #require(workspaces.flatMap(\.queues).first { ($0.counts["exported"] ?? 0) > 0 })
            let exported = try await source.annotationPage(AnnotationQuery(queueID: queue.id, tab: "exported"), page: 0, fieldIDs: [])
            let id = try #require(exported.rows.first?.id)
            // Starting review of an exported annotation is refused with 409.
            do throws(ConsoleFailure) {
                _ = try await source.run(.start, id: id)
                Issue.record("start of an exported annotation should fail")
            } catch {
                #expect(error.kind == .conflict)
                #expect(error.status == 409)
            }
            let name = try #require(exported.rows.first?.fileName)
            let found = try await source.annotationPage(AnnotationQuery(queueID: queue.id, filter: AnnotationFilter(text: name)), page: 0, fieldIDs: [])
            #expect(found.rows.map(\.fileName).contains(name))
        }
    }

    @Test func datasetsAndOperations() async throws {
        try await withSandbox { source, _ in
            let datasets = try await source.datasets()
            #expect(!datasets.isEmpty)
            #expect(datasets.allSatisfy { $0.recordCount != nil })
            let operations = try await source.operations()
            #expect(operations.allSatisfy { $0.source == .masterDataHub })
        }
    }
}
