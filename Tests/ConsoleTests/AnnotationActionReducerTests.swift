import Foundation
import Testing
import TerminalUI
@testable import Console

@Suite struct AnnotationActionReducerTests {
    func command(_ command: AnnotationCommand, _ id: Int, bulk: Int? = nil) -> Effect {
        .fetch(AnnotationCommandRequest(command: command, id: id, bulkID: bulk))
    }

    @Test func singleConfirmIsTwoKeysShowsAtOnceAndReportsSuccess() {
        var state = makeState()
        state.openQueueWithRows()
        var effects = state.press(.char("c"))
        let (dialog, _) = try! #require(state.dialog)
        #expect(dialog.title == "Confirm annotation #1?")
        #expect(dialog.focus == .confirm)
        #expect(dialog.message.first == "#1  invoice-1.pdf — to review")
        #expect(effects.isEmpty)
        effects = state.press(.enter)
        #expect(state.overlay == nil)
        #expect(effects == [command(.confirm, 1)])
        // The row shows the pending change in the very next frame.
        #expect(state.pending[1] == .confirm)
        #expect(ConsoleRenderer.render(state).plainText().contains("confirming…"))
        effects = state.answer(AnnotationCommandRequest(command: .confirm, id: 1, bulkID: nil), .success("exported"))
        #expect(state.pending.isEmpty)
        #expect(state.flash?.text == "#1 confirmed (now exported)")
        #expect(effects.contains(.fetch(AnnotationRowRequest(id: 1, fieldIDs: []))))
        #expect(effects.contains(.fetch(WorkspacesRequest())), "queue counts refresh after a change")
        // Meanwhile the tabs follow the answer, so they never disagree with the list.
        #expect(state.list?.queue.counts["to_review"] == 11 && state.list?.queue.counts["exported"] == 141)
        state.answer(AnnotationCommandRequest(command: .confirm, id: 2, bulkID: nil), .success("confirmed"))
        #expect(state.flash?.text == "#2 confirmed", "the status is not repeated when it says what the verb said")
    }

