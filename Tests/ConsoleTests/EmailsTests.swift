import Foundation
import Logging
import RossumKit
import RossumSandbox
import Testing
import TerminalUI
@testable import Console

/// `:emails`: the organization's emails, filtered by the fields the API filters on.
@Suite struct EmailsTests {
    @Test func theFilterTakesTheAPIsFieldsAndRefusesWords() throws {
        let filter = try EmailFilter.parse(#"from:ap@acme.example subject:"Invoice 7" queue:12 docs:no type:incoming"#)
        #expect(filter.from == "ap@acme.example" && filter.subject == "Invoice 7" && filter.queueID == 12)
        #expect(filter.hasDocuments == false && filter.type == "incoming")
        #expect(filter.queryItems.map(\.0) == ["from__email", "subject", "queue", "has_documents", "type"])
        #expect(try EmailFilter.parse(filter.description) == filter)
        for bad in ["invoice", "docs:maybe", "queue:x", "type:sideways", "owner:me", "from:"] {
            #expect(throws: EmailFilter.ParseError.self, "\(bad)") { try EmailFilter.parse(bad) }
        }
        #expect((try? EmailFilter.parse("invoice")) == nil)
    }

    static func row(_ id: Int, annotations: [Int]) throws -> EmailRow {
        let json = """
            {"id": \(id), "subject": "Invoice \(id)", "from": {"email": "ap@acme.example", "name": "ACME AP"}, "type": "incoming",
             "created_at": "2026-11-30T09:00:00Z", "annotations": [\(annotations.map { "\"https://x/api/v1/annotations/\($0)\"" }.joined(separator: ","))],
             "documents": [], "filtered_out_document_count": 2, "body_text_plain": "Please find the invoice attached."}
            """
        return EmailRow(try JSONDecoder().decode(Email.self, from: Data(json.utf8)))
    }

    @Test func enterShowsTheEmailAndAListsItsAnnotations() throws {
        var state = makeState()
        state.loadTree()
        let effects = state.command("emails")
        let request = try #require(AppState.requests(EmailsRequest.self, in: effects).first)
        state.answer(request, .success((rows: [try Self.row(2, annotations: []), try Self.row(1, annotations: [41, 42])], total: 250)))
        let screen = state.render()
        #expect(screen.contains("Emails (newest 2 of 250)") && screen.contains("ACME AP <ap@acme.example>") && screen.contains("none"))
        state.press(.char("a"))
        #expect(state.top is EmailsScreen, "the first email brought nothing: a does nothing")
        state.press(.char("j"), .enter)
        let document = try #require(state.top as? DocumentScreen)
        #expect(document.text.joined(separator: "\n").contains("Annotations: #41 #42"))
        #expect(document.text.joined(separator: "\n").contains("2 filtered out by the inbox"))
        state.press(.escape, .char("a"))
        let list = try #require(state.top as? AnnotationListScreen)
        #expect(list.query.filter.ids == [41, 42] && list.isOrganizationWide)
    }

    @Test func theSandboxsEmailsAreFoundBySender() async throws {
        try await withSmallSandbox(history: true) { services, client in
            let all = try await EmailsRequest(filter: EmailFilter()).fetch(services)
            #expect(!all.rows.isEmpty && all.total >= all.rows.count)
            let received = all.rows.compactMap(\.received)
            #expect(received == received.sorted(by: >), "newest first")
            let sender = try #require(try await client.emails.list().collect().compactMap { $0.from?["email"]?.stringValue }.first)
            var filter = EmailFilter()
            filter.from = sender
            let bySender = try await EmailsRequest(filter: filter).fetch(services)
            #expect(!bySender.rows.isEmpty && bySender.rows.allSatisfy { $0.from.contains(sender) })
            filter = EmailFilter()
            filter.hasDocuments = false
            let empty = try await EmailsRequest(filter: filter).fetch(services)
            #expect(empty.rows.allSatisfy { $0.documentCount == 0 })
        }
    }
}
