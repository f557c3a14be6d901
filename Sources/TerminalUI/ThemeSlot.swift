/// A semantic place a colour goes ("selection", "status.confirmed"), as named in theme files.
/// Open-ended: an app may use any `status.<name>` or `operation.<name>` its data has.
public struct ThemeSlot: Sendable, Hashable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }

    public static let background: ThemeSlot = "background"
    public static let text: ThemeSlot = "text"
    public static let muted: ThemeSlot = "muted"
    public static let accent: ThemeSlot = "accent"
    public static let border: ThemeSlot = "border"
    public static let borderFocused: ThemeSlot = "border_focused"
    public static let selection: ThemeSlot = "selection"
    public static let marked: ThemeSlot = "marked"
    public static let header: ThemeSlot = "header"
    public static let title: ThemeSlot = "title"
    public static let hintKey: ThemeSlot = "hint_key"
    public static let flashInfo: ThemeSlot = "flash.info"
    public static let flashWarn: ThemeSlot = "flash.warn"
    public static let flashError: ThemeSlot = "flash.error"
    public static let dialog: ThemeSlot = "dialog"
    public static let dialogButton: ThemeSlot = "dialog_button"
    public static let dialogButtonFocused: ThemeSlot = "dialog_button_focused"
    public static let input: ThemeSlot = "input"
    public static let progress: ThemeSlot = "progress"
    public static let readonlyBadge: ThemeSlot = "readonly_badge"

    /// The colour of a record status, e.g. `status.to_review`.
    public static func status(_ name: String) -> ThemeSlot { ThemeSlot(rawValue: "status." + name) }
    /// The colour of a background operation's state, e.g. `operation.running`.
    public static func operation(_ name: String) -> ThemeSlot { ThemeSlot(rawValue: "operation." + name) }
}
