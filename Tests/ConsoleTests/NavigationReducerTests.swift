import Foundation
import Testing
import TerminalUI
@testable import Console

@Suite struct NavigationReducerTests {
    @Test func startLoadsTreeAndMonitor() {
        var state = makeState()
        #expect(ConsoleCore.start(&state) == [.fetch(WorkspacesRequest()), .fetch(OperationsRequest())])
        #expect(state.tree.load.inFlight)
    }

    /// The tabs' counts are read again with the rows (ctrl-r or the poll): they follow the
    /// server even while the tree, which refreshes the catalog, is not on screen.
    @Test func aRefreshReadsTheTabCountsAgain() throws {
        var state = makeState()
        state.openQueueWithRows(total: 50, rows: sampleRows(1...50))
        let effects = state.press(.ctrl("r"))
        let counts = try #require(AppState.requests(QueueRequest.self, in: effects).first)
        #expect(counts.queueID == 11 && counts.countsOnly)
        state.answer(counts, .success((QueueSummary(id: 11, name: "Invoices EU", workspaceID: 1, schemaID: 5, counts: ["to_review": 24, "postponed": 9]), nil)))
        #expect(state.list?.queue.counts == ["to_review": 24, "postponed": 9])
        #expect(state.render().contains("to review 24"))
    }

