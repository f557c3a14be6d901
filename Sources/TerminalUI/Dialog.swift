import Foundation

/// What a dialog or prompt decided after a key.
public enum DialogOutcome: Sendable, Hashable {
    case confirmed
    case cancelled
    /// Text entered in a prompt line.
    case submitted(String)
}

/// The one modal dialog of the engine: a message, optional text fields, an optional typed
/// confirmation, and Cancel / confirm buttons.
///
/// Safety rules, decided here once:
/// - A dialog that starts on Cancel (bulk and destructive actions) is confirmed only by moving
///   to the confirm button and pressing enter, or by typing the required text and pressing
///   enter. `y` confirms only dialogs that start on the confirm button.
/// - With a required text, nothing confirms until the last field holds exactly that text.
/// - The keys are written in the dialog itself.
public struct Dialog: Sendable, Hashable {
    public struct Field: Sendable, Hashable {
        public var label: String
        public var input: TextInput
        public var placeholder: String
        public init(label: String, text: String = "", placeholder: String = "") {
            self.label = label
            input = TextInput(text)
            self.placeholder = placeholder
        }
    }

    public enum Focus: Sendable, Hashable {
        case field(Int)
        case cancel
        case confirm
    }

    public var title: String
    public var message: [String]
    public var fields: [Field]
    public var confirmLabel: String
    public var cancelLabel: String
    /// Text the last field must hold before the dialog confirms (a count, a dataset name).
    public var requiredTyping: String?
    public var focus: Focus
    /// A problem with the input, shown in the dialog instead of closing it.
    public var error: String?
    public let startedOnCancel: Bool
    /// Only a Close button: every key that would choose or cancel closes it.
    public private(set) var isInformation = false

    /// - Parameter startOnCancel: for bulk and destructive actions; then `y` does nothing.
    public init(title: String, message: [String], fields: [Field] = [], confirmLabel: String = "OK", cancelLabel: String = "Cancel",
                requiredTyping: String? = nil, startOnCancel: Bool) {
        self.title = title
        self.message = message
        self.confirmLabel = confirmLabel
        self.cancelLabel = cancelLabel
        self.requiredTyping = requiredTyping
        var fields = fields
        if let requiredTyping, fields.last?.placeholder != requiredTyping {
            fields.append(Field(label: "Type \(requiredTyping) to go ahead", placeholder: requiredTyping))
        }
        self.fields = fields
        startedOnCancel = startOnCancel
        focus = fields.isEmpty ? (startOnCancel ? .cancel : .confirm) : .field(0)
    }

    /// A yes/no question.
    public static func confirm(title: String, message: String, confirmLabel: String = "OK", startOnCancel: Bool = true) -> Dialog {
        Dialog(title: title, message: [message], confirmLabel: confirmLabel, startOnCancel: startOnCancel)
    }

    /// A question answered by typing `expected` (a count, a name).
    public static func typedConfirm(title: String, message: String, expected: String, confirmLabel: String = "OK") -> Dialog {
        Dialog(title: title, message: [message], confirmLabel: confirmLabel, requiredTyping: expected, startOnCancel: true)
    }

    /// Text to read, with one Close button (details of an operation, a full error).
    public static func info(title: String, lines: [String]) -> Dialog {
        var dialog = Dialog(title: title, message: lines, confirmLabel: "Close", startOnCancel: false)
        dialog.isInformation = true
        return dialog
    }

    /// Asks for a line of text.
    public static func prompt(title: String, message: String, initialText: String = "", confirmLabel: String = "OK") -> Dialog {
        Dialog(title: title, message: [message], fields: [Field(label: "", text: initialText)], confirmLabel: confirmLabel, startOnCancel: false)
    }

    /// The field that has the focus, if one has.
    public var focusedFieldIndex: Int? {
        if case .field(let index) = focus { return index }
        return nil
    }

    /// The fields' text, trimmed, in order.
    public var values: [String] { fields.map { $0.input.text.trimmingCharacters(in: .whitespaces) } }

    public func value(_ index: Int) -> String { values.indices.contains(index) ? values[index] : "" }

    public var typedConfirmationMatches: Bool {
        guard let requiredTyping else { return true }
        return fields.last?.input.text.trimmingCharacters(in: .whitespaces) == requiredTyping
    }

    private var order: [Focus] { fields.indices.map { Focus.field($0) } + [.cancel, .confirm] }

    public mutating func focusNext() { move(by: 1) }
    public mutating func focusPrevious() { move(by: -1) }

    private mutating func move(by step: Int) {
        let all = order
        let index = all.firstIndex(of: focus) ?? 0
        focus = all[(index + step + all.count) % all.count]
    }

