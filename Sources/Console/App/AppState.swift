import Foundation
import TerminalUI

/// What is drawn over the screen and takes the keys first.
public enum Overlay: Sendable, Hashable {
    case help(HelpOverlay)
    case commandLine(CommandPrompt)
    /// The `/` line of the screen on top; `error` is what the text would be refused for.
    case filter(CommandPrompt, error: String?)
    case dialog(Dialog, DialogPurpose)
    case bulkReport
    /// One operation of the monitor, whole, kept up to date as it changes.
    case operation(id: String)
}

/// What an accepted dialog does.
public enum DialogPurpose: Sendable, Hashable {
    case annotationCommand(AnnotationCommand, ids: [Int])
    case datasetJob(DatasetJobStep)
    case quit
    /// Only says something (why a confirm is refused, say); accepting it does nothing.
    case information
    /// Writes `text` to the file the dialog names.
    case saveText(String)
    /// Runs a dangerous plugin the person was asked about.
    case plugin(PluginRun)
    /// Replays a hook run (the hook's endpoint is called for real).
    case replay(HookReplayRequest)
}

/// Which part of the screen has the keyboard: the screen or the monitor panel.
public enum Focus: Sendable, Hashable { case main, monitor }

/// The whole state of the console: a stack of screens, the monitor panel, one overlay and
/// what every screen shares. `apply(_:)` is the only thing that changes it.
public struct AppState: Sendable {
    /// Never empty; the first screen is the workspace tree.
    public internal(set) var stack: [any ConsoleScreen]
    public var focus: Focus = .main
    public var overlay: Overlay?

    public var catalog = Catalog()
    public var monitor = MonitorState()
    public var bulk: BulkRun?
    public var nextBulkID = 1
    /// Commands sent and not yet answered, by annotation id: rows show them at once.
    public var pending: [Int: AnnotationCommand] = [:]

    public var flash: Flash?
    public var now: Date
    public var width: Int
    public var height: Int
    public var paused = false
    public var quitRequested = false
    /// Lines entered at the `:` prompt, oldest first; kept across runs by the session.
    public var commandHistory: [String] = []
    /// Recent annotations and pinned queues of this server; kept across runs by the session.
    public var places = Places()
    /// The config's `aliases:` for the `:` line.
    public var aliases = CommandAliases()
    /// The config's `plugins:`; their keys are in `keyMap`.
    public var plugins: [Plugin] = []
    /// The last click that selected something, for double clicks (`AppMouse.swift`).
    var lastClick: (y: Int, at: Date)?

    public var keyMap: KeyMap
    public var theme: Theme
    public var profileName: String
    public var serverLabel: String
    public var webAppBase: String
    public var intervals: RefreshIntervals
    public var formatting: Formatting

    public var readOnly: Bool { keyMap.readOnly }

    public init(keyMap: KeyMap, theme: Theme, profileName: String, serverLabel: String, webAppBase: String,
                intervals: RefreshIntervals = RefreshIntervals(), formatting: Formatting = Formatting(),
                now: Date, width: Int = 120, height: Int = 35) {
        self.keyMap = keyMap
        self.theme = theme
        self.profileName = profileName
        self.serverLabel = serverLabel
        self.webAppBase = webAppBase
        self.intervals = intervals
        self.formatting = formatting
        self.now = now
        self.width = width
        self.height = height
        stack = [TreeScreen()]
    }

    public var top: any ConsoleScreen { stack[stack.count - 1] }

    /// The stack as it was before the last navigation, for `-` (see `AppPrevious.swift`).
    public internal(set) var previousStack: [any ConsoleScreen]?

    /// Reviews being cancelled because their detail was left, until the server answers.
    public var releasing: Set<Int> = []

    /// Annotations whose review this console holds: the caller cancels them when the console
    /// closes (`q`, a profile switch), as leaving the detail would, so no document stays
    /// locked by a console that is gone. A cancel still on its way counts: closing sends it again.
    public var heldReviews: [Int] { reviewsOnStack.union(releasing).sorted() }

    /// Key scopes of what has focus, most specific first.
    public var scopes: [KeyScope] {
        if focus == .monitor && monitorPanelRows > 0 { return [ConsoleScope.monitor] }
        return top.scopes
    }

    public var layout: ScreenLayout { ScreenLayout(width: width, height: height, monitorRows: monitorPanelRows) }

    /// Rows the screen has for its body under its title line.
    public var mainBodyRows: Int { max(1, layout.main.height - 1) }

    /// The monitor panel's height (0 when hidden or when the monitor is the screen).
    public var monitorPanelRows: Int {
        guard monitor.visible, !(top is OperationsScreen) else { return 0 }
        return min(monitor.height, max(3, (height - 8) / 2))
    }

    /// The context handed to a screen: what it sees, and an outbox for what it asks.
    func context() -> ScreenContext {
        ScreenContext(now: now, bodyRows: mainBodyRows, width: width, catalog: catalog, monitor: monitor, intervals: intervals,
                      formatting: formatting, theme: theme, keyMap: keyMap, webAppBase: webAppBase, paused: paused,
                      focused: focus == .main && overlay == nil, monitorFocused: focus == .monitor && overlay == nil,
                      overlayFree: overlay == nil, pending: pending, places: places)
    }
}

/// Where the parts of the screen go: header, main view, monitor panel, flash line, hints.
public struct ScreenLayout: Sendable, Hashable {
    public var header: Rect
    public var main: Rect
    public var monitor: Rect
    public var flash: Rect
    public var hints: Rect

    public init(width: Int, height: Int, monitorRows: Int) {
        let parts = Rect(x: 0, y: 0, width: width, height: height)
            .split(.vertical, [.fixed(1), .fill, .fixed(monitorRows), .fixed(1), .fixed(1)])
        header = parts[0]
        main = parts[1]
        monitor = parts[2]
        flash = parts[3]
        hints = parts[4]
    }
}

/// The one-line message under the screen.
public struct Flash: Sendable, Hashable {
    public var text: String
    public var level: FlashLevel
    public var until: Date
    /// Said by something the person did not just do (an operation ending by itself): it never
    /// hides the answer to what they did.
    public var isBackground: Bool
    public init(text: String, level: FlashLevel, until: Date, isBackground: Bool = false) {
        self.text = text
        self.level = level
        self.until = until
        self.isBackground = isBackground
    }
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