    @Test func treeToQueueOpensListAndLoadsFirstPage() {
        var state = makeState()
        state.loadTree()
        #expect(state.tree.lines(state.catalog).count == 5)
        let effects = state.press(.down, .enter)
        #expect(state.list?.queue.id == 11)
        #expect(state.list?.workspaceName == "Accounts Payable")
        #expect(effects == [.fetch(FieldColumnsRequest(queueID: 11, schemaID: 5)),
                            .fetch(AnnotationPageRequest(query: AnnotationQuery(queueID: 11), page: 0, fieldIDs: []))])
        #expect(HeaderView.crumbs(state) == ["Acme", "Accounts Payable", "Invoices EU"])
        // esc goes back to the tree.
        state.press(.escape)
        #expect(state.top is TreeScreen && state.stack.count == 1)
    }

    @Test func workspacesCollapseAndExpand() {
        var state = makeState()
        state.loadTree()
        state.press(.left)
        #expect(state.tree.lines(state.catalog).count == 3)
        state.press(.enter)
        #expect(state.tree.lines(state.catalog).count == 5)
        // From a queue, left jumps to its workspace.
        state.press(.down, .down, .left)
        #expect(state.tree.scroll.selected == 0)
    }

    @Test func scrollingLoadsOnlyThePagesItShows() {
        var state = makeState()
        state.openQueueWithRows(total: 100_000)
        #expect(state.list?.rows.count == 100_000)
        let effects = state.press(.end)
        #expect(state.list?.scroll.selected == 99_999)
        #expect(AppState.pageRequests(effects).map(\.page) == [999])
        // Pressing again while it loads asks for nothing more.
        #expect(AppState.pageRequests(state.press(.pageUp)).isEmpty)
        #expect(state.list?.loadingPages == [999])
    }

    @Test func answersForAnOldQueryAreDropped() {
        var state = makeState()
        state.openQueueWithRows(total: 250)
        let oldQuery = state.list!.query
        state.press(.char("]"))  // next status tab: the query changes
        #expect(state.list?.query.tab == "to_review")
        #expect(state.list?.rows.count == 0)
        state.answer(AnnotationPageRequest(query: oldQuery, page: 0, fieldIDs: []), .success(AnnotationPage(rows: sampleRows(1...100), total: 250)))
        #expect(state.list?.rows.count == 0, "a late page of the previous tab must not show")
        state.answerPage(0, rows: sampleRows(1...5), total: 5)
        #expect(state.list?.rows.count == 5)
    }

    @Test func sortCyclesColumnsAndReverses() {
        var state = makeState()
        state.openQueueWithRows()
        #expect(state.list?.query.sort == .arrived)
        let effects = state.press(.char(">"))
        #expect(state.list?.query.sort == .modified)
        #expect(AppState.pageRequests(effects).map(\.query) == [state.list!.query])
        state.press(.char("i"))
        #expect(state.list?.query.ascending == true)
        #expect(state.list?.query.ordering == ["modified_at", "id"])
    }

    @Test func filterLineAppliesParsedFilterAndShowsErrorsWhileTyping() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.char("/"))
        state.type("status:postponed id:9")
        let effects = state.press(.enter)
        #expect(state.overlay == nil)
        #expect(state.list?.query.filter == AnnotationFilter(statuses: ["postponed"], ids: [9]))
        #expect(AppState.pageRequests(effects).map(\.page) == [0])
        state.press(.char("/"), .ctrl("u"))
        state.type("status:nope")
        // The reason shows while typing, before enter.
        guard case .filter(_, let error) = state.overlay else { Issue.record("the filter line is open"); return }
        #expect(error?.contains("unknown status") == true)
        #expect(ConsoleRenderer.render(state).plainText().contains("unknown status"))
        state.press(.enter)
        guard case .filter(let prompt, let stillError) = state.overlay else { Issue.record("the filter line stays open on bad input"); return }
        #expect(prompt.text == "status:nope", "nothing typed is lost")
        #expect(stillError?.contains("unknown status") == true)
        state.press(.backspace, .backspace, .backspace, .backspace)
        state.type("post")
        guard case .filter(_, let fixed) = state.overlay else { Issue.record("still open"); return }
        #expect(fixed == nil)
    }

    @Test func filterIsRefusedWhereThereIsNone() {
        var state = makeState()
        state.loadTree()
        state.press(.char("/"))
        #expect(state.overlay == nil)
        #expect(state.flash?.text.contains("no filter") == true)
        #expect(!FooterView.hints(state).map(\.0).contains("/"), "the tree's hints do not offer /")
    }

    @Test func commandLineAliases() {
        var state = makeState()
        state.loadTree()
        state.press(.char(":"))
        state.type("queue 12")
        var effects = state.press(.enter)
        #expect(state.list?.queue.id == 12)
        #expect(AppState.pageRequests(effects).map(\.query) == [AnnotationQuery(queueID: 12)])

        state.press(.char(":"))
        state.type("queue 999")
        effects = state.press(.enter)
        #expect(effects == [.fetch(QueueRequest(queueID: 999))])
        state.answer(QueueRequest(queueID: 999), .failure(ConsoleFailure(kind: .notFound, status: 404, message: "Not found.")))
        #expect(state.list?.queue.id == 12, "an unknown queue leaves the screen it was opened from")
        #expect(state.flash?.text == "queue 999: no such queue")

        state.press(.char(":"))
        state.type("ann 456")
        effects = state.press(.enter)
        #expect(state.detail?.annotationID == 456 && effects == [.fetch(AnnotationDetailRequest(id: 456))])

        state.press(.char(":"))
        state.type("da")
        state.press(.tab)
        guard case .commandLine(let prompt) = state.overlay else { Issue.record("command line open"); return }
        #expect(prompt.text == "datasets ")
        effects = state.press(.enter)
        #expect(state.datasetsScreen != nil && effects == [.fetch(DatasetsRequest())])

        state.press(.char(":"))
        state.type("theme light")
        #expect(state.press(.enter) == [.loadTheme("light")])

        state.press(.char(":"))
        state.type("bogus")
        state.press(.enter)
        #expect(state.flash?.text.contains("unknown command") == true)
        #expect(state.flash?.text.contains(":queue ID") == true, "the error lists the commands from the registry")

        state.press(.char(":"))
        state.type("q")
        #expect(state.press(.enter) == [.quit])
        #expect(state.quitRequested)
    }

    @Test func annotationOpenedByIDNamesItsOwnQueueOrGoesBack() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.char(":"))
        state.type("ann 456")
        state.press(.enter)
        var detail = AnnotationDetail(row: AnnotationRow(id: 456, status: "to_review", fileName: "x.pdf"), webURL: "https://acme.rossum.app/document/456")
        detail.queueName = "Delivery notes"
        detail.workspaceName = "Logistics"
        state.answer(AnnotationDetailRequest(id: 456), .success(detail))
        #expect(HeaderView.crumbs(state) == ["Acme", "Logistics", "Delivery notes", "#456"])

        state.press(.char(":"))
        state.type("ann 999999")
        state.press(.enter)
        state.answer(AnnotationDetailRequest(id: 999_999), .failure(ConsoleFailure(kind: .notFound, status: 404, message: "Not found.")))
        #expect(state.detail?.annotationID == 456, "no empty detail for an annotation that does not exist: back where it was opened")
        #expect(state.flash?.text == "annotation 999999 does not exist (404)")
    }

    @Test func detailNextOpensTheNextAnnotationToReviewThroughTheList() {
        var state = makeState()
        let rows = sampleRows(1...6) { $0 == 2 || $0 == 5 ? "to_review" : "exported" }
        state.openQueueWithRows(total: 6, rows: rows)
        state.press(.down)  // row #2
        var effects = state.press(.enter)
        #expect(state.detail?.annotationID == 2 && effects == [.fetch(AnnotationDetailRequest(id: 2))])
        effects = state.press(.char("n"))
        #expect(state.detail?.annotationID == 5)
        #expect(effects.contains(.fetch(AnnotationDetailRequest(id: 5))))
        #expect(state.stack.count == 3, "the detail replaces the detail, over the same list")
        #expect(state.list?.selectedRow?.id == 5, "the list below follows")
        state.press(.char("n"))
        #expect(state.flash?.text.contains("no more") == true)
        #expect(state.list?.selectedRow?.id == 5)
    }

    @Test func detailEndGoesToTheLastLine() {
        var state = makeState(width: 80, height: 24)
        state.openQueueWithRows()
        state.press(.enter)
        let fields = (1...40).map { FieldNode.value(label: "Field \($0)", value: "value \($0)") }
        state.answer(AnnotationDetailRequest(id: 1), .success(AnnotationDetail(row: sampleRows(1...1)[0], fields: fields, webURL: "u")))
        state.press(.char("G"))
        #expect(state.detail!.scroll > 0)
        #expect(ConsoleRenderer.render(state).plainText().contains("Automation blockers"))
        state.press(.end, .char("j"))
        let bottom = state.detail!.scroll
        state.press(.char("g"))
        #expect(state.detail?.scroll == 0 && bottom > 0)
    }

    @Test func monitorPanelToggleResizeAndFocus() {
        var state = makeState()
        #expect(state.monitorPanelRows == 8)
        state.press(.char("+"))
        #expect(state.monitorPanelRows == 10)
        state.press(.char("_"), .char("_"))
        #expect(state.monitorPanelRows == 6)
        state.press(.tab)
        #expect(state.focus == .monitor && state.scopes == [ConsoleScope.monitor])
        #expect(!FooterView.hints(state).map(\.0).contains("enter"), "enter does nothing in the monitor and is not offered")
        state.press(.char("m"))
        #expect(state.monitorPanelRows == 0 && state.focus == .main)
        state.press(.char("M"))
        #expect(state.top is OperationsScreen)
        state.press(.char("M"))
        #expect(state.top is TreeScreen)
    }

    @Test func resizeKeepsSelectionVisible() {
        var state = makeState()
        state.openQueueWithRows(total: 250)
        state.press(.char("G"))
        state.send(.resize(width: 80, height: 24))
        #expect(state.width == 80 && state.mainBodyRows == 24 - 3 - 8 - 1)
    }

    @Test func statusTabsPastTheWidthShowAnOverflowMarker() {
        var state = makeState(width: 80, height: 24)
        state.openQueueWithRows()
        var line = ConsoleRenderer.render(state).plainText().split(separator: "\n")[2]
        #expect(line.contains("›"), "tabs that do not fit are counted: \(line)")
        for _ in 0..<8 { state.press(.char("]")) }
        line = ConsoleRenderer.render(state).plainText().split(separator: "\n")[2]
        #expect(line.contains("rejected"), "the selected tab is always shown: \(line)")
        #expect(line.contains("‹"))
    }
}

