import Testing
@testable import TerminalUI

let widgetTheme = Theme(name: "test", slots: [
    .text: .plain,
    .muted: Style(dim: true),
    .accent: Style(foreground: .ansi(.cyan)),
    .selection: Style(reverse: true),
    .dialog: .plain,
    .border: .plain,
    .borderFocused: .plain,
    .title: .plain,
    .input: .plain,
    .flashInfo: Style(foreground: .ansi(.green)),
    .flashError: Style(foreground: .ansi(.red), bold: true),
])

@Suite struct TreeAndListTests {
    let roots = [
        TreeNode(id: "w1", label: "Acme", count: 3, children: [
            TreeNode(id: "q1", label: "Inbox", count: 12),
            TreeNode(id: "q2", label: "Archive", count: 0),
        ]),
        TreeNode(id: "w2", label: "Beta"),
    ]

    @Test func expandCollapseAndCounts() {
        var state = TreeState()
        var grid = Grid(width: 16, height: 4)
        TreeView().render(roots, state: &state, in: grid.bounds, into: &grid, theme: widgetTheme)
        #expect(grid.plainText() == "▸ Acme         3\n  Beta\n\n")
        state.expandSelected(roots)
        TreeView().render(roots, state: &state, in: grid.bounds, into: &grid, theme: widgetTheme)
        #expect(grid.plainText() == "▾ Acme         3\n    Inbox     12\n    Archive    0\n  Beta")
        state.expandSelected(roots)  // already open: moves to the first child
        #expect(state.selectedLine(roots)?.node.id == "q1")
        state.collapseSelected(roots)  // a leaf: moves to its parent
        #expect(state.selectedLine(roots)?.node.id == "w1")
        state.collapseSelected(roots)
        #expect(state.visibleLines(roots).count == 2)
    }

    @Test func listHighlightsSelectionAndScrolls() {
        var state = ScrollState(selected: 4)
        var grid = Grid(width: 5, height: 2)
        ListView().render(["a", "b", "c", "d", "e"], state: &state, in: grid.bounds, into: &grid, theme: widgetTheme)
        #expect(grid.plainText() == "d\ne")
        #expect(grid.styleMask(row: 1, legend: [Style(reverse: true): "S", .plain: "."]) == "SSSSS")
    }
}

@Suite struct SmallWidgetTests {
    @Test func breadcrumbsDropOldestPartsFirst() {
        let crumbs = Breadcrumbs(["Workspaces", "Acme Corporation", "Inbox"])
        #expect(crumbs.text(fitting: 80) == "Workspaces › Acme Corporation › Inbox")
        #expect(crumbs.text(fitting: 30) == "… › Acme Corporation › Inbox")
        #expect(crumbs.text(fitting: 12) == "… › Inbox")
        #expect(crumbs.text(fitting: 3) == "In…")
        var grid = Grid(width: 12, height: 1)
        crumbs.render(in: grid.bounds, into: &grid, theme: widgetTheme)
        let muted = Style(dim: true), accent = Style(foreground: .ansi(.cyan))
        #expect(grid.styleMask(row: 0, legend: [muted: "m", accent: "A", .plain: "."]) == "mmmmAAAAA...")
    }

    @Test func flashClearsItselfByTimePassedIn() {
        let start = ContinuousClock.now
        var flash = FlashLine()
        flash.post("Saved", level: .info, now: start, lifetime: .seconds(3))
        #expect(flash.nextDeadline == start + .seconds(3))
        var grid = Grid(width: 10, height: 1)
        flash.render(in: grid.bounds, into: &grid, theme: widgetTheme, now: start + .seconds(1))
        #expect(grid.styledText() == "{fg=green}Saved     {}")
        let expiredEarly = flash.expire(at: start + .milliseconds(2999))
        #expect(!expiredEarly)
        let expiredOnTime = flash.expire(at: start + .seconds(3))
        #expect(expiredOnTime)
        #expect(flash.current(at: start + .seconds(3)) == nil)
        #expect(flash.nextDeadline == nil)
        flash.post("Failed", level: .error, now: start)
        #expect(flash.current(at: start + .seconds(7))?.level == .error)
    }

    @Test func progressBarAndSpinner() {
        #expect(ProgressBar(fraction: 0.5).text(width: 16) == "[█████     ] 50%")
        #expect(ProgressBar(fraction: 2).text(width: 10) == "[███] 100%")
        #expect(ProgressBar(fraction: .nan, label: "Upload").text(width: 6) == "Uploa…")
        let start = ContinuousClock.now
        let spinner = Spinner(started: start)
        #expect(spinner.frame(at: start) == "⠋")
        #expect(spinner.frame(at: start + .milliseconds(250)) == "⠹")
        #expect(spinner.nextDeadline(after: start + .milliseconds(250)) == start + .milliseconds(300))
    }

    @Test func tooSmallMessageFitsAnySize() {
        #expect(TooSmallScreen.render(width: 30, height: 4, minimumWidth: 40, minimumHeight: 10).plainText() == "\n      Terminal too small\n       30x4, need 40x10\n")
        #expect(TooSmallScreen.render(width: 1, height: 1, minimumWidth: 40, minimumHeight: 10).plainText() == "…")
        #expect(TooSmallScreen.render(width: 0, height: 0, minimumWidth: 40, minimumHeight: 10).plainText() == "")
    }
}

