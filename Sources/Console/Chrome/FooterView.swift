import Foundation
import TerminalUI

/// The flash line (or the open prompt) and the hint bar.
enum FooterView {
    static func drawFlash(_ state: AppState, in rect: Rect, into grid: inout Grid) {
        let theme = state.theme
        grid.fill(rect, style: theme.style(.text))
        switch state.overlay {
        case .commandLine(let prompt):
            drawPrompt(prompt, hint: completionHint(prompt), hintSlot: .muted, in: rect, theme: theme, into: &grid)
            return
        case .filter(let prompt, let error):
            drawPrompt(prompt, hint: error ?? state.top.filterHint + "   (enter apply, esc cancel)",
                       hintSlot: error == nil ? .muted : .flashError, in: rect, theme: theme, into: &grid)
            return
        default:
            break
        }
        guard let flash = state.flash else { return }
        let slot: ThemeSlot = flash.level == .error ? .flashError : flash.level == .warn ? .flashWarn : .flashInfo
        grid.put(" " + flash.text, x: rect.x, y: rect.y, style: theme.style(slot), maxWidth: rect.width)
    }

    /// The commands (or a command's argument values) that complete what is typed; the whole
    /// list when nothing or too much matches.
    static func completionHint(_ prompt: CommandPrompt) -> String {
        let typed = prompt.text.trimmingCharacters(in: .whitespaces)
        if typed.isEmpty && !prompt.history.entries.isEmpty { return "↑ earlier commands  " + ScreenRegistry.overview }
        let options = prompt.matches(for: typed).map { typed.contains(" ") ? String($0.drop { $0 != " " }.dropFirst()) : $0 }
        guard !typed.isEmpty, !options.isEmpty, options.count <= 6 else { return ScreenRegistry.overview }
        return options.joined(separator: "  ")
    }

    /// A prompt line: the prefix, the text field (scrolled so the cursor shows), and a hint
    /// (or the reason the text would be refused) in what room is left.
    static func drawPrompt(_ prompt: CommandPrompt, hint: String, hintSlot: ThemeSlot, in rect: Rect, theme: Theme, into grid: inout Grid) {
        let style = theme.style(.input)
        grid.fill(rect, style: style)
        let prefixWidth = grid.put(String(prompt.prefix), x: rect.x, y: rect.y, style: style.with(bold: true))
        let hintWidth = min(TextWidth.of(hint) + 2, max(0, (rect.width - prefixWidth) / 2))
        let field = Rect(x: rect.x + prefixWidth, y: rect.y, width: max(1, rect.width - prefixWidth - hintWidth), height: 1)
        prompt.input.render(in: field, into: &grid, style: style)
        if hintWidth > 2 {
            grid.put(TextWidth.truncate(hint, to: hintWidth - 2), x: field.maxX + 2, y: rect.y,
                     style: theme.style(hintSlot).overlaid(with: Style(background: style.background)), maxWidth: hintWidth - 2)
        }
    }

    static func drawHints(_ state: AppState, in rect: Rect, into grid: inout Grid) {
        let theme = state.theme
        grid.fill(rect, style: theme.style(.muted))
        var entries = hints(state)
        // `? help` always fits: it is where the rest of the keys are.
        let help = entries.firstIndex { $0.1 == "help" }.map { entries.remove(at: $0) }
        let helpWidth = help.map { TextWidth.of($0.0) + TextWidth.of($0.1) + 3 } ?? 0
        var x = rect.x + 1
        for (key, label) in entries {
            let needed = TextWidth.of(key) + TextWidth.of(label) + 3
            guard x + needed + helpWidth <= rect.maxX else { break }
            x += grid.put(key, x: x, y: rect.y, style: theme.style(.hintKey).with(bold: true))
            x += grid.put(" " + label + "  ", x: x, y: rect.y, style: theme.style(.muted))
        }
        if let (key, label) = help, x + helpWidth <= rect.maxX + 2 {
            x += grid.put(key, x: x, y: rect.y, style: theme.style(.hintKey).with(bold: true))
            grid.put(" " + label, x: x, y: rect.y, style: theme.style(.muted))
        }
    }

    /// Short labels for the hint bar, derived from the keymap and what works where the person is.
    static func hints(_ state: AppState) -> [(String, String)] {
        switch state.overlay {
        case .dialog?, .filter?, .commandLine?: return []
        case .help?, .bulkReport?: return [("esc", "close"), ("j/k", "scroll")]
        case .operation?: return [("esc", "close")]
        case nil where state.top.isTyping && state.focus == .main:
            // Letters go into the field now: the bar shows the field's keys, not the screen's.
            return [("enter", "save"), ("esc", "cancel"), ("ctrl-u", "clear to start"), ("ctrl-k", "clear to end"), ("ctrl-w", "delete word"),
                    ("home/end", "jump")]
        case nil: return state.hintEntries().map { ($0.keys.first.map(\.description) ?? "", shortLabel($0.description)) }
        }
    }

    static func shortLabel(_ description: String) -> String {
        switch description {
        case "Back / close": return "back"
        case "Command line": return "cmd"
        case "Show/hide the monitor": return "monitor"
        case "Next to review": return "next"
        case "Failed export back to review": return "to review"
        default: return (description.split(separator: " ").first.map(String.init) ?? description).lowercased()
        }
    }
}
