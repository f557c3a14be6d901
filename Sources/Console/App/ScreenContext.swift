import Foundation
import TerminalUI

/// What a screen sees of the app while it handles a key or an answer, and what it asks of the
/// app in return. The app builds one per call and carries out the requests afterwards, so
/// screens never reach into each other or into the app's state.
public struct ScreenContext: Sendable {
    public let now: Date
    /// Rows of the screen's body under its title line.
    public let bodyRows: Int
    public let width: Int
    public let catalog: Catalog
    public let monitor: MonitorState
    public let intervals: RefreshIntervals
    public let formatting: Formatting
    public let theme: Theme
    public let keyMap: KeyMap
    public let webAppBase: String
    public let paused: Bool
    /// The screen has the keyboard (not the monitor panel, no overlay).
    public let focused: Bool
    /// The monitor panel has the keyboard.
    public let monitorFocused: Bool
    /// No overlay takes the keys.
    public let overlayFree: Bool
    /// Annotation commands sent and not answered yet, by annotation id (shown at once).
    public let pending: [Int: AnnotationCommand]
    /// Recent annotations and pinned queues; a screen may change them (the tree pins a queue).
    public var places: Places

    // Requests to the app.
    public internal(set) var flash: Flash?
    public internal(set) var navigation: [Navigation] = []
    public internal(set) var overlay: Overlay?
    public internal(set) var commandRequest: CommandRequest?
    public internal(set) var monitorMove: ActionID?

    public enum Navigation: Sendable {
        case push(any ConsoleScreen)
        /// Leaves this screen (e.g. its annotation does not exist).
        case pop
        /// Leaves this screen and hands the action to the one below (detail -> list).
        case forward(ActionID)
    }

    public var readOnly: Bool { keyMap.readOnly }

    public mutating func flash(_ text: String, _ level: FlashLevel, seconds: TimeInterval? = nil) {
        let duration = seconds ?? (level == .error ? 10 : 4)
        flash = Flash(text: text, level: level, until: now.addingTimeInterval(duration))
    }

    public mutating func push(_ screen: any ConsoleScreen) { navigation.append(.push(screen)) }
    public mutating func pop() { navigation.append(.pop) }
    public mutating func forward(_ action: ActionID) { navigation.append(.forward(action)) }
    public mutating func present(_ overlay: Overlay) { self.overlay = overlay }
    /// Moves the monitor's selection (the operations screen shows the app's monitor).
    public mutating func moveMonitor(_ action: ActionID) { monitorMove = action }

    /// Asks the app to confirm and run an annotation command on exactly these annotations.
    public mutating func requestCommand(_ request: CommandRequest) { commandRequest = request }

    /// A screen's web-app link for an annotation.
    public func webURL(for id: Int) -> String {
        let base = webAppBase.hasSuffix("/") ? String(webAppBase.dropLast()) : webAppBase
        return base + "/document/\(id)"
    }
}

/// What the app knows of the organization: its workspaces and queues with their counts.
/// Loaded for the tree and shared with every screen (queue names, counts, `:queue ID`).
public struct Catalog: Sendable, Hashable {
    public var organization: OrganizationSummary?
    public var workspaces: [WorkspaceSummary] = []

    public init() {}

    public func queue(id: Int) -> (QueueSummary, WorkspaceSummary)? {
        for workspace in workspaces {
            if let queue = workspace.queues.first(where: { $0.id == id }) { return (queue, workspace) }
        }
        return nil
    }
}

/// An annotation command a screen wants to run, with what the person sees of its targets.
public struct CommandRequest: Sendable, Hashable {
    public var command: AnnotationCommand
    /// The annotations to act on, in the order shown; never more than the person sees.
    public var ids: [Int]
    /// One line per target for the dialog (`#12 invoice.pdf — to review`).
    public var descriptions: [String]
    /// Marks the command leaves out because they are not in this view.
    public var hiddenMarks: Int
    /// The cursor moved by itself (its annotation left the view) since the last key.
    public var selectionMoved: String?
    public var fromMarks: Bool
    /// The server's warnings about the target (a confirm from the editor): listed in the dialog,
    /// which then starts on Cancel, so confirming past them is a choice made while reading them.
    public var warnings: [String]

    public init(command: AnnotationCommand, ids: [Int], descriptions: [String], hiddenMarks: Int = 0,
                selectionMoved: String? = nil, fromMarks: Bool = false, warnings: [String] = []) {
        self.warnings = warnings
        self.command = command
        self.ids = ids
        self.descriptions = descriptions
        self.hiddenMarks = hiddenMarks
        self.selectionMoved = selectionMoved
        self.fromMarks = fromMarks
    }
}
