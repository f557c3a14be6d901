import Foundation
import Logging
import RossumKit
import RossumSandbox
import Testing
import TerminalUI
@testable import Console

/// `A`: every annotation matching the list's query, not only the rows loaded, acted on with the
/// typed count and the per-item report.
@Suite struct BulkByQueryTests {
    @Test func aMarksEveryMatchingAnnotationAndTheDialogNamesThemAll() throws {
        var state = makeState()
        state.openQueueWithRows(total: 250, rows: sampleRows(1...100) { _ in "to_review" })
        let effects = state.press(.char("A"))
        let request = try #require(AppState.requests(MatchingRowsRequest.self, in: effects).first)
        #expect(request.query == state.list?.query)
        state.answer(request, .success(.rows(sampleRows(1...250) { $0 > 240 ? "exported" : "to_review" })))
        #expect(state.list?.marked.count == 250)
        #expect(state.flash?.text.hasPrefix("250 marked: every annotation in") == true)

        state.press(.char("p"))
        let (dialog, purpose) = try #require(state.dialog)
        // Rows 101...240 were never loaded: they are still acted on, named by the server's rows;
        // the exported ones are left out because postpone does not apply to them.
        #expect(purpose == .annotationCommand(.postpone, ids: Array(1...240)))
        #expect(dialog.title == "Postpone 240 annotations?" && dialog.requiredTyping == "240")
        #expect(dialog.message.contains { $0.contains("10 marked annotations left out") })
        state.type("240")
        let sent = state.press(.enter)
        #expect(AppState.requests(AnnotationCommandRequest.self, in: sent).count == 240)
        // An annotation done on a page not loaded is no longer marked.
        state.answer(AnnotationCommandRequest(command: .postpone, id: 200, bulkID: state.bulk?.id), .success("postponed"))
        #expect(state.list?.marked.contains(200) == false)
    }

    @Test func tooManyOrAnOldQueryMarksNothing() throws {
        var state = makeState()
        state.openQueueWithRows(total: 250)
        let request = try #require(AppState.requests(MatchingRowsRequest.self, in: state.press(.char("A"))).first)
        state.answer(request, .success(.tooMany(12_000)))
        #expect(state.list?.marked.isEmpty == true)
        #expect(state.flash?.text.contains("12,000 match; a bulk action takes at most 5,000") == true)
        // The tab changed before the answer: it is about another view and is dropped.
        let second = try #require(AppState.requests(MatchingRowsRequest.self, in: state.press(.char("A"))).first)
        state.press(.char("]"))
        state.answer(second, .success(.rows(sampleRows(1...250))))
        #expect(state.list?.marked.isEmpty == true)
        #expect(state.list?.markedMatching.isEmpty == true)
    }

    /// Against the sandbox: the pages read add up to the list's total, each annotation once.
    @Test func theServerIsReadPageByPage() async throws {
        try await withSmallSandbox { services, client in
            let query = AnnotationQuery(queueID: nil, tab: "exported")
            let expected = try await client.annotations.list(filters: ["status": "exported"]).collect()
            #expect(expected.count > PagedRows.pageSize, "more than one page")
            guard case .rows(let rows) = try await MatchingRowsRequest(query: query).fetch(services) else {
                Issue.record("the small demo has fewer than \(MatchingRowsRequest.limit) exported annotations")
                return
            }
            #expect(Set(rows.map(\.id)) == Set(expected.map(\.id)) && rows.count == expected.count)
        }
    }
}
