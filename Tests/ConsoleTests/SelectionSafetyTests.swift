import Foundation
import Testing
import TerminalUI
@testable import Console

/// A keystroke acts on exactly what the person sees: the cursor and the marks are annotation
/// ids, and rows moving under them never change what a command acts on.
@Suite struct SelectionSafetyTests {
    func targets(_ state: AppState) -> [Int]? {
        if case .annotationCommand(_, let ids)? = state.dialog?.1 { return ids }
        return nil
    }

    @Test func theCursorFollowsItsAnnotationWhenAnArrivalPushesRowsDown() {
        var state = makeState()
        state.openQueueWithRows(rows: sampleRows(1...100) { _ in "to_review" })
        state.press(.down, .down, .down, .down)  // #5
        #expect(state.list?.selectedRow?.id == 5)
        // A refresh: a new document arrived at the top.
        state.send(.tick(state.now.addingTimeInterval(5)))
        state.answerPage(0, rows: sampleRows([1000] + Array(1...99)) { _ in "to_review" }, total: 251)
        #expect(state.list?.selectedRow?.id == 5, "the cursor stays on #5, now one row lower")
        #expect(state.list?.scroll.selected == 5)
        #expect(state.list?.movedNotice == nil)
        state.press(.char("c"))
        #expect(targets(state) == [5])
    }

    @Test func whenTheAnnotationLeavesTheCursorRestsOnItsNeighbourAndSaysSo() {
        var state = makeState()
        state.openQueueWithRows(rows: sampleRows(1...100) { _ in "to_review" })
        state.press(.down, .down, .down, .down)  // #5
        // Someone else confirmed #5: it left the to_review rows of this view.
        state.answerPage(0, rows: sampleRows(Array(1...4) + Array(6...101)) { _ in "to_review" }, total: 249)
        #expect(state.list?.selectedRow?.id == 6)
        #expect(state.list?.movedNotice == "#5 left this view; the cursor is now on #6")
        #expect(ConsoleRenderer.render(state).plainText().contains("#5 left this view"))
        // A quick `c enter` does not act on #6: the dialog names it, warns, and starts on Cancel.
        state.press(.char("c"))
        let (dialog, _) = try! #require(state.dialog)
        #expect(dialog.focus == .cancel)
        #expect(dialog.message.first == "Careful: #5 left this view; the cursor is now on #6.")
        #expect(state.press(.enter).isEmpty)
        // Seen once, the next `c` is the person's choice of #6.
        state.press(.char("c"))
        #expect(targets(state) == [6])
        #expect(state.dialog?.0.focus == .confirm)
    }

    @Test func aReloadWhileTheDialogIsOpenChangesNothingItActsOn() {
        var state = makeState()
        state.openQueueWithRows(rows: sampleRows(1...100) { _ in "to_review" })
        state.press(.down, .char("c"))  // #2
        state.answerPage(0, rows: sampleRows([500, 501] + Array(1...98)) { _ in "to_review" }, total: 252)
        #expect(state.press(.enter) == [.fetch(AnnotationCommandRequest(command: .confirm, id: 2, bulkID: nil))])
    }

    @Test func aSortKeepsTheChosenAnnotation() {
        var state = makeState()
        state.openQueueWithRows(total: 100, rows: sampleRows(1...100) { _ in "to_review" })
        state.press(.down, .down)  // #3
        state.press(.char("i"))  // reverse order
        state.answerPage(0, rows: sampleRows(Array((1...100).reversed())) { _ in "to_review" }, total: 100)
        #expect(state.list?.selectedRow?.id == 3)
        #expect(state.list?.scroll.selected == 97)
    }

    @Test func marksAreClearedWhenTheTabOrFilterChanges() {
        var state = makeState()
        state.openQueueWithRows(rows: sampleRows(1...100) { _ in "to_review" })
        state.press(.space, .space)
        state.press(.char("]"))
        #expect(state.list?.marked.isEmpty == true)
        #expect(state.flash?.text == "2 marks cleared: the tab changed")
        state.answerPage(0, rows: sampleRows(1...100) { _ in "to_review" }, total: 100)
        state.press(.space, .char("/"))
        state.type("invoice")
        state.press(.enter)
        #expect(state.list?.marked.isEmpty == true)
        #expect(state.flash?.text == "1 mark cleared: the filter changed")
    }

