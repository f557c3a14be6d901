import Foundation
import RossumKit
import Testing
import TerminalUI
@testable import Console

/// The detail's field editor as a reducer: keys and answers in, state and requests out.
@Suite struct FieldEditorReducerTests {
    static let tableID = 50

    static func content(total: String = "100.00", rows: [(Int, String, String)] = [(61, "Paper", "60.00"), (64, "Ink", "40.00")]) -> [ContentNode] {
        [
            ContentNode(id: 1, schemaID: "basic", category: "section", children: [
                ContentNode(id: 10, schemaID: "document_id", category: "datapoint", value: "INV-1"),
                ContentNode(id: 11, schemaID: "date_issue", category: "datapoint", value: ""),
                ContentNode(id: 12, schemaID: "amount_total", category: "datapoint", value: total),
            ]),
            ContentNode(id: 2, schemaID: "items_section", category: "section", children: [
                ContentNode(id: tableID, schemaID: "line_items", category: "multivalue", children: rows.map { id, text, amount in
                    ContentNode(id: id, schemaID: "line_item", category: "tuple", children: [
                        ContentNode(id: id + 1, schemaID: "item_description", category: "datapoint", value: text),
                        ContentNode(id: id + 2, schemaID: "item_amount_total", category: "datapoint", value: amount),
                    ])
                }),
            ]),
        ]
    }

    static let schema: [String: FieldSchema] = [
        "document_id": FieldSchema(label: "Invoice number", required: true),
        "date_issue": FieldSchema(label: "Issue date", type: "date", required: true),
        "amount_total": FieldSchema(label: "Amount due", type: "number"),
        "line_items": FieldSchema(label: "Line items"),
        "item_description": FieldSchema(label: "Description"),
        "item_amount_total": FieldSchema(label: "Line total", type: "number"),
    ]

    static func detail(status: String = "to_review", reviewer: Reviewer? = nil, content: [ContentNode] = content()) -> AnnotationDetail {
        var detail = AnnotationDetail(row: AnnotationRow(id: 7, status: status, fileName: "invoice-7.pdf", arrivedAt: nil, modifiedAt: nil),
                                      webURL: "https://acme.rossum.app/document/7")
        detail.editing = EditableContent(content: content, schema: schema, reviewer: reviewer)
        return detail
    }

    /// A console on the detail of #7, loaded and validated (with no messages unless given).
    func opened(readOnly: Bool = false, status: String = "to_review", reviewer: Reviewer? = nil,
                messages: [AnnotationMessage] = []) -> AppState {
        var state = makeState(readOnly: readOnly)
        _ = state.open(DetailScreen(annotationID: 7))
        let effects = state.answer(AnnotationDetailRequest(id: 7), .success(Self.detail(status: status, reviewer: reviewer)))
        if let validate = requests(ContentValidateRequest.self, effects).first {
            state.answer(validate, .success(ContentValidationResult(messages: messages)))
        }
        return state
    }

    func requests<R: DataRequest>(_ type: R.Type, _ effects: [Effect]) -> [R] {
        effects.compactMap { if case .fetch(let request) = $0 { return request.base as? R } else { return nil } }
    }

    func value(_ state: AppState, _ id: Int) -> String? { state.detail?.editor.order.first { $0.id == id }?.value }

    /// Starts the review by editing: `e`, the start answered.
    func startReview(_ state: inout AppState) -> [Effect] {
        let effects = state.press(.char("e"))
        let start = try! #require(requests(ReviewStartRequest.self, effects).first)
        state.press(.escape)
        return state.answer(start, .success(true))
    }

    @Test func movesByFieldByCellAndToWhatNeedsAttention() {
        var state = opened()
        #expect(state.detail?.editor.focused?.id == 10)
        state.press(.char("j"))
        #expect(state.detail?.editor.focused?.id == 11)
        state.press(.char("j"), .char("j"))
        #expect(state.detail?.editor.focused?.id == 62)  // first table row, first column
        state.press(.char("l"))
        #expect(state.detail?.editor.focused?.id == 63)
        state.press(.char("j"))
        #expect(state.detail?.editor.focused?.id == 66)  // the column is kept
        state.press(.char("g"), .char("!"))
        #expect(state.detail?.editor.focused?.id == 11)  // the empty required date
        state.press(.char("!"))
        #expect(state.detail?.editor.focused?.id == 11)  // the only one: stays
        #expect(state.hintEntries().contains { $0.action == EditorAction.edit })
    }

