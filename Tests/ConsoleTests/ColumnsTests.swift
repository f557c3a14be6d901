import Foundation
import Logging
import RossumKit
import RossumSandbox
import Testing
import TerminalUI
@testable import Console

/// `:columns`: a queue's list shows the extracted fields the person chose, kept per server.
@Suite struct ColumnsTests {
    @Test func chosenColumnsAreKeptAndAskedForWithTheSchema() throws {
        var state = makeState()
        state.openQueueWithRows(total: 50, rows: sampleRows(1...50))
        let effects = state.command("columns document_id, date_due,document_id")
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
        let reset = state.command("columns reset")
        #expect(AppState.requests(FieldColumnsRequest.self, in: reset).first?.chosen == nil)
        #expect(state.places.columns == nil)
        #expect(AppState.requests(SchemaFieldsRequest.self, in: state.command("columns")).count == 1)
        #expect(AppState.requests(FieldColumnsRequest.self, in: state.command("columns a;b")).isEmpty)
        #expect(state.flash?.text.hasPrefix(":columns takes schema ids") == true)
    }

    @Test func elsewhereColumnsSaySoAndPlacesReadWithoutThem() throws {
        var state = makeState()
        state.loadTree()
        state.command("columns document_id")
        #expect(state.flash?.text == ":columns works on a queue's annotation list")
        // A places file written before columns existed still reads.
        let old = try JSONDecoder().decode(Places.self, from: Data(#"{"recent": [], "pinnedQueues": [3]}"#.utf8))
        #expect(old.pinnedQueues == [3] && old.columns == nil)
    }

    @Test func theSandboxsSchemaChecksTheChoice() async throws {
        try await withSmallSandbox { services, client in
            let queue = try #require(try await client.queues.list().collect().first)
            let schemaID = try #require(queue.schema.flatMap(Shape.trailingID))
            let chosen = try await FieldColumnsRequest(queueID: queue.id, schemaID: schemaID, chosen: ["date_due", "document_id"]).fetch(services)
            #expect(chosen.map(\.id) == ["date_due", "document_id"])
            await #expect(throws: ConsoleFailure.self) {
                _ = try await FieldColumnsRequest(queueID: queue.id, schemaID: schemaID, chosen: ["no_such_field"]).fetch(services)
            }
            let listing = try await SchemaFieldsRequest(queueName: queue.name ?? "", schemaID: schemaID).fetch(services)
            #expect(listing.contains("date_due") && listing.contains(":columns"))
        }
    }
}
