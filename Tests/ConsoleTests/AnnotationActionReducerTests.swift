import Foundation
import Testing
import TerminalUI
@testable import Console

@Suite struct AnnotationActionReducerTests {
    @Test func singleConfirmIsTwoKeysAndReportsSuccess() {
        var state = makeState()
        state.openQueueWithRows()
        var effects = state.press(.char("c"))
        guard case .dialog(let dialog) = state.overlay else { Issue.record("no dialog"); return }
        #expect(dialog.title == "Confirm annotation 1?")
        #expect(dialog.focus == dialog.okIndex)
        #expect(effects.isEmpty)
        effects = state.press(.enter)
        #expect(state.overlay == nil)
        #expect(effects == [.run(.confirm, id: 1, bulkID: nil)])
        effects = state.send(.commandFinished(.confirm, id: 1, bulkID: nil, .success("exported")))
        #expect(state.flash?.text == "#1 confirmed (now exported)")
        #expect(effects.contains(.refreshAnnotationRow(id: 1)))
        #expect(effects.contains(.loadWorkspaces), "queue counts refresh after a change")
    }

    @Test func conflictIsShownPlainlyAndTheRowRefreshed() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.char("p"), .enter)
        let conflict = ConsoleFailure(kind: .conflict, status: 409, message: "annotation is being reviewed by bob")
        let effects = state.send(.commandFinished(.postpone, id: 1, bulkID: nil, .failure(conflict)))
        #expect(state.flash?.level == .error)
        #expect(state.flash?.text.contains("409 conflict") == true)
        #expect(state.flash?.text.contains("reviewed by bob") == true)
        #expect(effects.contains(.refreshAnnotationRow(id: 1)))
        state.send(.annotationRowRefreshed(AnnotationRow(id: 1, status: "reviewing", fileName: "invoice-1.pdf", modifier: "bob")))
        #expect(state.list?.row(at: 0)?.status == "reviewing")
    }

    @Test func rejectCarriesTheNote() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.char("r"))
        state.type("wrong supplier")
        state.press(.enter)  // from the field to OK
        let effects = state.press(.enter)
        #expect(effects == [.run(.reject(note: "wrong supplier"), id: 1, bulkID: nil)])
    }

    @Test func escapeAndCancelDoNothing() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.char("d"))
        guard case .dialog(let dialog) = state.overlay else { Issue.record("no dialog"); return }
        #expect(dialog.focus == dialog.cancelIndex, "delete starts on Cancel")
        #expect(state.press(.enter).isEmpty)
        #expect(state.overlay == nil)
        state.press(.char("c"))
        #expect(state.press(.escape).isEmpty)
        #expect(state.overlay == nil)
    }

    @Test func bulkPostponeRunsEveryMarkAndReportsPerItemInAnyOrder() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.space, .space, .space)
        #expect(state.list?.marked == [1, 2, 3])
        state.press(.char("p"))
        guard case .dialog(let dialog) = state.overlay else { Issue.record("no dialog"); return }
        #expect(dialog.title == "Postpone 3 annotations?")
        #expect(dialog.focus == dialog.cancelIndex, "bulk starts on Cancel")
        let effects = state.press(.right, .enter)
        #expect(effects == [.run(.postpone, id: 1, bulkID: 1), .run(.postpone, id: 2, bulkID: 1), .run(.postpone, id: 3, bulkID: 1)])
        #expect(state.overlay == .bulkReport)
        // Results arrive out of order; one conflict does not stop the others.
        state.send(.commandFinished(.postpone, id: 3, bulkID: 1, .success("postponed")))
        state.send(.commandFinished(.postpone, id: 1, bulkID: 1, .failure(ConsoleFailure(kind: .conflict, status: 409, message: "status changed"))))
        #expect(state.bulk?.finished == false)
        let last = state.send(.commandFinished(.postpone, id: 2, bulkID: 1, .success("postponed")))
        #expect(state.bulk?.finished == true)
        #expect(state.bulk?.succeededCount == 2 && state.bulk?.failedCount == 1)
        #expect(state.list?.marked == [1], "the failed item stays marked")
        #expect(state.flash?.text == "Postpone: 2 of 3 postponed, 1 failed")
        #expect(last.contains(.refreshAnnotationRow(id: 2)))
        // A late duplicate answer for another bulk run is ignored.
        state.send(.commandFinished(.postpone, id: 2, bulkID: 99, .success(nil)))
        #expect(state.bulk?.succeededCount == 2)
        state.press(.enter)
        #expect(state.overlay == nil)
    }

    @Test func rangeAndAllVisibleMarks() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.space)          // marks #1, cursor on #2, anchor 0
        state.press(.down, .down, .down)  // cursor on #5
        state.press(.char("v"))
        #expect(state.list?.marked == [1, 2, 3, 4, 5])
        state.press(.char("x"))
        #expect(state.list?.marked.isEmpty == true)
        state.press(.ctrl("a"))
        #expect(state.list?.marked.count == state.listVisibleRows)
    }

    @Test func moreThanTwentyNeedTheCountTyped() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.ctrl("a"))
        let count = state.list!.marked.count
        #expect(count == 21)
        state.press(.char("c"))
        guard case .dialog(var dialog) = state.overlay else { Issue.record("no dialog"); return }
        #expect(dialog.requiredTyping == "21")
        #expect(dialog.focus == 0)
        // Going straight to OK without typing is refused.
        state.press(.tab, .tab)
        #expect(state.press(.enter).isEmpty)
        guard case .dialog(let refused) = state.overlay else { Issue.record("dialog closed"); return }
        #expect(refused.error == "type 21 to go ahead")
        state.type("21")
        state.press(.enter)
        let effects = state.press(.enter)
        #expect(effects.count == 21)
        dialog = refused
        #expect(dialog.purpose == .annotationCommand(.confirm, ids: Array(1...21)))
    }

    @Test func readOnlyHasNoDangerousKeysAnywhere() {
        var state = makeState(readOnly: true)
        state.openQueueWithRows()
        #expect(state.press(.char("c")).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.perform(ConsoleAction.confirm).isEmpty)
        #expect(state.flash?.text.contains("read-only") == true)
        let hints = FooterView.hintEntries(state).map(\.label)
        #expect(!hints.contains("confirm") && hints.contains("next"))
        let help = state.keyMap.helpEntries(for: state.scopes)
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
        state.openQueueWithRows()
        state.press(.enter)
        state.press(.char("u"))
        #expect(state.press(.enter) == [.run(.requeue, id: 1, bulkID: nil)])
        state.press(.char("s"))
        #expect(state.press(.enter) == [.run(.start, id: 1, bulkID: nil)])
        let effects = state.send(.commandFinished(.start, id: 1, bulkID: nil, .success("reviewing")))
        #expect(effects.contains(.loadAnnotation(id: 1)), "the open detail reloads")
    }
}
