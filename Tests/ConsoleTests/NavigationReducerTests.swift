import Foundation
import Testing
import TerminalUI
@testable import Console

@Suite struct NavigationReducerTests {
    @Test func startLoadsTreeAndMonitor() {
        var state = makeState()
        #expect(ConsoleCore.start(&state) == [.loadWorkspaces, .loadOperations])
        #expect(state.tree.load.inFlight)
    }

    @Test func treeToQueueOpensListAndLoadsFirstPage() {
        var state = makeState()
        _ = ConsoleCore.start(&state)
        state.send(.workspacesLoaded(.success((OrganizationSummary(id: 1, name: "Acme"), sampleWorkspaces))))
        #expect(state.tree.lines.count == 5)
        let effects = state.press(.down, .enter)
        #expect(state.screen == .annotations)
        #expect(state.list?.queue.id == 11)
        #expect(state.list?.workspaceName == "Accounts Payable")
        #expect(effects == [.loadFieldColumns(queueID: 11, schemaID: 5), .loadAnnotationPage(AnnotationQuery(queueID: 11), page: 0)])
        // esc goes back to the tree.
        state.press(.escape)
        #expect(state.screen == .workspaces)
    }

    @Test func workspacesCollapseAndExpand() {
        var state = makeState()
        state.send(.workspacesLoaded(.success((nil, sampleWorkspaces))))
        state.press(.left)
        #expect(state.tree.lines.count == 3)
        state.press(.enter)
        #expect(state.tree.lines.count == 5)
        // From a queue, left jumps to its workspace.
        state.press(.down, .down, .left)
        #expect(state.tree.scroll.selected == 0)
    }

    @Test func scrollingLoadsOnlyThePagesItShows() {
        var state = makeState()
        state.openQueueWithRows(total: 100_000)
        #expect(state.list?.rowCount == 100_000)
        let effects = state.press(.end)
        #expect(state.list?.scroll.selected == 99_999)
        let query = state.list!.query
        #expect(effects == [.loadAnnotationPage(query, page: 999)])
        // Pressing again while it loads asks for nothing more.
        #expect(state.press(.pageUp).isEmpty)
        #expect(state.list?.loadingPages == [999])
    }

    @Test func answersForAnOldQueryAreDropped() {
        var state = makeState()
        state.openQueueWithRows(total: 250)
        let oldQuery = state.list!.query
        state.press(.char("]"))  // next status tab: the query changes
        #expect(state.list?.query.tab == "to_review")
        #expect(state.list?.rowCount == 0)
        state.send(.annotationPageLoaded(oldQuery, page: 0, .success(AnnotationPage(rows: sampleRows(1...100), total: 250))))
        #expect(state.list?.rowCount == 0, "a late page of the previous tab must not show")
        state.send(.annotationPageLoaded(state.list!.query, page: 0, .success(AnnotationPage(rows: sampleRows(1...5) , total: 5))))
        #expect(state.list?.rowCount == 5)
    }

    @Test func sortCyclesColumnsAndReverses() {
        var state = makeState()
        state.openQueueWithRows()
        #expect(state.list?.query.sort == .arrived)
        let effects = state.press(.char(">"))
        #expect(state.list?.query.sort == .modified)
        #expect(effects.contains(.loadAnnotationPage(state.list!.query, page: 0)))
        state.press(.char("i"))
        #expect(state.list?.query.ascending == true)
        #expect(state.list?.query.ordering == ["modified_at", "id"])
    }

