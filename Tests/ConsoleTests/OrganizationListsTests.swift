import Foundation
import RossumKit
import Testing
import TerminalUI
@testable import Console

/// Lists across every queue: `:find`, `:failed-exports`, `:failed-imports`, `:stuck`.
@Suite struct OrganizationListsTests {
    func command(_ state: inout AppState, _ line: String) -> [Effect] {
        state.press(.char(":"))
        state.type(line)
        return state.press(.enter)
    }

    @Test func failedExportsOfEveryQueueShowTheirQueueAndOpenWithoutOne() throws {
        var state = makeState()
        state.loadTree()
        let effects = command(&state, "failed-exports")
        let list = try #require(state.top as? AnnotationListScreen)
        #expect(list.isOrganizationWide && list.query.tab == "failed_export" && list.query.queueID == nil)
        let page = try #require(AppState.pageRequests(effects).first)
        #expect(page.query.queueID == nil)
        #expect(AppState.requests(FieldColumnsRequest.self, in: effects).isEmpty, "no one queue's schema to ask")
        let rows = [AnnotationRow(id: 5, status: "failed_export", fileName: "a.pdf", queueID: 11),
                    AnnotationRow(id: 9, status: "failed_export", fileName: "b.pdf", queueID: 21)]
        state.answer(page, .success(AnnotationPage(rows: rows, total: 2)))
        let screen = state.render()
        #expect(screen.contains("All queues · failed export (2)") && screen.contains("QUEUE"))
        #expect(screen.contains("Invoices EU") && screen.contains("Delivery notes"))
        state.press(.enter)
        let detail = try #require(state.top as? DetailScreen)
        #expect(detail.annotationID == 5 && detail.queueName == nil, "the detail learns its own queue")
        state.press(.escape)
        // The title follows the tab: a fixed name would lie once the person moves.
        state.press(.char("]"))
        #expect((state.top as? AnnotationListScreen)?.title == "All queues · failed import")
    }

    @Test func findSearchesEveryQueueAndABadFilterIsSaid() throws {
        var state = makeState()
        state.loadTree()
        let effects = command(&state, "find status:to_review ACME")
        let list = try #require(state.top as? AnnotationListScreen)
        #expect(list.query.filter == AnnotationFilter(statuses: ["to_review"], text: "ACME"))
        #expect(AppState.pageRequests(effects).first?.query.queueID == nil)
        _ = command(&state, "find status:bogus")
        #expect(state.top is AnnotationListScreen && (state.top as? AnnotationListScreen)?.query.filter.text == "ACME")
        #expect(state.flash?.level == .error && state.flash?.text.contains("unknown status") == true)
        _ = command(&state, "find")
        #expect(state.flash?.text.contains(":find TEXT needs its argument") == true)
    }

    @Test func stuckListsReviewsOldestFirst() throws {
        var state = makeState()
        state.loadTree()
        _ = command(&state, "stuck")
        let list = try #require(state.top as? AnnotationListScreen)
        #expect(list.query.tab == "reviewing" && list.query.sort == .modified && list.query.ascending)
        #expect(list.query.unchangedFor == AnnotationQuery.defaultSessionTimeout, "queues that do not say: the API's hour")
    }

    @Test func stuckCutsAtTheShortestSessionTimeout() throws {
        var state = makeState()
        var workspaces = sampleWorkspaces
        workspaces[0].queues[0].sessionTimeout = 2 * 3_600
        workspaces[0].queues[1].sessionTimeout = 15 * 60
        state.answer(WorkspacesRequest(), .success((nil, workspaces)))
        _ = command(&state, "stuck")
        let list = try #require(state.top as? AnnotationListScreen)
        #expect(list.query.unchangedFor.map { Int($0) } == 900)
        #expect(list.title.contains("reviewing · unchanged for over 15m00s (the session timeout)"))
    }

    @Test func sessionTimeoutsReadAsTheAPIWritesThem() {
        #expect(QueueSummary.duration("01:00:00") == 3_600)
        #expect(QueueSummary.duration("1 02:00:30") == 93_630)
        #expect(QueueSummary.duration("00:15:00.5") == 900.5)
        for bad in ["", "1h", "01:75:00", "a 01:00:00", "01:00"] { #expect(QueueSummary.duration(bad) == nil, "\(bad)") }
    }
}
