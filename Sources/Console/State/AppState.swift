import Foundation
import TerminalUI

/// The main screens. The operation monitor is also a panel under every screen.
public enum Screen: Sendable, Hashable {
    case workspaces
    case annotations
    case detail
    case datasets
    case operations
}

/// What is drawn over the screen and takes the keys first.
public enum Overlay: Sendable, Hashable {
    case help(scroll: Int)
    case commandLine(InputLine)
    case filter(InputLine)
    case dialog(DialogState)
    case bulkReport
}

/// Which part of the screen has the keyboard: the main view or the monitor panel.
public enum Focus: Sendable, Hashable { case main, monitor }

/// The whole state of the console. `update` is the only thing that changes it.
public struct AppState: Sendable {
    public var screen: Screen = .workspaces
    /// Screens to go back to with `esc`.
    public var history: [Screen] = []
    public var focus: Focus = .main
    public var overlay: Overlay?

    public var tree = TreeState()
    public var list: AnnotationListState?
    public var detail: DetailState?
    public var monitor = MonitorState()
    public var datasets = DatasetsState()
    public var bulk: BulkRun?
    public var nextBulkID = 1

    public var flash: Flash?
    public var now: Date
    public var width: Int
    public var height: Int
    public var paused = false
    public var quitRequested = false

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
    }

    /// Key scopes of what has focus, most specific first.
    public var scopes: [KeyScope] {
        if focus == .monitor && monitor.visible { return [ConsoleScope.monitor] }
        switch screen {
        case .workspaces: return [ConsoleScope.tree]
        case .annotations: return [ConsoleScope.list, ConsoleScope.annotations]
        case .detail: return [ConsoleScope.detail, ConsoleScope.annotations]
        case .datasets: return [ConsoleScope.datasets]
        case .operations: return [ConsoleScope.monitor]
        }
    }

    /// Rows the main view has for its body, which decides paging and page-up/down.
    public var mainBodyRows: Int {
        max(1, ScreenLayout(width: width, height: height, monitorRows: monitorPanelRows).main.height - 1)
    }

    /// The monitor panel's height on this screen (0 when hidden or full screen).
    public var monitorPanelRows: Int {
        guard monitor.visible, screen != .operations else { return 0 }
        return min(monitor.height, max(3, (height - 8) / 2))
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