    @Test func filterLineAppliesParsedFilterAndRejectsBadInput() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.char("/"))
        state.type("status:postponed id:9")
        let effects = state.press(.enter)
        #expect(state.overlay == nil)
        #expect(state.list?.query.filter == AnnotationFilter(statuses: ["postponed"], ids: [9]))
        #expect(effects == [.loadAnnotationPage(state.list!.query, page: 0)])
        state.press(.char("/"), .ctrl("u"))
        state.type("status:nope")
        state.press(.enter)
        #expect(state.flash?.text.contains("unknown status") == true)
        if case .filter = state.overlay {} else { Issue.record("the filter line stays open on bad input") }
    }

    @Test func commandLineAliases() {
        var state = makeState()
        state.send(.workspacesLoaded(.success((nil, sampleWorkspaces))))
        state.press(.char(":"))
        state.type("queue 12")
        var effects = state.press(.enter)
        #expect(state.screen == .annotations && state.list?.queue.id == 12)
        #expect(effects.contains(.loadAnnotationPage(AnnotationQuery(queueID: 12), page: 0)))

        state.press(.char(":"))
        state.type("queue 999")
        effects = state.press(.enter)
        #expect(effects == [.resolveQueue(id: 999)])

        state.press(.char(":"))
        state.type("ann 456")
        effects = state.press(.enter)
        #expect(state.screen == .detail && effects == [.loadAnnotation(id: 456)])

        state.press(.char(":"))
        state.type("da")
        state.press(.tab)
        #expect(state.overlay == .commandLine(InputLine("datasets ")))
        effects = state.press(.enter)
        #expect(state.screen == .datasets && effects == [.loadDatasets])

        state.press(.char(":"))
        state.type("theme light")
        #expect(state.press(.enter) == [.loadTheme("light")])

        state.press(.char(":"))
        state.type("bogus")
        state.press(.enter)
        #expect(state.flash?.text.contains("unknown command") == true)

        state.press(.char(":"))
        state.type("q")
        #expect(state.press(.enter) == [.quit])
        #expect(state.quitRequested)
    }

    @Test func detailEnterMovesToNextAnnotationToReview() {
        var state = makeState()
        let rows = sampleRows(1...6) { $0 == 2 || $0 == 5 ? "to_review" : "exported" }
        state.openQueueWithRows(total: 6, rows: rows)
        state.press(.down)  // row #2
        var effects = state.press(.enter)
        #expect(state.screen == .detail && effects == [.loadAnnotation(id: 2)])
        effects = state.press(.enter)
        #expect(state.detail?.annotationID == 5)
        #expect(effects.first == .loadAnnotation(id: 5))
        state.press(.char("n"))
        #expect(state.flash?.text.contains("no more") == true)
        #expect(state.detail?.annotationID == 5)
    }

    @Test func monitorPanelToggleResizeAndFocus() {
        var state = makeState()
        #expect(state.monitorPanelRows == 8)
        state.press(.char("+"))
        #expect(state.monitorPanelRows == 10)
        state.press(.char("-"), .char("-"))
        #expect(state.monitorPanelRows == 6)
        state.press(.tab)
        #expect(state.focus == .monitor && state.scopes == [ConsoleScope.monitor])
        state.press(.char("m"))
        #expect(state.monitorPanelRows == 0 && state.focus == .main)
        state.press(.char("M"))
        #expect(state.screen == .operations)
    }

    @Test func resizeKeepsSelectionVisible() {
        var state = makeState()
        state.openQueueWithRows(total: 250)
        state.press(.char("G"))
        state.send(.resize(width: 80, height: 24))
        #expect(state.width == 80 && state.mainBodyRows == 24 - 3 - 8 - 1)
    }
}

@Suite struct FieldColumnTests {
    @Test func lateFieldColumnsReloadTheLoadedPages() {
        var state = makeState()
        state.openQueueWithRows(total: 250)
        let effects = state.send(.fieldColumnsLoaded(queueID: 11, [("sender_name", "Supplier")]))
        #expect(state.list?.fieldColumns.map(\.id) == ["sender_name"])
        #expect(effects == [.loadAnnotationPage(state.list!.query, page: 0)])
        // Columns of another queue are ignored.
        #expect(state.send(.fieldColumnsLoaded(queueID: 99, [("x", "X")])).isEmpty)
    }
}
