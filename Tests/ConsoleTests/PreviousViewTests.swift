import Foundation
import Testing
import TerminalUI
@testable import Console

/// `-`: back to the view before the last navigation, `-` again swaps back.
@Suite struct PreviousViewTests {
    @Test func dashSwapsWithTheViewBeforTheLastMoveNotTheParent() {
        var state = makeState()
        state.openQueueWithRows(rows: sampleRows(1...3))
        state.press(.enter)
        #expect(state.detail?.annotationID == 1)
        state.press(.char("W"))
        #expect(state.stack.count == 1)
        // Not the parent (there is none): the detail, with the list under it.
        state.press(.char("-"))
        #expect(state.detail?.annotationID == 1)
        #expect(state.stack.count == 3 && state.stack[1] is AnnotationListScreen)
        state.press(.char("-"))
        #expect(state.top is TreeScreen && state.stack.count == 1)
        state.press(.char("-"))
        #expect(state.detail?.annotationID == 1)
        // esc is a navigation too: `-` after it returns to the detail.
        state.press(.escape)
        #expect(state.top is AnnotationListScreen)
        state.press(.char("-"))
        #expect(state.detail?.annotationID == 1)
    }

    @Test func nothingBeforeTheFirstMoveIsSaid() {
        var state = makeState()
        state.loadTree()
        #expect(state.press(.char("-")).isEmpty)
        #expect(state.top is TreeScreen)
        #expect(state.flash?.text.hasPrefix("no previous view yet") == true)
    }

    @Test func answersThatArriveWhileAwayAreNotLost() {
        var state = makeState()
        state.loadTree()
        state.press(.down, .enter)
        let list = try! #require(state.list)
        state.press(.char("W"))
        // The first page arrives while the list is the previous view.
        state.answer(AnnotationPageRequest(query: list.query, page: 0, fieldIDs: []),
                     .success(AnnotationPage(rows: sampleRows(1...3), total: 3)))
        state.press(.char("-"))
        #expect(state.list?.load.inFlight == false)
        #expect(ConsoleRenderer.render(state).plainText().contains("invoice-2.pdf"))
    }

    @Test func leavingADetailByDashCancelsItsReviewAndItComesBackWithoutIt() {
        var state = FieldEditorReducerTests().opened()
        _ = FieldEditorReducerTests().startReview(&state)
        state.press(.char("W"))
        #expect(state.heldReviews == [7])
        let back = state.press(.char("-"))
        #expect(state.detail?.annotationID == 7)
        #expect(state.detail?.holdsReview == false, "the review was cancelled when it was left")
        #expect(AppState.requests(AnnotationDetailRequest.self, in: back).map(\.id) == [7])
        // Leaving by `-` goes the way esc does: the review is cancelled.
        state = FieldEditorReducerTests().opened()
        state.press(.char("W"))
        state.press(.char("-"))
        _ = FieldEditorReducerTests().startReview(&state)
        let effects = state.press(.char("-"))
        #expect(state.top is TreeScreen)
        #expect(AppState.requests(ReviewCancelRequest.self, in: effects) == [ReviewCancelRequest(annotationID: 7)])
    }

    @Test func anEditOnItsWayHoldsDashToo() {
        var state = FieldEditorReducerTests().opened()
        state.press(.char("W"))
        state.press(.char("-"))
        _ = FieldEditorReducerTests().startReview(&state)
        state.press(.char("x"))
        let effects = state.press(.char("-"))
        #expect(state.top is DetailScreen)
        #expect(AppState.requests(ReviewCancelRequest.self, in: effects).isEmpty)
        #expect(state.flash?.text.contains("saving 1 edit of #7") == true)
    }
}
