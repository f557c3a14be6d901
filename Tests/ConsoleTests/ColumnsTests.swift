import Foundation
import Logging
import RossumKit
import RossumSandbox
import Testing
import TerminalUI
@testable import Console

/// `:columns`: a queue's list shows the extracted fields the person chose, kept per server.
@Suite struct ColumnsTests {
    func command(_ state: inout AppState, _ line: String) -> [Effect] {
        state.press(.char(":"))
        state.type(line)
        return state.press(.enter)
    }

    @Test func chosenColumnsAreKeptAndAskedForWithTheSchema() throws {
        var state = makeState()
        state.openQueueWithRows(total: 50, rows: sampleRows(1...50))
        let effects = command(&state, "columns document_id, date_due,document_id")
        let request = try #require(AppState.requests(FieldColumnsRequest.self, in: effects).first)
        #expect(request.chosen == ["document_id", "date_due"] && request.queueID == 11)
        #expect(state.places.columns(of: 11) == ["document_id", "date_due"])
        state.answer(request, .success([FieldColumn(id: "document_id", title: "Invoice no"), FieldColumn(id: "date_due", title: "Due date")]))
        let screen = state.render()
        #expect(screen.contains("INVOICE NO") && screen.contains("DUE DATE"))
        // A field the schema does not have is said; the columns stay as they were.
        state.answer(FieldColumnsRequest(queueID: 11, schemaID: 5, chosen: ["nope"]),
                     .failure(ConsoleFailure(kind: .badInput, message: "not a field of this queue's schema: nope (:columns lists them)")))
        #expect(state.flash?.text == "columns: not a field of this queue's schema: nope (:columns lists them)")
        #expect(state.list?.fieldColumns.map(\.id) == ["document_id", "date_due"])
        // reset: the key fields again; no argument: the schema's fields listed.
        let reset = command(&state, "columns reset")
        #expect(AppState.requests(FieldColumnsRequest.self, in: reset).first?.chosen == nil)
        #expect(state.places.columns == nil)
        #expect(AppState.requests(SchemaFieldsRequest.self, in: command(&state, "columns")).count == 1)
        #expect(AppState.requests(FieldColumnsRequest.self, in: command(&state, "columns a;b")).isEmpty)
        #expect(state.flash?.text.hasPrefix(":columns takes schema ids") == true)
    }

    @Test func elsewhereColumnsSaySoAndPlacesReadWithoutThem() throws {
        var state = makeState()
        state.loadTree()
        _ = command(&state, "columns document_id")
        #expect(state.flash?.text == ":columns works on a queue's annotation list")
        // A places file written before columns existed still reads.
        let old = try JSONDecoder().decode(Places.self, from: Data(#"{"recent": [], "pinnedQueues": [3]}"#.utf8))
        #expect(old.pinnedQueues == [3] && old.columns == nil)
    }

    @Test func theSandboxsSchemaChecksTheChoice() async throws {
        var configuration = SandboxConfiguration()
        configuration.size = .small
        let server = try await SandboxServer.start(configuration)
        do {
            let client = try RossumClient(baseURL: server.apiURL, credentials: .credentials(username: configuration.username, password: configuration.password))
            let services = ConsoleServices(client: client, logger: Logger(label: "test"))
            let queue = try #require(try await client.queues.list().collect().first)
            let schemaID = try #require(queue.schema.flatMap(Shape.trailingID))
            let chosen = try await FieldColumnsRequest(queueID: queue.id, schemaID: schemaID, chosen: ["date_due", "document_id"]).fetch(services)
            #expect(chosen.map(\.id) == ["date_due", "document_id"])
            await #expect(throws: ConsoleFailure.self) {
                _ = try await FieldColumnsRequest(queueID: queue.id, schemaID: schemaID, chosen: ["no_such_field"]).fetch(services)
            }
            let listing = try await SchemaFieldsRequest(queueName: queue.name ?? "", schemaID: schemaID).fetch(services)
            #expect(listing.contains("date_due") && listing.contains(":columns"))
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }
}
