import Foundation
import TerminalUI

/// `?`: every key of the current screen, generated from the keymap (read-only mode hides
/// dangerous actions because they have no keys there).
enum HelpView {
    static func draw(_ state: AppState, scroll: Int, into grid: inout Grid) {
        let theme = state.theme
        let entries = state.keyMap.helpEntries(for: state.scopes)
        var lines: [(String, ThemeSlot)] = []
        var lastScope: KeyScope?
        for entry in entries.sorted(by: { scopeOrder(state, $0.scope) < scopeOrder(state, $1.scope) }) {
            if entry.scope != lastScope {
                if lastScope != nil { lines.append(("", .text)) }
                lines.append((entry.scope == .global ? "Everywhere" : entry.scope.rawValue.capitalized, .header))
                lastScope = entry.scope
            }
            lines.append(("  " + TextWidth.fit(entry.keyLabel, to: 11) + " " + entry.description, entry.dangerous ? .flashWarn : .text))
        }
        lines.append(("", .text))
        lines.append(("Commands", .header))
        lines.append(("  :ws :queue ID :ann ID :datasets :ops", .muted))
        lines.append(("  :profile NAME :theme NAME :q", .muted))
        lines.append(("Filter  /status:to_review /id:123 /text", .muted))
        if state.readOnly { lines.append(("Read-only mode: actions that change data are switched off.", .readonlyBadge)) }
        // Two columns when the list is taller than the screen and the screen is wide enough.
        let twoColumns = lines.count + 2 > grid.height - 2 && grid.width >= 76
        let perColumn = min(max(1, grid.height - 2), twoColumns ? (lines.count + 1) / 2 : lines.count)
        let rect = twoColumns
            ? Rect(x: 0, y: max(0, (grid.height - perColumn - 2) / 2), width: grid.width, height: min(grid.height, perColumn + 2))
            : Draw.centered(width: 84, height: perColumn + 2, in: grid)
        Draw.box(rect, title: "Keys" + (state.readOnly ? " (read-only)" : ""), theme: theme, into: &grid)
        let inner = rect.inset(by: 1)
        let columnWidth = twoColumns ? (inner.width - 3) / 2 : inner.width - 2
        // j/k scroll when even two columns do not hold everything.
        let capacity = twoColumns ? 2 * inner.height : inner.height
        let visible = Array(lines.dropFirst(min(scroll, max(0, lines.count - capacity))))
        let background = Style(background: theme.style(.dialog).background)
        for (i, line) in visible.enumerated() {
            let column = twoColumns && i >= perColumn ? 1 : 0
            let row = column == 1 ? i - perColumn : i
            guard row < inner.height else { continue }
            grid.put(line.0, x: inner.x + 1 + column * (columnWidth + 1), y: inner.y + row,
                     style: theme.style(line.1).overlaid(with: background), maxWidth: columnWidth)
        }
    }

    static func scopeOrder(_ state: AppState, _ scope: KeyScope) -> Int {
        state.scopes.firstIndex(of: scope) ?? state.scopes.count
    }
}

