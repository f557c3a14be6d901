import TerminalUI

/// Events background work posts to the loop.
enum HarnessEvent: Sendable {
    case backgroundDone(Int)
}

enum HarnessOverlay {
    case none
    case confirm(Dialog)
    case typed(Dialog)
    case help
    case command(CommandPrompt)
    case filter(CommandPrompt)
}

/// The demo screen's state and its update/render functions (Elm-style, like the app).
struct HarnessApp {
    let keyMap: KeyMap
    let theme: Theme
    let totalRows: Int
    var width = 0
    var height = 0
    var rows: HarnessRows
    var scroll = ScrollState()
    var filterText = ""
    var overlay = HarnessOverlay.none
    var flash = FlashLine()
    var spinner: Spinner?
    var deleted: [Int] = []
    var pendingJobs = 0
    /// Set by the `b` key: the loop starts a background job that posts back.
    var startJob: Int?

    static let scope: KeyScope = "table"
    static let actions: [Action] = NavigationAction.all + [
        Action("demo.delete", "Delete the selected row", keys: [.char("d")], dangerous: true, scope: scope, showInHints: true),
        Action("demo.delete_marked", "Delete marked rows (typed confirmation)", keys: [.char("D")], dangerous: true, scope: scope),
        Action("demo.spinner", "Start/stop the spinner", keys: [.char("s")], scope: scope, showInHints: true),
        Action("demo.background", "Run a background job", keys: [.char("b")], scope: scope),
        Action("demo.crash", "Crash on purpose (tests terminal restore)", keys: [.char("!")], scope: scope),
    ]

    init(totalRows: Int, keyMap: KeyMap, theme: Theme) {
        self.totalRows = totalRows
        self.keyMap = keyMap
        self.theme = theme
        rows = HarnessRows(total: totalRows, matches: nil)
    }

    var table: TableView {
        TableView(columns: [
            TableColumn("#", width: .fixed(7), alignment: .right),
            TableColumn("Name", width: .flex(min: 8, weight: 3)),
            TableColumn("Size", width: .fixed(9), alignment: .right),
            TableColumn("Status", width: .flex(min: 6, weight: 1)),
        ], sort: TableSort(column: 0))
    }

    var tableRect: Rect { Rect(x: 0, y: 2, width: width, height: max(0, height - 4)) }

    enum Outcome { case continueRunning, quit, crash }

    mutating func handle(key: Key, now: ContinuousClock.Instant) -> Outcome {
        switch overlay {
        case .confirm(var dialog):
            let outcome = dialog.handle(key)
            overlay = .confirm(dialog)
            if outcome == .confirmed {
                deleted.append(rows.number(at: scroll.selected) + 1)
                flash.post("Deleted row \(rows.number(at: scroll.selected) + 1)", level: .warn, now: now)
            }
            if outcome != nil { overlay = .none }
            return .continueRunning
        case .typed(var dialog):
            let outcome = dialog.handle(key)
            overlay = .typed(dialog)
            if outcome == .confirmed {
                flash.post("Deleted \(scroll.marked.count) rows", level: .warn, now: now)
                scroll.marked.removeAll()
            }
            if outcome != nil { overlay = .none }
            return .continueRunning
        case .help:
            overlay = .none
            return .continueRunning
        case .command(var prompt):
            switch prompt.handle(key) {
            case .submitted(let text)?:
                overlay = .none
                return run(command: text.trimmingCharacters(), now: now)
            case .cancelled?, .confirmed?:
                overlay = .none
            case nil:
                overlay = .command(prompt)
            }
            return .continueRunning
        case .filter(var prompt):
            let outcome = prompt.handle(key)
            if outcome == .cancelled {
                applyFilter("")
                overlay = .none
            } else {
                applyFilter(prompt.text)
                overlay = outcome == nil ? .filter(prompt) : .none
            }
            return .continueRunning
        case .none:
            break
        }
        guard let action = keyMap.action(for: key, in: [Self.scope]) else { return .continueRunning }
        let visible = table.visibleRowCount(in: tableRect)
        switch action {
        case NavigationAction.quit: return .quit
        case NavigationAction.down: scroll.move(by: 1, rowCount: rows.rowCount)
        case NavigationAction.up: scroll.move(by: -1, rowCount: rows.rowCount)
        case NavigationAction.pageDown: scroll.page(1, visibleRows: visible, rowCount: rows.rowCount)
        case NavigationAction.pageUp: scroll.page(-1, visibleRows: visible, rowCount: rows.rowCount)
        case NavigationAction.top: scroll.moveToTop()
        case NavigationAction.bottom: scroll.moveToBottom(rowCount: rows.rowCount)
        case NavigationAction.toggleMark:
            scroll.toggleMark()
            scroll.move(by: 1, rowCount: rows.rowCount)
        case NavigationAction.help: overlay = .help
        case NavigationAction.command: overlay = .command(CommandPrompt(completions: ["quit", "top", "bottom", "spinner", "flash"]))
        case NavigationAction.filter: overlay = .filter(CommandPrompt.filter(text: filterText))
        case NavigationAction.back:
            if !filterText.isEmpty { applyFilter("") }
        case NavigationAction.refresh: flash.post("Refreshed", now: now)
        case "demo.delete":
            overlay = .confirm(Dialog.confirm(title: "Delete", message: "Delete row \(rows.number(at: scroll.selected) + 1)?", confirmLabel: "Delete"))
        case "demo.delete_marked":
            if scroll.marked.isEmpty {
                flash.post("Mark rows with space first", level: .error, now: now)
            } else {
                let count = String(scroll.marked.count)
                overlay = .typed(Dialog.typedConfirm(title: "Delete \(count) rows", message: "This deletes \(count) marked rows.", expected: count))
            }
        case "demo.spinner": spinner = spinner == nil ? Spinner(started: now) : nil
        case "demo.background":
            pendingJobs += 1
            startJob = pendingJobs
        case "demo.crash": return .crash
        default: break
        }
        return .continueRunning
    }

