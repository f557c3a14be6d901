/// What a dialog decided after a key.
public enum DialogOutcome: Sendable, Hashable {
    case confirmed
    case cancelled
    /// Text entered in a prompt.
    case submitted(String)
}

/// A yes/no confirmation. Cancel has the focus at first, so a stray enter never confirms.
public struct ConfirmDialog: Sendable, Hashable {
    public enum Button: Sendable, Hashable { case confirm, cancel }

    public var title: String
    public var message: String
    public var confirmLabel: String
    public var cancelLabel: String
    public var focus: Button

    public init(title: String, message: String, confirmLabel: String = "OK", cancelLabel: String = "Cancel") {
        self.title = title
        self.message = message
        self.confirmLabel = confirmLabel
        self.cancelLabel = cancelLabel
        focus = .cancel
    }

    /// Tab/arrows/h/l move focus, enter presses it, esc cancels, `y` confirms, `n` cancels.
    public mutating func handle(_ key: Key) -> DialogOutcome? {
        switch key {
        case .escape, .char("n"): return .cancelled
        case .char("y"): return .confirmed
        case .enter: return focus == .confirm ? .confirmed : .cancelled
        case .tab, .backTab, .left, .right, .char("h"), .char("l"):
            focus = focus == .confirm ? .cancel : .confirm
            return nil
        default: return nil
        }
    }

    public func render(in area: Rect, into grid: inout Grid, theme: Theme) {
        let lines = DialogLayout.wrap(message, width: max(10, min(area.width - 6, 60)))
        let inner = DialogLayout.drawFrame(title: title, bodyLines: lines, extraRows: 2, in: area, into: &grid, theme: theme)
        DialogLayout.drawButtons([(confirmLabel, focus == .confirm), (cancelLabel, focus == .cancel)], row: inner.row(-1), into: &grid, theme: theme)
    }
}

/// A confirmation for bulk or destructive actions: the user must type `expected`
/// (e.g. the number of marked items) before enter confirms.
public struct TypedConfirmDialog: Sendable, Hashable {
    public var title: String
    public var message: String
    public var expected: String
    public var input: TextInput
    /// Set when enter was pressed with the wrong text, to explain why nothing happened.
    public private(set) var mismatch: Bool

    public init(title: String, message: String, expected: String) {
        self.title = title
        self.message = message
        self.expected = expected
        input = TextInput()
        mismatch = false
    }

    public var canConfirm: Bool { input.text == expected }

    public mutating func handle(_ key: Key) -> DialogOutcome? {
        switch key {
        case .escape: return .cancelled
        case .enter:
            if canConfirm { return .confirmed }
            mismatch = true
            return nil
        default:
            if input.handle(key) { mismatch = false }
            return nil
        }
    }

    public func render(in area: Rect, into grid: inout Grid, theme: Theme) {
        var lines = DialogLayout.wrap(message, width: max(10, min(area.width - 6, 60)))
        lines.append("Type \(expected) to confirm:")
        let inner = DialogLayout.drawFrame(title: title, bodyLines: lines, extraRows: 3, in: area, into: &grid, theme: theme)
        input.render(in: inner.row(-2), into: &grid, style: theme.style(.input))
        if mismatch {
            grid.put(TextWidth.truncate("does not match", to: inner.width), x: inner.x, y: inner.maxY - 1, style: theme.style(.flashError), maxWidth: inner.width)
        } else {
            grid.put(TextWidth.truncate("enter confirm · esc cancel", to: inner.width), x: inner.x, y: inner.maxY - 1, style: theme.style(.muted), maxWidth: inner.width)
        }
    }
}

/// Asks for a line of text.
public struct PromptDialog: Sendable, Hashable {
    public var title: String
    public var message: String
    public var input: TextInput

    public init(title: String, message: String, initialText: String = "") {
        self.title = title
        self.message = message
        input = TextInput(initialText)
    }

    public mutating func handle(_ key: Key) -> DialogOutcome? {
        switch key {
        case .escape: return .cancelled
        case .enter: return .submitted(input.text)
        default:
            _ = input.handle(key)
            return nil
        }
    }

    public func render(in area: Rect, into grid: inout Grid, theme: Theme) {
        let lines = DialogLayout.wrap(message, width: max(10, min(area.width - 6, 60)))
        let inner = DialogLayout.drawFrame(title: title, bodyLines: lines, extraRows: 2, in: area, into: &grid, theme: theme)
        input.render(in: inner.row(-1), into: &grid, style: theme.style(.input))
    }
}

/// Shared drawing of the dialog frame, message and buttons.
enum DialogLayout {
    /// Greedy word wrap by columns; words longer than a line are cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if TextWidth.of(candidate) <= width {
                    line = candidate
                } else {
                    if !line.isEmpty { lines.append(line) }
                    line = TextWidth.truncate(String(word), to: width)
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// Draws a centred box sized for the body plus `extraRows`, returns its inner area.
    static func drawFrame(title: String, bodyLines: [String], extraRows: Int, in area: Rect, into grid: inout Grid, theme: Theme) -> Rect {
        let contentWidth = max(bodyLines.map(TextWidth.of).max() ?? 0, TextWidth.of(title) + 2, 24)
        let rect = area.centered(width: contentWidth + 4, height: bodyLines.count + extraRows + 3)
        let inner = Box(title: title, focused: true).render(in: rect, into: &grid, theme: theme, fill: .dialog)
        let body = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        for (i, line) in bodyLines.enumerated() where i < body.height - extraRows {
            grid.put(line, x: body.x, y: body.y + i, style: theme.style(.dialog), maxWidth: body.width)
        }
        return Rect(x: body.x, y: body.y + max(0, body.height - extraRows), width: body.width, height: min(extraRows, body.height))
    }

    /// Buttons centred on `row`, the focused one highlighted: `[ OK ]  [ Cancel ]`.
    static func drawButtons(_ buttons: [(String, Bool)], row: Rect, into grid: inout Grid, theme: Theme) {
        guard !row.isEmpty else { return }
        let labels = buttons.map { "[ \($0.0) ]" }
        let total = labels.map(TextWidth.of).reduce(0, +) + 2 * (labels.count - 1)
        var x = row.x + max(0, (row.width - total) / 2)
        for (label, (_, focused)) in zip(labels, buttons) {
            x += grid.put(label, x: x, y: row.y, style: theme.style(focused ? .dialogButtonFocused : .dialogButton), maxWidth: row.maxX - x) + 2
        }
    }
}
