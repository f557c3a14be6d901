import Foundation
import TerminalUI

enum HeaderView {
    static func draw(_ state: AppState, in rect: Rect, into grid: inout Grid) {
        let theme = state.theme
        let style = theme.style(.title).with(reverse: false)
        grid.fill(rect, style: theme.style(.header))
        var x = rect.x
        x += grid.put(" rossum-tui ", x: x, y: rect.y, style: theme.style(.accent).with(bold: true, reverse: true))
        x += grid.put(" " + crumbs(state).joined(separator: " › "), x: x, y: rect.y, style: style.overlaid(with: theme.style(.header)))
        // Badges from the right, most important first: read-only, paused, stale, profile@server.
        var badges: [(String, Style)] = []
        if state.readOnly { badges.append((" READ-ONLY ", theme.style(.readonlyBadge).with(bold: true))) }
        if state.paused { badges.append((" PAUSED ", theme.style(.flashWarn).with(bold: true, reverse: true))) }
        if let stale = staleSince(state) {
            badges.append((" stale since \(state.formatting.time(stale)) ", theme.style(.flashWarn).with(reverse: true)))
        }
        badges.append((" \(state.profileName)@\(state.serverLabel) ", theme.style(.muted).overlaid(with: theme.style(.header))))
        var right = rect.maxX
        for (text, badgeStyle) in badges {
            let w = TextWidth.of(text)
            guard right - w > x + 1 else { continue }
            right -= w
            grid.put(text, x: right, y: rect.y, style: badgeStyle)
            right -= 1
        }
    }

    /// organization › workspace › queue › #annotation
    static func crumbs(_ state: AppState) -> [String] {
        var parts: [String] = [state.tree.organization?.name ?? "Rossum"]
        switch state.screen {
        case .workspaces: parts.append("Workspaces")
        case .annotations, .detail:
            if let list = state.list {
                if let workspace = list.workspaceName { parts.append(workspace) }
                parts.append(list.queue.name)
            }
            if state.screen == .detail, let detail = state.detail { parts.append("#\(detail.annotationID)") }
        case .datasets: parts.append("Datasets")
        case .operations: parts.append("Operations")
        }
        return parts
    }

    /// When the visible view's data last loaded, if its latest refresh failed.
    static func staleSince(_ state: AppState) -> Date? {
        let load: LoadState?
        switch state.screen {
        case .workspaces: load = state.tree.load
        case .annotations: load = state.list?.load
        case .detail: load = state.detail?.load
        case .datasets: load = state.datasets.load
        case .operations: load = state.monitor.load
        }
        guard let load, load.isStale else { return nil }
        return load.lastSuccess ?? load.lastAttempt ?? state.now
    }
}

enum FooterView {
    static func drawFlash(_ state: AppState, in rect: Rect, into grid: inout Grid) {
        let theme = state.theme
        grid.fill(rect, style: theme.style(.text))
        switch state.overlay {
        case .commandLine(let input):
            drawInput(prefix: ":", input, hint: completionHint(input.text), in: rect, theme: theme, into: &grid)
            return
        case .filter(let input):
            drawInput(prefix: "/", input, hint: "status:to_review  id:123  text   (enter apply, esc cancel)", in: rect, theme: theme, into: &grid)
            return
        default:
            break
        }
        guard let flash = state.flash else { return }
        let slot: ThemeSlot = flash.level == .error ? .flashError : flash.level == .warn ? .flashWarn : .flashInfo
        grid.put(" " + flash.text, x: rect.x, y: rect.y, style: theme.style(slot), maxWidth: rect.width)
    }

    static func completionHint(_ text: String) -> String {
        let options = CommandLineRequest.completions(for: text)
        guard !text.isEmpty, !options.isEmpty, options.count <= 6 else { return "ws  queue ID  ann ID  datasets  ops  profile NAME  theme NAME  q" }
        return options.joined(separator: "  ")
    }

    static func drawInput(prefix: String, _ input: InputLine, hint: String, in rect: Rect, theme: Theme, into grid: inout Grid) {
        let style = theme.style(.input)
        grid.fill(rect, style: style)
        var x = rect.x
        x += grid.put(prefix, x: x, y: rect.y, style: style.with(bold: true))
        grid.put(input.text, x: x, y: rect.y, style: style, maxWidth: rect.width - 2)
        let cursorX = x + TextWidth.of(String(input.text.prefix(input.cursor)))
        let under = grid[cursorX, rect.y]
        grid.set(x: cursorX, y: rect.y, Cell(under.character, style: style.with(reverse: true)))
        let hintX = max(cursorX + 3, rect.x + rect.width / 2)
        grid.put(hint, x: hintX, y: rect.y, style: theme.style(.muted).overlaid(with: Style(background: style.background)), maxWidth: max(0, rect.maxX - hintX))
    }

    static func drawHints(_ state: AppState, in rect: Rect, into grid: inout Grid) {
        let theme = state.theme
        grid.fill(rect, style: theme.style(.muted))
        var x = rect.x + 1
        for entry in hintEntries(state) {
            let key = entry.keys.first.map(\.description) ?? ""
            let needed = TextWidth.of(key) + TextWidth.of(entry.label) + 3
            guard x + needed <= rect.maxX else { break }
            x += grid.put(key, x: x, y: rect.y, style: theme.style(.hintKey).with(bold: true))
            x += grid.put(" " + entry.label + "  ", x: x, y: rect.y, style: theme.style(.muted))
        }
    }

    struct Hint {
        var keys: [Key]
        var label: String
    }

    /// Short labels for the hint bar, derived from the keymap so read-only mode hides dangerous ones.
    static func hintEntries(_ state: AppState) -> [Hint] {
        if case .dialog = state.overlay { return [Hint(keys: [.tab], label: "next"), Hint(keys: [.enter], label: "choose"), Hint(keys: [.escape], label: "cancel")] }
        if state.overlay != nil { return [Hint(keys: [.escape], label: "close")] }
        return state.keyMap.hints(for: state.scopes).map { Hint(keys: $0.keys, label: shortLabel($0.description)) }
    }

    static func shortLabel(_ description: String) -> String {
        let word = description.split(separator: " ").first.map(String.init) ?? description
        switch description {
        case "Back / close": return "back"
        case "Command line": return "cmd"
        case "Show/hide the monitor": return "monitor"
        case "Next to review": return "next"
        default: return word.lowercased()
        }
    }
}
