import Foundation
import RossumKit
import Testing
import TerminalUI
@testable import Console

@Suite struct PasteAndInputTests {
    @Test func aPasteIsTextInTheFieldAndNeverPressesEnter() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.char("r"))
        state.send(.paste("Supplier wrong\nyes"))
        let (dialog, _) = try! #require(state.dialog)
        #expect(dialog.fields[0].input.text == "Supplier wrong yes")
        #expect(state.pending.isEmpty, "nothing was sent")
        // With no text field, a paste is not keys: it is ignored, and said so.
        state.press(.escape)
        #expect(state.send(.paste("c\n\n")).isEmpty)
        #expect(state.overlay == nil && state.flash?.text.contains("paste ignored") == true)
    }

    @Test func aHugePasteIsCutAndSaidSo() {
        var state = makeState()
        state.openQueueWithRows()
        state.press(.char("/"))
        state.send(.paste(String(repeating: "x", count: 200_000)))
        guard case .filter(let prompt, let error) = state.overlay else { Issue.record("the filter is open"); return }
        #expect(prompt.text.count == TextInput.maximumLength)
        #expect(error?.contains("too long") == true, "the filter says why it cannot search that")
        #expect(state.flash?.text.contains("cut at") == true)
    }

    @Test func themeNamesAreNamesNotPaths() {
        var state = makeState()
        state.press(.char(":"))
        state.type("theme ../../../etc/passwd")
        #expect(state.press(.enter).isEmpty)
        #expect(state.flash?.text.contains("theme names are") == true)
    }

    @Test func operationDetailsFollowTheOperation() {
        var state = makeState()
        let running = OperationRow(id: "mdh:a", source: .masterDataHub, kind: "update", state: "running", dataset: "suppliers", startedAt: state.now)
        state.answer(OperationsRequest(), .success([running]))
        state.press(.tab, .enter)
        #expect(state.overlay == .operation(id: "mdh:a"))
        #expect(ConsoleRenderer.render(state).plainText().contains("state: running"))
        var failed = running
        failed.state = "failed"
        failed.error = "record 1 has no value for the id key \"supplier_id\", which every record needs"
        state.answer(OperationsRequest(), .success([failed]))
        let text = ConsoleRenderer.render(state).plainText()
        #expect(text.contains("state: failed"))
        #expect(text.contains("which every record needs"), "the error is whole")
        state.press(.escape)
        #expect(state.overlay == nil)
    }
}