    @Test func marksThatLeftTheViewAreCountedAndNeverActedOn() {
        var state = makeState()
        state.openQueueWithRows(rows: sampleRows(1...100) { _ in "to_review" })
        state.press(.space, .space, .space)  // #1 #2 #3
        // #2 is gone from the view after a refresh.
        state.answerPage(0, rows: sampleRows([1] + Array(3...101)) { _ in "to_review" }, total: 250)
        #expect(ConsoleRenderer.render(state).plainText().contains("3 marked (1 not in view)"))
        state.press(.char("c"))
        #expect(targets(state) == [1, 3])
        #expect(state.dialog?.0.message.contains("1 marked annotation is not in this view and left out.") == true)
    }
}

@Suite struct TriageFlowTests {
    @Test func afterActingTheNextRowTakesTheCursorWithoutAWarning() {
        var state = makeState()
        state.openQueueWithRows(rows: sampleRows(1...100) { _ in "to_review" })
        state.press(.char("]"))
        state.answerPage(0, rows: sampleRows(1...100) { _ in "to_review" }, total: 100)
        state.press(.char("p"), .enter)
        state.answer(AnnotationCommandRequest(command: .postpone, id: 1, bulkID: nil), .success("postponed"))
        // The server's answer shows in the row at once, before the list reloads: a second `p`
        // on it says it does not apply instead of sending a doomed request.
        #expect(state.list?.selectedRow?.status == "postponed")
        #expect(state.press(.char("p")).isEmpty && state.overlay == nil)
        state.answerPage(0, rows: sampleRows(2...100) { _ in "to_review" }, total: 99)
        #expect(state.list?.selectedRow?.id == 2)
        #expect(state.list?.movedNotice == nil, "the person's own action is not a surprise")
        state.press(.char("p"))
        #expect(state.dialog?.0.focus == .confirm)
        #expect(state.press(.enter) == [.fetch(AnnotationCommandRequest(command: .postpone, id: 2, bulkID: nil))])
    }
}

@Suite struct ActingWhileRowsMoveTests {
    @Test func aRowStillInViewAfterTheCommandKeepsTheCursorThroughAnArrival() {
        var state = makeState()
        state.openQueueWithRows(rows: sampleRows(1...100) { _ in "to_review" })
        state.press(.down, .down, .char("c"), .enter)  // #3, in the all tab
        state.answer(AnnotationCommandRequest(command: .confirm, id: 3, bulkID: nil), .success("exported"))
        // A document arrived meanwhile; #3 is still listed, as exported.
        state.answerPage(0, rows: sampleRows([500] + Array(1...99)) { $0 == 3 ? "exported" : "to_review" }, total: 251)
        #expect(state.list?.selectedRow?.id == 3, "the cursor stays on what was acted on, not on the row above")
    }

    @Test func whenTheActedRowLeavesTheCursorTakesTheOneThatFollowedIt() {
        var state = makeState()
        state.openQueueWithRows(rows: sampleRows(1...100) { _ in "to_review" })
        state.press(.char("]"))
        state.answerPage(0, rows: sampleRows(1...100) { _ in "to_review" }, total: 100)
        state.press(.down, .down, .char("p"), .enter)  // #3
        state.answer(AnnotationCommandRequest(command: .postpone, id: 3, bulkID: nil), .success("postponed"))
        // #3 left the tab and a document arrived at the top at the same time.
        state.answerPage(0, rows: sampleRows([500, 1, 2] + Array(4...100)) { _ in "to_review" }, total: 100)
        #expect(state.list?.selectedRow?.id == 4, "the row after #3, not the one that slid into its index")
        #expect(state.list?.movedNotice == nil)
    }
}
