/// Identifies an action ("nav.down", "annotation.confirm"); config files bind keys to it.
public struct ActionID: Sendable, Hashable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible, Comparable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (a: ActionID, b: ActionID) -> Bool { a.rawValue < b.rawValue }
}

/// Where an action applies: `global`, or a screen/pane name the app chooses.
public struct KeyScope: Sendable, Hashable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static let global: KeyScope = "global"
}

/// Something the user can do, as data: help, the hint bar and read-only mode derive from it.
public struct Action: Sendable, Hashable {
    public var id: ActionID
    public var description: String
    public var defaultKeys: [Key]
    /// Changes data on the server (confirm, delete...): removed entirely in read-only mode.
    public var dangerous: Bool
    public var scope: KeyScope
    /// Shown in the one-line hint bar (the help overlay always lists every action).
    public var showInHints: Bool

    public init(_ id: ActionID, _ description: String, keys: [Key], dangerous: Bool = false, scope: KeyScope = .global, showInHints: Bool = false) {
        self.id = id
        self.description = description
        defaultKeys = keys
        self.dangerous = dangerous
        self.scope = scope
        self.showInHints = showInHints
    }
}

/// The generic navigation actions every screen understands: vim keys and arrows, k9s-style
/// `:` `/` `?`. Apps add their own actions next to these.
public enum NavigationAction {
    public static let up: ActionID = "nav.up"
    public static let down: ActionID = "nav.down"
    public static let left: ActionID = "nav.left"
    public static let right: ActionID = "nav.right"
    public static let pageUp: ActionID = "nav.page_up"
    public static let pageDown: ActionID = "nav.page_down"
    public static let top: ActionID = "nav.top"
    public static let bottom: ActionID = "nav.bottom"
    public static let open: ActionID = "nav.open"
    public static let back: ActionID = "nav.back"
    public static let toggleMark: ActionID = "nav.toggle_mark"
    public static let command: ActionID = "nav.command"
    public static let filter: ActionID = "nav.filter"
    public static let help: ActionID = "nav.help"
    public static let refresh: ActionID = "nav.refresh"
    public static let quit: ActionID = "nav.quit"
    public static let nextPane: ActionID = "nav.next_pane"
    public static let previousPane: ActionID = "nav.previous_pane"

    public static let all: [Action] = [
        Action(up, "Move up", keys: [.char("k"), .up]),
        Action(down, "Move down", keys: [.char("j"), .down]),
        Action(left, "Collapse / move left", keys: [.char("h"), .left]),
        Action(right, "Expand / move right", keys: [.char("l"), .right]),
        Action(pageUp, "Page up", keys: [.ctrl("b"), .pageUp]),
        Action(pageDown, "Page down", keys: [.ctrl("f"), .pageDown]),
        Action(top, "Go to top", keys: [.char("g"), .home]),
        Action(bottom, "Go to bottom", keys: [.char("G"), .end]),
        Action(open, "Open", keys: [.enter], showInHints: true),
        Action(back, "Back / close", keys: [.escape], showInHints: true),
        Action(toggleMark, "Mark / unmark", keys: [.space]),
        Action(command, "Command line", keys: [.char(":")], showInHints: true),
        Action(filter, "Filter", keys: [.char("/")], showInHints: true),
        Action(help, "Help", keys: [.char("?")], showInHints: true),
        Action(refresh, "Refresh", keys: [.ctrl("r")]),
        Action(quit, "Quit", keys: [.char("q"), .ctrl("c")], showInHints: true),
        Action(nextPane, "Next pane", keys: [.tab]),
        Action(previousPane, "Previous pane", keys: [.backTab]),
    ]
}