    public mutating func handle(_ key: Key) -> DialogOutcome? {
        if isInformation {
            return [.escape, .enter, .char("q"), .char(" ")].contains(key) ? .cancelled : nil
        }
        switch key {
        case .escape:
            return .cancelled
        case .tab, .down:
            focusNext()
        case .backTab, .up:
            focusPrevious()
        case .enter:
            switch focus {
            case .field(let index):
                // Typing the required text is the deliberate act: enter then confirms.
                if index == fields.count - 1 && requiredTyping != nil { return tryConfirm() }
                focusNext()
                if focus == .cancel { focus = .confirm }
            case .cancel:
                return .cancelled
            case .confirm:
                return tryConfirm()
            }
        default:
            if case .field(let index) = focus {
                if fields[index].input.handle(key) { error = nil }
                return nil
            }
            switch key {
            case .left, .right, .char("h"), .char("l"):
                focus = focus == .confirm ? .cancel : .confirm
            case .char("y") where !startedOnCancel && requiredTyping == nil:
                return tryConfirm()
            case .char("n"), .char("q"):
                return .cancelled
            default:
                break
            }
        }
        return nil
    }

    private mutating func tryConfirm() -> DialogOutcome? {
        guard typedConfirmationMatches else {
            error = "type \(requiredTyping ?? "") exactly to go ahead"
            focus = .field(fields.count - 1)
            return nil
        }
        return .confirmed
    }

    /// The keys, as the dialog's last line says them.
    public var keyHint: String {
        if isInformation { return "enter/esc close" }
        var parts = ["tab move", "enter choose", "esc cancel"]
        if requiredTyping != nil { parts.insert("type \(requiredTyping ?? ""), enter", at: 0) }
        if !startedOnCancel && requiredTyping == nil { parts.append("y yes") }
        return parts.joined(separator: " · ")
    }

    public func render(in area: Rect, into grid: inout Grid, theme: Theme) {
        let width = max(24, min(76, area.width - 4))
        let textWidth = width - 4
        let lines = message.flatMap { TextWidth.wrap($0, width: textWidth) }
        let fieldRows = fields.reduce(0) { $0 + ($1.label.isEmpty ? 1 : 2) }
        // An error is said whole, over up to four lines.
        let errorLines = error.map { Array(TextWidth.wrap($0, width: textWidth).prefix(4)) } ?? []
        let wanted = lines.count + fieldRows + errorLines.count + 5
        let height = min(area.height, wanted)
        let rect = area.centered(width: width, height: height)
        let inner = Box(title: title, focused: true).render(in: rect, into: &grid, theme: theme, fill: .dialog)
        guard inner.height >= 3 else { return }
        let body = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        let dialogStyle = theme.style(.dialog)
        // Fields, error, buttons and the key line are kept; the message gives way on a short screen.
        let reserved = fieldRows + errorLines.count + 3
        let messageRows = max(0, body.height - reserved)
        var y = body.y
        for line in lines.prefix(messageRows) {
            grid.put(line, x: body.x, y: y, style: dialogStyle, maxWidth: body.width)
            y += 1
        }
        if lines.count > messageRows, messageRows > 0 {
            grid.put(TextWidth.fit("…", to: body.width), x: body.x, y: y - 1, style: theme.style(.muted).overlaid(with: Style(background: dialogStyle.background)), maxWidth: body.width)
        }
        for (index, field) in fields.enumerated() where y < body.maxY - 2 {
            if !field.label.isEmpty {
                grid.put(field.label, x: body.x, y: y, style: dialogStyle.with(bold: true), maxWidth: body.width)
                y += 1
            }
            let focused = focus == .field(index)
            let inputStyle = theme.style(.input)
            let row = Rect(x: body.x, y: y, width: body.width, height: 1)
            if field.input.text.isEmpty && !focused {
                grid.fill(row, style: inputStyle)
                grid.put(field.placeholder, x: row.x, y: row.y, style: theme.style(.muted).overlaid(with: Style(background: inputStyle.background)), maxWidth: row.width)
            } else {
                field.input.render(in: row, into: &grid, style: inputStyle, showCursor: focused)
            }
            y += 1
        }
        for line in errorLines where y < body.maxY - 2 {
            grid.put(line, x: body.x, y: y, style: theme.style(.flashError), maxWidth: body.width)
            y += 1
        }
        let buttonRow = Rect(x: body.x, y: body.maxY - 2, width: body.width, height: 1)
        let buttons = isInformation ? [(confirmLabel, true)] : [(cancelLabel, focus == .cancel), (confirmLabel, focus == .confirm)]
        DialogLayout.drawButtons(buttons, row: buttonRow, into: &grid, theme: theme)
        grid.put(keyHint, x: body.x, y: body.maxY - 1, style: theme.style(.muted).overlaid(with: Style(background: dialogStyle.background)), maxWidth: body.width)
    }
}

/// Shared drawing of dialog text and buttons.
enum DialogLayout {
    /// Buttons centred on `row`, the focused one marked and highlighted: `[ Cancel ]  ▶ OK ◀`.
    static func drawButtons(_ buttons: [(String, Bool)], row: Rect, into grid: inout Grid, theme: Theme) {
        guard !row.isEmpty else { return }
        let labels = buttons.map { $0.1 ? "▶ \($0.0) ◀" : "[ \($0.0) ]" }
        let total = labels.map(TextWidth.of).reduce(0, +) + 2 * (labels.count - 1)
        var x = row.x + max(0, (row.width - total) / 2)
        for (label, (_, focused)) in zip(labels, buttons) {
            x += grid.put(label, x: x, y: row.y, style: theme.style(focused ? .dialogButtonFocused : .dialogButton), maxWidth: row.maxX - x) + 2
        }
    }
}