    @Test func conflictIsShownPlainlyAndTheRowRestored() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.char("p"), .enter)
        #expect(ConsoleRenderer.render(state).plainText().contains("postponing…"))
        let conflict = ConsoleFailure(kind: .conflict, status: 409, message: "annotation is being reviewed by bob")
        let effects = state.answer(AnnotationCommandRequest(command: .postpone, id: 1, bulkID: nil), .failure(conflict))
        #expect(state.flash?.level == .error)
        #expect(state.flash?.text.contains("409 conflict") == true)
        #expect(state.flash?.text.contains("reviewed by bob") == true)
        #expect(!ConsoleRenderer.render(state).plainText().contains("postponing…"), "a failure restores the row")
        #expect(effects.contains(.fetch(AnnotationRowRequest(id: 1, fieldIDs: []))))
        state.answer(AnnotationRowRequest(id: 1, fieldIDs: []), .success(AnnotationRow(id: 1, status: "reviewing", fileName: "invoice-1.pdf", modifier: "bob")))
        #expect(state.list?.rows.row(at: 0)?.status == "reviewing")
    }

    @Test func rejectCarriesTheNote() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.char("r"))
        state.type("wrong supplier")
        state.press(.enter)  // from the field to the action
        let effects = state.press(.enter)
        #expect(effects == [command(.reject(note: "wrong supplier"), 1)])
    }

    @Test func escapeAndCancelDoNothing() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.char("d"))
        #expect(state.dialog?.0.focus == .cancel, "delete starts on Cancel")
        #expect(state.press(.enter).isEmpty)
        #expect(state.overlay == nil)
        state.press(.char("c"))
        #expect(state.press(.escape).isEmpty)
        #expect(state.overlay == nil)
    }

    @Test func yNeverConfirmsADialogThatStartsOnCancel() {
        var state = makeState()
        state.openQueueWithRows()
        #expect(state.press(.char("d"), .char("y")).isEmpty, "d y must not delete")
        #expect(state.dialog != nil, "the dialog holds")
        #expect(state.dialog?.0.keyHint.contains("y yes") == false)
        #expect(ConsoleRenderer.render(state).plainText().contains("tab move · enter choose · esc cancel"), "the keys are in the dialog")
        // Moving to the action and pressing enter is the way.
        let effects = state.press(.right, .enter)
        #expect(effects == [command(.delete, 1)])
        // A single confirm starts on its action: there `y` works.
        state.press(.down, .char("c"))
        #expect(state.press(.char("y")) == [command(.confirm, 2)])
    }

    @Test func bulkPostponeRunsEveryMarkAndReportsPerItemInAnyOrder() {
        var state = makeState()
        state.openQueueWithRows(rows: sampleRows(1...100) { _ in "to_review" })
        state.press(.space, .space, .space)
        #expect(state.list?.marked == [1, 2, 3])
        state.press(.char("p"))
        let (dialog, _) = try! #require(state.dialog)
        #expect(dialog.title == "Postpone 3 annotations?")
        #expect(dialog.focus == .cancel, "bulk starts on Cancel")
        let effects = state.press(.right, .enter)
        #expect(effects == [command(.postpone, 1, bulk: 1), command(.postpone, 2, bulk: 1), command(.postpone, 3, bulk: 1)])
        #expect(state.overlay == .bulkReport)
        // Results arrive out of order; one conflict does not stop the others.
        state.answer(AnnotationCommandRequest(command: .postpone, id: 3, bulkID: 1), .success("postponed"))
        state.answer(AnnotationCommandRequest(command: .postpone, id: 1, bulkID: 1), .failure(ConsoleFailure(kind: .conflict, status: 409, message: "status changed")))
        #expect(state.bulk?.finished == false)
        let last = state.answer(AnnotationCommandRequest(command: .postpone, id: 2, bulkID: 1), .success("postponed"))
        #expect(state.bulk?.finished == true)
        #expect(state.bulk?.succeededCount == 2 && state.bulk?.failedCount == 1)
        #expect(state.list?.marked == [1], "the failed item stays marked")
        #expect(state.flash?.text == "Postpone: 2 of 3 postponed, 1 failed")
        #expect(last.contains(.fetch(AnnotationRowRequest(id: 2, fieldIDs: []))))
        // A late duplicate answer for another bulk run is ignored.
        state.answer(AnnotationCommandRequest(command: .postpone, id: 2, bulkID: 99), .success(nil))
        #expect(state.bulk?.succeededCount == 2)
        state.press(.enter)
        #expect(state.overlay == nil)
    }

    @Test func commandsOnlyReachAnnotationsTheyApplyTo() {
        var state = makeState()
        state.openQueueWithRows()  // #3 is postponed
        state.press(.space, .space, .space, .char("p"))
        let (dialog, purpose) = try! #require(state.dialog)
        #expect(purpose == .annotationCommand(.postpone, ids: [1, 2]))
        #expect(dialog.message.contains { $0.contains("1 marked annotation left out") })
        // On an exported annotation, confirm says why it does nothing.
        var exported = makeState()
        exported.openQueueWithRows(rows: sampleRows(1...100) { _ in "exported" })
        #expect(exported.press(.char("c")).isEmpty && exported.overlay == nil)
        #expect(exported.flash?.text == "#1 is exported: confirm does not apply")
        #expect(!FooterView.hints(exported).map(\.1).contains("confirm"), "the hint bar does not offer it")
        var fresh = makeState()
        fresh.openQueueWithRows()
        #expect(FooterView.hints(fresh).map(\.1).contains("confirm"))
    }

    @Test func rangeAndAllVisibleMarks() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.space)          // marks #1, cursor on #2
        state.press(.down, .down, .down)  // cursor on #5
        state.press(.char("v"))
        #expect(state.list?.marked == [1, 2, 3, 4, 5])
        state.press(.char("x"))
        #expect(state.list?.marked.isEmpty == true)
        state.press(.ctrl("a"))
        #expect(state.list?.marked.count == AnnotationListScreen.visibleRows(state.context()))
    }

    @Test func moreThanTwentyNeedTheCountTyped() {
        var state = makeState()
        state.openQueueWithRows(rows: sampleRows(1...100) { _ in "to_review" })
        state.press(.ctrl("a"))
        let count = state.list!.marked.count
        #expect(count == 21)
        state.press(.char("c"))
        let (dialog, purpose) = try! #require(state.dialog)
        #expect(dialog.requiredTyping == "21")
        #expect(dialog.focus == .field(0))
        #expect(purpose == .annotationCommand(.confirm, ids: Array(1...21)))
        // Going straight to the action without typing is refused.
        state.press(.tab, .tab)
        #expect(state.press(.enter).isEmpty)
        #expect(state.dialog?.0.error == "type 21 exactly to go ahead")
        state.type("21")
        let effects = state.press(.enter)
        #expect(effects.count == 21)
    }

    @Test func readOnlyHasNoDangerousKeysAndSaysWhy() {
        var state = makeState(readOnly: true)
        state.openQueueWithRows()
        #expect(state.press(.char("c")).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.flash?.text == "read-only mode: confirm is switched off")
        #expect(state.perform(ConsoleAction.confirm).isEmpty)
        let hints = FooterView.hints(state).map(\.1)
        #expect(!hints.contains("confirm") && hints.contains("next"))
        let help = state.helpSections().flatMap(\.entries)
        #expect(!help.contains { $0.dangerous })
        #expect(help.contains { $0.action == ConsoleAction.nextToReview })
    }

    @Test func openInBrowserUsesTheWebAppURL() {
        var state = makeState()
        state.openQueueWithRows()
        #expect(state.press(.char("o")) == [.openURL("https://acme.rossum.app/document/1")])
        state.send(.urlOpened("https://acme.rossum.app/document/1", viaBrowser: false))
        #expect(state.flash?.text.contains("copied") == true)
    }

    @Test func requeueAndStartFromTheDetail() {
        var state = makeState()
        state.openQueueWithRows(rows: sampleRows(1...100) { $0 == 1 ? "failed_export" : "to_review" })
        state.press(.enter)
        #expect(FooterView.hints(state).map(\.1).contains("to review"), "u is offered on a failed export")
        state.press(.char("u"))
        #expect(state.press(.enter) == [command(.requeue, 1)])
        var effects = state.answer(AnnotationCommandRequest(command: .requeue, id: 1, bulkID: nil), .success("to_review"))
        #expect(AppState.requests(AnnotationDetailRequest.self, in: effects).map(\.id) == [1], "the open detail reloads")
        state.answer(AnnotationDetailRequest(id: 1), .success(AnnotationDetail(row: AnnotationRow(id: 1, status: "to_review", fileName: "a"), webURL: "u")))
        state.press(.char("s"))
        #expect(state.press(.enter) == [command(.start, 1)])
        effects = state.answer(AnnotationCommandRequest(command: .start, id: 1, bulkID: nil), .success("reviewing"))
        #expect(AppState.requests(AnnotationDetailRequest.self, in: effects).map(\.id) == [1])
    }

    @Test func quittingWithARunningJobAsksFirst() {
        var state = makeState()
        state.send(.job(JobProgress(row: OperationRow(id: "job:download:1", source: .job, kind: "download", state: "running", dataset: "suppliers"))))
        #expect(state.press(.char("q")).isEmpty)
        #expect(state.dialog?.0.title == "Quit while a job runs?")
        #expect(state.press(.char("y")).isEmpty, "the question starts on Cancel")
        #expect(state.press(.right, .enter) == [.quit])
        #expect(state.quitRequested)
    }
}