enum DialogView {
    static func draw(_ dialog: DialogState, theme: Theme, into grid: inout Grid) {
        let width = min(72, grid.width - 4)
        let height = 4 + dialog.message.count + dialog.fields.count * 2 + (dialog.error == nil ? 0 : 1)
        let rect = Draw.centered(width: width, height: height, in: grid)
        Draw.box(rect, title: dialog.title, theme: theme, into: &grid)
        let inner = rect.inset(top: 1, left: 2, bottom: 1, right: 2)
        let dialogStyle = theme.style(.dialog)
        var y = inner.y
        for line in dialog.message {
            grid.put(line, x: inner.x, y: y, style: dialogStyle, maxWidth: inner.width)
            y += 1
        }
        for (i, field) in dialog.fields.enumerated() {
            grid.put(field.label, x: inner.x, y: y, style: dialogStyle.with(bold: true), maxWidth: inner.width)
            y += 1
            let focused = dialog.focus == i
            let inputStyle = theme.style(.input).with(underline: !focused, reverse: false)
            let boxRect = Rect(x: inner.x, y: y, width: inner.width, height: 1)
            grid.fill(boxRect, style: inputStyle)
            let text = field.input.text.isEmpty && !focused ? field.placeholder : field.input.text
            grid.put(text, x: inner.x, y: y, style: field.input.text.isEmpty ? theme.style(.muted).overlaid(with: Style(background: inputStyle.background)) : inputStyle, maxWidth: inner.width)
            if focused {
                let cursorX = inner.x + TextWidth.of(String(field.input.text.prefix(field.input.cursor)))
                grid.set(x: cursorX, y: y, Cell(grid[cursorX, y].character, style: inputStyle.with(reverse: true)))
            }
            y += 1
        }
        if let error = dialog.error {
            grid.put(error, x: inner.x, y: y, style: theme.style(.flashError), maxWidth: inner.width)
        }
        let cancel = " Cancel "
        let ok = " \(dialog.okLabel) "
        let buttonsWidth = TextWidth.of(cancel) + TextWidth.of(ok) + 6
        var x = inner.maxX - buttonsWidth
        let buttonY = rect.maxY - 2
        for (index, label) in [(dialog.cancelIndex, cancel), (dialog.okIndex, ok)] {
            let focused = dialog.focus == index
            let style = theme.style(focused ? .dialogButtonFocused : .dialogButton)
            x += grid.put(focused ? "▶" + label + "◀" : "[" + label + "]", x: x, y: buttonY, style: style) + 2
        }
    }
}

/// Progress and the per-item result of a bulk action; stays until dismissed.
enum BulkReportView {
    static func draw(_ run: BulkRun, state: AppState, into grid: inout Grid) {
        let theme = state.theme
        var lines: [(String, ThemeSlot)] = []
        for id in run.ids {
            switch run.outcomes[id] {
            case nil: lines.append(("  #\(id)  …  running", .muted))
            case .succeeded(let status)?:
                lines.append(("✓ #\(id)  \(run.command.pastTense)" + (status.map { " → \(StatusCatalog.label($0))" } ?? ""), .flashInfo))
            case .failed(let failure)?:
                let reason = failure.kind == .conflict ? "409 conflict: \(failure.message)" : failure.description
                lines.append(("✗ #\(id)  \(reason)", .flashError))
            }
        }
        let rect = Draw.centered(width: 80, height: min(lines.count, 14) + 6, in: grid)
        let title = "\(run.command.title) \(run.ids.count) annotations"
        Draw.box(rect, title: title, theme: theme, into: &grid)
        let inner = rect.inset(top: 1, left: 2, bottom: 1, right: 2)
        let dialogBackground = Style(background: theme.style(.dialog).background)
        let summary = run.finished
            ? "done: \(run.succeededCount) succeeded, \(run.failedCount) failed"
            : "\(run.outcomes.count) of \(run.ids.count) done"
        grid.put(summary, x: inner.x, y: inner.y, style: theme.style(.dialog).with(bold: true), maxWidth: inner.width)
        grid.put(Draw.progressBar(run.progress, width: inner.width), x: inner.x, y: inner.y + 1, style: theme.style(.progress).overlaid(with: dialogBackground))
        let listRect = Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: inner.height - 4)
        let first = min(run.reportScroll, max(0, lines.count - listRect.height))
        for (i, line) in lines.dropFirst(first).prefix(listRect.height).enumerated() {
            grid.put(line.0, x: listRect.x, y: listRect.y + i, style: theme.style(line.1).overlaid(with: dialogBackground), maxWidth: listRect.width)
        }
        grid.put(run.finished ? "enter/esc close" : "running… esc hides this, results stay", x: inner.x, y: inner.maxY - 1,
                 style: theme.style(.muted).overlaid(with: dialogBackground), maxWidth: inner.width)
    }
}