@Suite struct TextInputTests {
    func typing(_ text: String) -> TextInput {
        var input = TextInput()
        for character in text { _ = input.handle(.char(character)) }
        return input
    }

    @Test func editingKeys() {
        var input = typing("hello world")
        let handledLeft = input.handle(.left)
        #expect(handledLeft && input.cursor == 10)
        _ = input.handle(.backspace)
        #expect(input.text == "hello word")
        _ = input.handle(.home)
        _ = input.handle(.delete)
        #expect(input.text == "ello word" && input.cursor == 0)
        _ = input.handle(.end)
        _ = input.handle(.ctrl("w"))
        #expect(input.text == "ello ")
        _ = input.handle(.char("ž"))
        _ = input.handle(.left)
        _ = input.handle(.ctrl("u"))
        #expect(input.text == "ž" && input.cursor == 0)
        _ = input.handle(.right)
        #expect(input.cursor == 1)
        let handledEnter = input.handle(.enter), handledEscape = input.handle(.escape)
        #expect(!handledEnter && !handledEscape)
    }

    /// A decomposed accent and a ZWJ emoji arrive one scalar per key; the cursor must step
    /// over each as one character, and backspace must take it whole.
    @Test func clustersTypedInPiecesStayWhole() {
        var input = TextInput()
        for scalar in ["C", "e", "\u{301}", "s", "👩", "\u{200D}", "💻"] { _ = input.handle(.char(Character(scalar))) }
        #expect(input.characters.count == 4)
        #expect(input.text == "Ce\u{301}s👩\u{200D}💻")
        _ = input.handle(.backspace)
        #expect(input.text == "Ce\u{301}s")
        _ = input.handle(.left)
        _ = input.handle(.left)
        #expect(input.cursor == 1)
        _ = input.handle(.delete)
        #expect(input.text == "Cs")
    }

    /// At the field's right edge a wide character under the cursor must still show whole.
    @Test func aWideCharacterUnderTheCursorStaysInView() {
        var input = typing("abcd日本")
        _ = input.handle(.left)  // on 本
        var grid = Grid(width: 6, height: 1)
        input.render(in: grid.bounds, into: &grid, style: .plain)
        #expect(grid.line(at: 0).hasSuffix("日本"))
        #expect(grid[4, 0].style == Style(reverse: true) && grid[4, 0].character == "本")
    }

    @Test func rendersScrolledToTheCursorWithAReversedCursorCell() {
        let input = typing("日本語テキスト")
        var grid = Grid(width: 6, height: 1)
        input.render(in: grid.bounds, into: &grid, style: .plain)
        // 6 columns: the last two wide characters (4) and the cursor cell after the text.
        #expect(grid.line(at: 0) == "スト")
        #expect(grid[4, 0].style == Style(reverse: true))
        var short = Grid(width: 6, height: 1)
        typing("ab").render(in: short.bounds, into: &short, style: .plain)
        #expect(short.styleMask(row: 0, legend: [.plain: ".", Style(reverse: true): "C"]) == "..C...")
    }
}

@Suite struct DialogTests {
    @Test func confirmationFocusesCancelByDefault() {
        var dialog = Dialog.confirm(title: "Delete", message: "Delete 3 documents?", confirmLabel: "Delete")
        #expect(dialog.focus == .cancel)
        var copy = dialog
        #expect(copy.handle(.enter) == .cancelled)
        #expect(dialog.handle(.tab) == nil)
        #expect(dialog.focus == .confirm)
        #expect(dialog.handle(.enter) == .confirmed)
        var other = Dialog.confirm(title: "t", message: "m")
        #expect(other.handle(.escape) == .cancelled)
    }

    @Test func yConfirmsOnlyADialogThatStartedOnItsAction() {
        var cautious = Dialog.confirm(title: "Delete", message: "m", confirmLabel: "Delete")
        #expect(cautious.handle(.char("y")) == nil, "y on a dialog that starts on Cancel does nothing")
        #expect(cautious.handle(.right) == nil)
        #expect(cautious.handle(.char("y")) == nil, "not even once the action is focused")
        #expect(cautious.handle(.char("n")) == .cancelled)
        var quick = Dialog.confirm(title: "Confirm", message: "m", startOnCancel: false)
        #expect(quick.focus == .confirm)
        #expect(quick.handle(.char("y")) == .confirmed)
    }

    @Test func confirmationRendersCenteredWithFocusedButtonAndItsKeys() {
        let dialog = Dialog.confirm(title: "Delete", message: "Delete 3 documents?", confirmLabel: "Delete")
        var grid = Grid(width: 60, height: 9)
        dialog.render(in: grid.bounds, into: &grid, theme: widgetTheme)
        let text = grid.plainText()
        #expect(text.contains("┌ Delete ─"))
        #expect(text.contains("Delete 3 documents?"))
        #expect(text.contains("▶ Cancel ◀  [ Delete ]"))
        #expect(text.contains("tab move · enter choose · esc cancel"))
        let buttonRow = (0..<grid.height).first { grid.line(at: $0).contains("▶ Cancel ◀") }!
        let mask = grid.styleMask(row: buttonRow, legend: [.plain: ".", Style(reverse: true): "F"])
        #expect(mask.filter { $0 == "F" }.count == TextWidth.of("▶ Cancel ◀"))
    }