    @Test func attentionGoesToWhatBlocksTheConfirmBeforeWarnings() throws {
        var state = opened(messages: [
            AnnotationMessage(datapointID: 12, type: "warning", content: "sums differ"),
            AnnotationMessage(datapointID: 63, type: "error", content: "not a number"),
        ])
        state.press(.char("!"))
        #expect(state.detail?.editor.focused?.id == 11)  // required and empty
        state.press(.char("!"))
        #expect(state.detail?.editor.focused?.id == 63)  // the error, past the warning
        state.press(.char("!"))
        #expect(state.detail?.editor.focused?.id == 12)  // then the warning: every one is reached
        state.press(.char("!"))
        #expect(state.detail?.editor.focused?.id == 11)
        let validate = try #require(requests(ContentValidateRequest.self, startReview(&state)).first)
        state.answer(validate, .success(ContentValidationResult(messages: [AnnotationMessage(datapointID: 12, type: "warning", content: "sums differ")])))
        var filled = state.detail!.editor
        filled.server = Self.content()
        #expect(filled.attention(filled.order.first { $0.id == 12 }!) == .warning)
        #expect(filled.attention(filled.order.first { $0.id == 11 }!) == .blocking)
    }

    /// At 80x24 the validation summary above the fields grows with each warning; the focused
    /// cell must not scroll out of view when the answer brings more of them.
    @Test func theFocusedCellStaysInViewWhenMessagesArrive() throws {
        var state = opened()
        _ = state.apply(.resize(width: 80, height: 24))
        state.press(.char("G"))
        let validate = try #require(requests(ContentValidateRequest.self, startReview(&state)).first)
        let warnings = (0..<12).map { AnnotationMessage(datapointID: 10, type: "warning", content: "warning \($0) about the invoice number") }
        state.answer(validate, .success(ContentValidationResult(messages: warnings)))
        let screen = try #require(state.detail)
        let context = state.context()
        let lines = screen.lines(try #require(screen.detail), context, width: screen.linesWidth(context))
        let focused = try #require(lines.firstIndex { $0.focus != nil })
        #expect(focused >= screen.scroll && focused < screen.scroll + context.bodyRows)
    }

    @Test func editShowsAtOnceStartsTheReviewAndValidatesAfterTheServerAnswers() throws {
        var state = opened()
        state.press(.char("j"), .char("j"))
        var effects = state.press(.enter)
        let start = try #require(requests(ReviewStartRequest.self, effects).first)
        #expect(state.detail?.editor.review == .starting)
        #expect(state.heldReviews == [state.detail!.annotationID], "a review being started is released on close too")
        state.press(.ctrl("u"))
        state.type("1 234,50")
        effects = state.press(.enter)
        // Shown at once; sent only once the review is ours.
        #expect(value(state, 12) == "1 234,50")
        #expect(requests(ContentEditRequest.self, effects).isEmpty)
        effects = state.answer(start, .success(true))
        #expect(state.detail?.editor.review == .mine)
        #expect(state.scopes.first == ConsoleScope.editor)
        let edit = try #require(requests(ContentEditRequest.self, effects).first)
        #expect(edit.edit == .replace(datapointID: 12, old: "100.00", new: "1 234,50"))
        effects = state.answer(edit, .success(Self.content(total: "1 234,50")))
        #expect(value(state, 12) == "1 234,50")
        #expect(state.detail?.editor.outbox.isEmpty == true)
        let validate = try #require(requests(ContentValidateRequest.self, effects).first)
        #expect(validate.updatedIDs == [12])
        state.answer(validate, .success(ContentValidationResult(messages: [
            AnnotationMessage(datapointID: 12, type: "warning", content: "Line items add up to 100.00"),
        ])))
        let screen = state.render()
        #expect(screen.contains("! Line items add up to 100.00"))
        #expect(screen.contains("1 warning"))
    }

    /// A message longer than the screen is wrapped, in the summary and at its field, at 80x24
    /// as at 120x35: the person reads it whole.
    @Test func longMessagesWrapInsteadOfBeingCutOff() {
        for (width, height) in [(80, 24), (120, 35)] {
            let sentence = "Line items add up to 10831.76, but Total without tax is 10831.75 and the difference needs a look."
            var state = opened(messages: [AnnotationMessage(datapointID: 12, type: "warning", content: sentence)])
            state.send(.resize(width: width, height: height))
            let screen = state.render()
            #expect(screen.contains("needs a look."), "\(width)x\(height):\n\(screen)")
            #expect(!screen.split(separator: "\n").contains { TextWidth.of(String($0)) > width })
        }
    }

    @Test func escCancelsTheTypingAndNothingIsSent() {
        var state = opened()
        _ = startReview(&state)
        state.press(.char("e"))
        state.type("changed")
        let effects = state.press(.escape)
        #expect(effects.isEmpty)
        #expect(value(state, 10) == "INV-1")
        #expect(state.detail?.editor.input == nil)
        #expect(state.top is DetailScreen)
    }

    @Test func typingTakesWideAndCombinedCharactersWhole() {
        var state = opened()
        state.press(.char("e"), .ctrl("u"))
        state.send(.paste("Žluťoučký 東京"))
        state.press(.backspace, .left, .backspace)
        #expect(state.detail?.editor.input?.text.text == "Žluťoučký東")  // the space went, 東 stayed whole
    }

    @Test func undoIsANewOperationSentToTheServer() throws {
        var state = opened()
        _ = startReview(&state)
        let cleared0 = state.press(.char("x"))  // clear the invoice number
        #expect(value(state, 10) == "")
        let clear = try #require(requests(ContentEditRequest.self, cleared0).first)
        var cleared = Self.content()
        cleared[0].children[0].content = DatapointValue(value: "")
        state.answer(clear, .success(cleared))
        let effects = state.press(.char("u"))
        let undo = try #require(requests(ContentEditRequest.self, effects).first)
        #expect(undo.edit == .replace(datapointID: 10, old: "", new: "INV-1"))
        #expect(value(state, 10) == "INV-1")
        state.answer(undo, .success(Self.content()))
        #expect(state.detail?.editor.undo.isEmpty == true)  // an undo is not undone by u
    }

    /// The edit in flight, as the runner holds it.
    func pendingEdit(_ state: AppState) -> ContentEditRequest? {
        guard let first = state.detail?.editor.outbox.first else { return nil }
        return ContentEditRequest(annotationID: 7, seq: first.seq, edit: first.edit)
    }

    /// A long list of blockers and messages below the fields must not push the last cell out
    /// of view when `G` moves to it.
    @Test func endShowsTheLastCellAboveALongBlockerList() {
        var state = makeState(width: 120, height: 35)
        _ = state.open(DetailScreen(annotationID: 7))
        var detail = Self.detail()
        detail.blockers = (1...30).map { BlockerSummary(level: "datapoint", type: "low_score", schemaID: "field_\($0)") }
        detail.messages = (1...10).map { "Message \($0)" }
        let effects = state.answer(AnnotationDetailRequest(id: 7), .success(detail))
        if let validate = requests(ContentValidateRequest.self, effects).first {
            state.answer(validate, .success(ContentValidationResult(messages: [])))
        }
        state.press(.char("G"))
        #expect(state.detail?.editor.focused?.id == 66, "Ink's line total")
        let screen = ConsoleRenderer.render(state).plainText()
        #expect(screen.contains("40.00") && screen.contains("Line items ("), "\(screen)")
        #expect(!screen.contains("Message 10"), "the view stays at the fields, not the end of the page")
    }

    @Test func lineItemsAddDuplicateDelete() throws {
        var state = opened()
        _ = startReview(&state)
        state.press(.char("G"))  // last cell: Ink's line total
        var effects = state.press(.char("a"))
        let add = try #require(requests(ContentEditRequest.self, effects).first)
        #expect(add.edit == .addRow(multivalueID: Self.tableID, values: [:]))
        // The row shows at once, the cursor in it.
        #expect(state.detail?.editor.focusedRow?.cells.allSatisfy(\.isPlaceholder) == true)
        effects = state.answer(add, .success(Self.content(rows: [(61, "Paper", "60.00"), (64, "Ink", "40.00"), (90, "", "")])))
        #expect(state.detail?.editor.focused?.id == 91)
        #expect(state.detail?.editor.undo.last == .removeRow(tupleID: 90, multivalueID: Self.tableID, values: [:]))

        state.press(.char("k"))  // Ink
        effects = state.press(.char("y"))
        let duplicate = try #require(requests(ContentEditRequest.self, effects).first)
        #expect(duplicate.edit == .addRow(multivalueID: Self.tableID, values: ["item_description": "Ink", "item_amount_total": "40.00"]))
        state.answer(duplicate, .success(Self.content(rows: [(61, "Paper", "60.00"), (64, "Ink", "40.00"), (90, "", ""), (93, "Ink", "40.00")])))

        state.press(.char("g"), .char("j"), .char("j"), .char("j"))  // Paper
        #expect(state.detail?.editor.focused?.id == 62)
        effects = state.press(.char("X"))
        let delete = try #require(requests(ContentEditRequest.self, effects).first)
        #expect(delete.edit.operations == [["op": "remove", "id": 61]])
        #expect(state.detail?.editor.focused?.id == 65)  // the next row
        #expect(state.detail?.editor.focusedRow?.tupleID == 64)
    }

    @Test func aRefusedSaveRestoresTheOldValueAndKeepsWhatWasTyped() throws {
        var state = opened()
        _ = startReview(&state)
        state.press(.char("e"), .ctrl("u"))
        state.type("INV-2")
        let effects = state.press(.enter)
        let edit = try #require(requests(ContentEditRequest.self, effects).first)
        let after = state.answer(edit, .failure(ConsoleFailure(kind: .conflict, status: 409, message: "being reviewed by another user")))
        #expect(value(state, 10) == "INV-1")
        #expect(state.flash?.text.contains("being reviewed by another user") == true)
        #expect(state.detail?.editor.input == nil, "the keyboard is not taken back by itself")
        #expect(!requests(AnnotationDetailRequest.self, after).isEmpty)  // learns whose lock it is
        state.press(.char("e"))
        #expect(state.detail?.editor.input?.text.text == "INV-2", "e brings back what was typed")
    }

    /// A refused new row gives the cursor back to where it was, not to the first field.
    @Test func aRefusedRowLeavesTheCursorInTheTable() throws {
        var state = opened()
        _ = startReview(&state)
        state.press(.char("j"), .char("j"), .char("j"))  // into the table
        let before = state.detail?.editor.cursor
        state.press(.char("y"))
        let edit = try #require(pendingEdit(state))
        state.answer(edit, .failure(ConsoleFailure(kind: .server, status: 500, message: "Injected fault")))
        #expect(state.detail?.editor.cursor == before)
        #expect(state.flash?.text.contains("not saved (row added)") == true)
    }

    @Test func anotherUsersReviewRefusesEditingWithTheReason() {
        let since = Date(timeIntervalSince1970: 1_799_999_000)
        var state = opened(status: "reviewing", reviewer: Reviewer(name: "jana", since: since, isMe: false))
        #expect(state.render().contains("held by jana since"))
        let effects = state.press(.char("e"))
        #expect(effects.isEmpty)
        #expect(state.detail?.editor.input == nil)
        #expect(state.flash?.text.contains("being reviewed by jana since") == true)
        #expect(!state.hintEntries().contains { $0.action == EditorAction.edit })
        #expect(state.detail?.editor.validation.asked == 0)  // validate would be a 409
    }

    @Test func confirmIsRefusedWhileTheServerReportsErrors() throws {
        var state = opened()
        let effects = startReview(&state)
        let validate = try #require(requests(ContentValidateRequest.self, effects).first)
        state.answer(validate, .success(ContentValidationResult(messages: [
            AnnotationMessage(datapointID: 11, type: "error", content: "This field is required."),
            AnnotationMessage(datapointID: 12, type: "warning", content: "sums differ"),
        ])))
        state.press(.char("c"))
        let (dialog, purpose) = try #require(state.dialog)
        #expect(purpose == .information)
        #expect(dialog.message.contains("Issue date: This field is required."))
        #expect(!dialog.message.contains { $0.contains("sums differ") })
        state.press(.escape)
        // A stale answer (an older validation) changes nothing.
        state.answer(ContentValidateRequest(annotationID: 7, seq: 1), .success(ContentValidationResult(messages: [])))
        #expect(state.detail?.editor.validation.blocking.count == 1)
        state.answer(validate, .success(ContentValidationResult(messages: [])))
        state.press(.char("c"))
        #expect(state.dialog?.1 == .annotationCommand(.confirm, ids: [7]))
        #expect(state.dialog?.0.startedOnCancel == false, "nothing to read: c, enter confirms")
    }

    /// An extension's message on the annotation (MDH matching found no supplier) stands with
    /// the validation's: at its field, in the summary, for `!` and in the confirm dialog.
    @Test func theAnnotationsOwnMessagesStandWithTheValidations() throws {
        var state = makeState()
        _ = state.open(DetailScreen(annotationID: 7))
        var detail = Self.detail()
        detail.editing?.messages = [AnnotationMessage(datapointID: 10, type: "warning", content: "No supplier in master data matches")]
        let effects = state.answer(AnnotationDetailRequest(id: 7), .success(detail))
        let validate = try #require(requests(ContentValidateRequest.self, effects).first)
        state.answer(validate, .success(ContentValidationResult(messages: [])))
        #expect(state.render().contains("Invoice number: No supplier in master data matches"))
        #expect(state.detail?.editor.attention(state.detail!.editor.order.first { $0.id == 10 }!) == .warning)
        let start = try #require(requests(ReviewStartRequest.self, state.press(.char("e"))).first)
        state.press(.escape)
        let answered = state.answer(start, .success(true))
        state.answer(try #require(requests(ContentValidateRequest.self, answered).first), .success(ContentValidationResult(messages: [])))
        state.press(.char("c"))
        #expect(state.dialog?.0.message.contains("  ! Invoice number: No supplier in master data matches") == true)
    }

    @Test func confirmingPastWarningsListsThemAndStartsOnCancel() throws {
        var state = opened()
        let validate = try #require(requests(ContentValidateRequest.self, startReview(&state)).first)
        state.answer(validate, .success(ContentValidationResult(messages: [
            AnnotationMessage(datapointID: 12, type: "warning", content: "The line items add up to 90.00, not 100.00."),
        ])))
        state.press(.char("c"))
        let (dialog, purpose) = try #require(state.dialog)
        #expect(purpose == .annotationCommand(.confirm, ids: [7]))
        #expect(dialog.message.contains("  ! Amount due: The line items add up to 90.00, not 100.00."))
        #expect(dialog.startedOnCancel)
        #expect(state.press(.enter).isEmpty, "enter on Cancel confirms nothing")
    }

    @Test func leavingCancelsTheReviewButNotWhileAnEditIsUnsaved() throws {
        var state = opened()
        _ = startReview(&state)
        state.press(.char("x"))
        var effects = state.press(.escape)
        #expect(state.top is DetailScreen)  // the edit is not answered yet
        #expect(requests(ReviewCancelRequest.self, effects).isEmpty)
        let edit = try #require(pendingEdit(state))
        state.answer(edit, .success(Self.content()))
        effects = state.press(.escape)
        #expect(!(state.top is DetailScreen))
        let cancel = requests(ReviewCancelRequest.self, effects)
        #expect(cancel == [ReviewCancelRequest(annotationID: 7)])
        #expect(state.heldReviews == [7], "until the server answers, quitting would send the cancel again")
        #expect(state.flash?.text.contains("cancelled") != true, "not said before the server agrees")
        state.answer(cancel[0], .success(true))
        #expect(state.heldReviews.isEmpty)
        #expect(state.flash?.text == "review of #7 cancelled (not confirmed)")
    }

    @Test func aCancelTheServerRefusesIsSaid() {
        var state = opened()
        _ = startReview(&state)
        let cancel = requests(ReviewCancelRequest.self, state.press(.escape))
        state.answer(cancel[0], .failure(ConsoleFailure(kind: .other, status: 503, message: "Injected fault")))
        #expect(state.flash?.level == .error)
        #expect(state.flash?.text.hasPrefix("#7 stays locked to you (:ann 7, esc retries): cancel failed: Injected fault") == true)
    }

    @Test func everyWayOutOfTheDetailCancelsItsReview() {
        var state = makeState()
        state.openQueueWithRows(rows: sampleRows(1...3))
        state.press(.enter)
        let first = try! #require(state.detail?.annotationID)
        var detail = Self.detail()
        detail.row.id = first
        state.answer(AnnotationDetailRequest(id: first), .success(detail))
        let start = try! #require(requests(ReviewStartRequest.self, state.press(.char("e"))).first)
        state.press(.escape)
        state.answer(start, .success(true))
        // `n` opens the next document in this one's place: the review left behind is cancelled.
        let effects = state.press(.char("n"))
        #expect(state.detail?.annotationID != first)
        #expect(requests(ReviewCancelRequest.self, effects) == [ReviewCancelRequest(annotationID: first)])
    }

    @Test func aSaveOnItsWayHoldsEveryWayOut() throws {
        var state = opened()
        _ = startReview(&state)
        state.press(.char("x"))
        for action in [NavigationAction.back, ConsoleAction.workspaces, NavigationAction.quit] {
            let effects = state.perform(action)
            #expect(state.top is DetailScreen && !state.quitRequested, "\(action)")
            #expect(requests(ReviewCancelRequest.self, effects).isEmpty)
            #expect(state.flash?.text.contains("saving 1 edit of #7") == true)
        }
        state.answer(try #require(pendingEdit(state)), .success(Self.content()))
        #expect(state.perform(NavigationAction.quit) == [.quit])
        #expect(state.heldReviews == [7], "the launcher cancels it after the loop")
    }

    @Test func quittingWhileTypingAsksFirst() {
        var state = opened()
        _ = startReview(&state)
        state.press(.char("e"))
        state.type("12")
        #expect(state.perform(NavigationAction.quit).isEmpty)
        let (dialog, purpose) = try! #require(state.dialog)
        #expect(purpose == .quit && dialog.startedOnCancel)
        #expect(dialog.message.contains { $0.contains("#7 is being typed") })
        #expect(dialog.message.contains { $0.contains("review of #7 is cancelled") })
    }

    /// The race the fault audit found: a poll asked before the review started, answered after
    /// it, said "to review" and the screen forgot the review it held (esc then cancelled nothing).
    @Test func aDetailAnswerThatCrossedTheStartIsNotBelieved() {
        var state = opened()
        let poll = try! #require(requests(AnnotationDetailRequest.self, state.perform(NavigationAction.refresh)).first)
        let start = try! #require(requests(ReviewStartRequest.self, state.press(.char("e"))).first)
        state.press(.escape)
        state.answer(start, .success(true))
        let effects = state.answer(poll, .success(Self.detail(status: "to_review")))
        #expect(state.detail?.editor.review == .mine)
        #expect(state.detail?.holdsReview == true)
        let again = requests(AnnotationDetailRequest.self, effects)
        #expect(again.count == 1, "asked again, now that nothing is on its way")
        state.answer(again[0], .success(Self.detail(status: "reviewing", reviewer: Reviewer(name: "me", since: nil, isMe: true))))
        #expect(state.detail?.editor.review == .mine)
    }

    /// A poll asked while a save was on its way, answered after it: its content predates the save.
    @Test func aDetailAnswerThatCrossedASaveDoesNotRevertIt() throws {
        var state = opened()
        _ = startReview(&state)
        state.press(.char("j"), .char("j"), .char("x"))  // clears the amount due
        let poll = try #require(requests(AnnotationDetailRequest.self, state.perform(NavigationAction.refresh)).first)
        state.answer(try #require(pendingEdit(state)), .success(Self.content(total: "")))
        #expect(value(state, 12) == "")
        state.answer(poll, .success(Self.detail(status: "reviewing", reviewer: Reviewer(name: "me", since: nil, isMe: true))))
        #expect(value(state, 12) == "", "the older answer must not bring the old value back")
    }

    /// A 409 on a save: the review is gone, so the edits queued after it are not sent either.
    @Test func aConflictDropsTheEditsQueuedAfterIt() throws {
        var state = opened()
        _ = startReview(&state)
        state.press(.char("x"))
        state.press(.char("j"), .char("j"), .char("x"))
        let edit = try #require(pendingEdit(state))
        let effects = state.answer(edit, .failure(ConsoleFailure(kind: .conflict, status: 409, message: "reviewed by someone else")))
        #expect(requests(ContentEditRequest.self, effects).isEmpty)
        #expect(state.detail?.editor.outbox.isEmpty == true)
        #expect(state.flash?.text.contains("and 1 more edit") == true)
        #expect(requests(AnnotationDetailRequest.self, effects).count == 1, "asks whose review it is now")
    }

    /// While the review is ours `u` undoes; help must not also call it the list's requeue.
    @Test func helpNamesOnlyWhatAKeyDoesHere() {
        var state = opened()
        _ = startReview(&state)
        let help = state.helpSections().flatMap(\.entries)
        let meaningsOfU = help.filter { $0.keys.contains(.char("u")) }.map(\.action)
        #expect(meaningsOfU == [EditorAction.undo])
    }

    /// The page text takes what the fields leave of a wide screen, and a line cut at its edge
    /// ends in an ellipsis (the value may be in the cut part).
    @Test func thePageTextGrowsWithTheScreenAndMarksCutLines() {
        var state = opened()
        _ = state.apply(.resize(width: 160, height: 35))
        let long = "Supplier: Dodavatel s.r.o., Na Příkopě 12, 110 00 Praha 1, IČO 12345678, DIČ CZ12345678, bank 1234567890/0800"
        state.answer(PageDataRequest(annotationID: 7), .success([PageText(pageNumber: 1, items: [PageText.Item(text: long, position: nil)])]))
        let screen = state.render()
        let line = try! #require(screen.split(separator: "\n").first { $0.contains("Supplier: Dodavatel") })
        let shown = line.split(separator: "│").last.map(String.init) ?? ""
        #expect(TextWidth.of(shown) >= 75, "the pane takes 80 of 160 columns (it was 38)")
        #expect(shown.trimmingCharacters(in: .whitespaces).hasSuffix("…"))
    }

    @Test func aPasteCutAtTheLimitAndARowAddedFromAHeaderAreSaid() throws {
        var state = opened()
        _ = startReview(&state)
        state.press(.char("e"))
        state.send(.paste(String(repeating: "x", count: TextInput.maximumLength + 100)))
        #expect(state.flash?.text == "the paste was cut at 2,000 characters")
        state.press(.escape)
        state.press(.char("a"))  // on the invoice number: the only table gets the row
        #expect(state.flash?.text == "line item added to Line items (its last row)")
    }

    @Test func readOnlyHasNoEditingKeys() {
        var state = opened(readOnly: true)
        let effects = state.press(.char("e"))
        #expect(effects.isEmpty)
        #expect(state.detail?.editor.input == nil)
        let help = state.helpSections().flatMap(\.entries).map(\.action)
        #expect(!help.contains(EditorAction.edit) && !help.contains(EditorAction.addRow) && !help.contains(EditorAction.undo))
        #expect(help.contains(EditorAction.nextAttention))
        #expect(!state.hintEntries().contains { $0.action == EditorAction.edit })
    }

    @Test func aRefreshOrResizeLosesNothingTyped() {
        var state = opened()
        state.press(.char("e"))
        state.type("-X")
        state.answer(AnnotationDetailRequest(id: 7), .success(Self.detail()))
        state.send(.resize(width: 80, height: 24))
        #expect(state.detail?.editor.input?.text.text == "INV-1-X")
        #expect(state.render().contains("INV-1-X"))
    }
}

extension AppState {
    func render() -> String { ConsoleRenderer.render(self).plainText() }
}