@Suite struct FieldColumnTests {
    @Test func lateFieldColumnsReloadTheLoadedPages() {
        var state = makeState()
        state.openQueueWithRows(total: 250)
        let columns = [FieldColumn(id: "sender_name", title: "Supplier")]
        let effects = state.answer(FieldColumnsRequest(queueID: 11, schemaID: 5), .success(columns))
        #expect(state.list?.fieldColumns.map(\.id) == ["sender_name"])
        #expect(AppState.pageRequests(effects).map(\.fieldIDs) == [["sender_name"]])
        // Columns of another queue are ignored.
        #expect(state.answer(FieldColumnsRequest(queueID: 99, schemaID: 5), .success([FieldColumn(id: "x", title: "X")])).isEmpty)
    }

    /// The columns can arrive while the first page (asked without them) is still loading:
    /// that page is asked for again as soon as it lands, not at the next poll.
    @Test func aPageAskedWithoutTheColumnsIsAskedAgainAtOnce() {
        var state = makeState()
        state.loadTree()
        state.press(.down, .enter)
        let query = state.list!.query
        _ = state.answer(FieldColumnsRequest(queueID: 11, schemaID: 5), .success([FieldColumn(id: "sender_name", title: "Supplier")]))
        let effects = state.answer(AnnotationPageRequest(query: query, page: 0, fieldIDs: []),
                                   .success(AnnotationPage(rows: sampleRows(1...100), total: 100)))
        #expect(AppState.pageRequests(effects).map(\.fieldIDs) == [["sender_name"]])
        // Answered with the columns, it is not asked for again.
        let again = state.answer(AnnotationPageRequest(query: query, page: 0, fieldIDs: ["sender_name"]),
                                 .success(AnnotationPage(rows: sampleRows(1...100), total: 100)))
        #expect(AppState.pageRequests(again).isEmpty)
    }
}
