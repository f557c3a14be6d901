import Foundation

/// What a dialog does when it is accepted.
public enum DialogPurpose: Sendable, Hashable {
    case annotationCommand(AnnotationCommand, ids: [Int])
    case upsert(dataset: String)
    case replace(dataset: String)
    case download(dataset: String)
}

/// A modal dialog: a message, optional input fields, and Cancel / OK buttons.
///
/// Focus runs through the fields, then the buttons. Dangerous bulk actions open with Cancel
/// focused and, above `typedConfirmationThreshold` items, only accept once the count is typed.
public struct DialogState: Sendable, Hashable {
    public static let typedConfirmationThreshold = 20

    public struct Field: Sendable, Hashable {
        public var label: String
        public var input: InputLine
        public var placeholder: String
        public init(label: String, text: String = "", placeholder: String = "") {
            self.label = label
            input = InputLine(text)
            self.placeholder = placeholder
        }
    }

    public var purpose: DialogPurpose
    public var title: String
    public var message: [String]
    public var fields: [Field]
    public var okLabel: String
    /// Text the user must type in the last field before OK is accepted.
    public var requiredTyping: String?
    /// 0..<fields.count: a field; fields.count: Cancel; fields.count + 1: OK.
    public var focus: Int
    /// A problem with the input, shown in the dialog instead of closing it.
    public var error: String?

    public init(purpose: DialogPurpose, title: String, message: [String], fields: [Field] = [], okLabel: String,
                requiredTyping: String? = nil, focusCancel: Bool) {
        self.purpose = purpose
        self.title = title
        self.message = message
        self.fields = fields
        self.okLabel = okLabel
        self.requiredTyping = requiredTyping
        if !fields.isEmpty {
            focus = 0
        } else {
            focus = focusCancel ? fields.count : fields.count + 1
        }
    }

    public var cancelIndex: Int { fields.count }
    public var okIndex: Int { fields.count + 1 }
    public var focusedField: Int? { focus < fields.count ? focus : nil }

    public var typedConfirmationMatches: Bool {
        guard let requiredTyping else { return true }
        return fields.last?.input.text.trimmingCharacters(in: .whitespaces) == requiredTyping
    }

    public mutating func focusNext() { focus = (focus + 1) % (fields.count + 2) }
    public mutating func focusPrevious() { focus = (focus + fields.count + 1) % (fields.count + 2) }
}

/// One annotation's result in a bulk action.
public enum BulkOutcome: Sendable, Hashable {
    case succeeded(newStatus: String?)
    case failed(ConsoleFailure)
}

/// A bulk action in progress or finished: per-item results, nothing stops at the first failure.
public struct BulkRun: Sendable, Hashable {
    public var id: Int
    public var command: AnnotationCommand
    public var ids: [Int]
    public var outcomes: [Int: BulkOutcome] = [:]
    /// The report stays on screen until dismissed.
    public var reportScroll = 0

    public init(id: Int, command: AnnotationCommand, ids: [Int]) {
        self.id = id
        self.command = command
        self.ids = ids
    }

    public var finished: Bool { outcomes.count == ids.count }
    public var succeededCount: Int { outcomes.values.filter { if case .succeeded = $0 { return true } else { return false } }.count }
    public var failedCount: Int { outcomes.count - succeededCount }
    public var progress: Double { ids.isEmpty ? 1 : Double(outcomes.count) / Double(ids.count) }
}