    mutating func run(command: String, now: ContinuousClock.Instant) -> Outcome {
        switch command {
        case "quit", "q": return .quit
        case "top": scroll.moveToTop()
        case "bottom": scroll.moveToBottom(rowCount: rows.rowCount)
        case "spinner": spinner = spinner == nil ? Spinner(started: now) : nil
        case "flash": flash.post("Hello from the command line", now: now)
        default: flash.post("Unknown command: \(command)", level: .error, now: now)
        }
        return .continueRunning
    }

    mutating func applyFilter(_ text: String) {
        filterText = text
        rows = HarnessRows.filtered(total: totalRows, text: text)
        scroll = ScrollState()
    }

    /// When the loop must wake next: the spinner's next frame or the flash's expiry.
    func nextDeadline(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        [spinner?.nextDeadline(after: now), flash.nextDeadline].compactMap { $0 }.min()
    }

    mutating func render(now: ContinuousClock.Instant) -> Grid {
        var grid = Grid(width: width, height: height, fill: Cell(" ", style: theme.style(.background)))
        let parts = grid.bounds.split(.vertical, [.fixed(1), .fixed(1), .fill, .fixed(1), .fixed(1)])
        var title = "terminal-harness"
        if let spinner { title += " " + String(spinner.frame(at: now)) + " working" }
        grid.fill(parts[0], style: theme.style(.header))
        grid.put(title, x: 0, y: 0, style: theme.style(.title))
        let position = "row \(rows.rowCount == 0 ? 0 : scroll.selected + 1)/\(rows.rowCount) · marked \(scroll.marked.count) · \(width)x\(height)"
        let positionWidth = TextWidth.of(position)
        grid.put(position, x: max(0, width - positionWidth), y: 0, style: theme.style(.muted))
        Breadcrumbs(["Demo", "Mixed scripts"] + (filterText.isEmpty ? [] : ["/" + filterText])).render(in: parts[1], into: &grid, theme: theme)
        table.render(rows, state: &scroll, in: parts[2], into: &grid, theme: theme)
        switch overlay {
        case .command(let prompt), .filter(let prompt):
            prompt.render(in: parts[3], into: &grid, theme: theme)
        default:
            flash.render(in: parts[3], into: &grid, theme: theme, now: now)
        }
        HintBar(entries: keyMap.hints(for: [Self.scope])).render(in: parts[4], into: &grid, theme: theme)
        switch overlay {
        case .confirm(let dialog): dialog.render(in: grid.bounds, into: &grid, theme: theme)
        case .typed(let dialog): dialog.render(in: grid.bounds, into: &grid, theme: theme)
        case .help: HelpOverlay(keyMap: keyMap, scopes: [Self.scope]).render(in: grid.bounds, into: &grid, theme: theme)
        default: break
        }
        return grid
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