    @Test func typedConfirmationNeedsTheExactText() {
        var dialog = Dialog.typedConfirm(title: "Confirm 42", message: "Confirm 42 annotations?", expected: "42")
        #expect(dialog.handle(.enter) == nil)
        #expect(dialog.error != nil)
        _ = dialog.handle(.char("4"))
        #expect(dialog.error == nil)
        _ = dialog.handle(.char("1"))
        #expect(dialog.handle(.enter) == nil)
        _ = dialog.handle(.backspace)
        _ = dialog.handle(.char("2"))
        #expect(dialog.handle(.enter) == .confirmed)
        var grid = Grid(width: 50, height: 12)
        dialog.render(in: grid.bounds, into: &grid, theme: widgetTheme)
        #expect(grid.plainText().contains("Type 42 to go ahead"))
        #expect(grid.plainText().contains("42"))
    }

    @Test func longFieldTextScrollsToTheCursor() {
        var dialog = Dialog.prompt(title: "File", message: "Path")
        _ = dialog.handle(.ctrl("u"))
        let path = "/very/long/" + String(repeating: "nested/", count: 12) + "records-2026.json"
        for c in path { _ = dialog.handle(.char(c)) }
        var grid = Grid(width: 40, height: 10)
        dialog.render(in: grid.bounds, into: &grid, theme: widgetTheme)
        #expect(grid.plainText().contains("records-2026.json"), "the end of what is typed shows")
    }

    @Test func promptSubmitsText() {
        var prompt = Dialog.prompt(title: "Rename", message: "New name", initialText: "old")
        _ = prompt.handle(.ctrl("u"))
        for c in "Nový" { _ = prompt.handle(.char(c)) }
        #expect(prompt.handle(.enter) == nil, "enter in the field moves to the action")
        #expect(prompt.handle(.enter) == .confirmed)
        #expect(prompt.values == ["Nový"])
    }
}

@Suite struct PromptLineTests {
    @Test func commandCompletionCompletesCommonPrefixThenCycles() {
        var prompt = CommandPrompt(completions: ["queues", "quit", "workspaces", "queue-stats"])
        _ = prompt.handle(.char("q"))
        _ = prompt.handle(.tab)
        #expect(prompt.text == "qu")
        _ = prompt.handle(.tab)
        #expect(prompt.text == "queues")
        #expect(prompt.candidates == ["queues", "quit", "queue-stats"])
        _ = prompt.handle(.tab)
        #expect(prompt.text == "quit")
        _ = prompt.handle(.backTab)
        #expect(prompt.text == "queues")
        _ = prompt.handle(.ctrl("u"))
        for c in "wo" { _ = prompt.handle(.char(c)) }
        _ = prompt.handle(.tab)
        #expect(prompt.text == "workspaces ")
        #expect(prompt.handle(.enter) == .submitted("workspaces "))
    }

    @Test func filterLineRenders() {
        var filter = CommandPrompt.filter()
        for c in "inv" { _ = filter.handle(.char(c)) }
        var grid = Grid(width: 10, height: 1)
        filter.render(in: grid.bounds, into: &grid, theme: widgetTheme)
        #expect(grid.line(at: 0) == "/inv")
        #expect(filter.handle(.escape) == .cancelled)
    }
}

@Suite struct HelpTests {
    @Test func helpAndHintsComeFromTheKeymap() throws {
        let map = try KeyMap(actions: NavigationAction.all + [
            Action("doc.confirm", "Confirm document", keys: [.char("c")], dangerous: true, scope: "docs", showInHints: true),
        ], readOnly: false)
        var grid = Grid(width: 60, height: 30)
        HelpOverlay(keyMap: map, scopes: ["docs"]).render(in: grid.bounds, into: &grid, theme: widgetTheme)
        let text = grid.plainText()
        #expect(text.contains("j/down"))
        #expect(text.contains("Confirm document"))
        let readOnly = try KeyMap(actions: NavigationAction.all + [
            Action("doc.confirm", "Confirm document", keys: [.char("c")], dangerous: true, scope: "docs", showInHints: true),
        ], readOnly: true)
        var grid2 = Grid(width: 60, height: 30)
        HelpOverlay(keyMap: readOnly, scopes: ["docs"]).render(in: grid2.bounds, into: &grid2, theme: widgetTheme)
        #expect(!grid2.plainText().contains("Confirm document"))
        var bar = Grid(width: 50, height: 1)
        HintBar(entries: map.hints(for: ["docs"])).render(in: bar.bounds, into: &bar, theme: widgetTheme)
        #expect(bar.line(at: 0) == "c Confirm document  enter Open  esc Back / close")
    }
}
