import Foundation
import TerminalUI

/// A line of the workspace tree: a workspace or one of its queues.
public enum TreeLine: Sendable, Hashable {
    case workspace(WorkspaceSummary, expanded: Bool)
    case queue(QueueSummary, workspace: WorkspaceSummary)
}

public struct TreeState: Sendable {
    public var organization: OrganizationSummary?
    public var workspaces: [WorkspaceSummary] = []
    /// Collapsed workspaces (everything starts expanded: support staff want to see queues).
    public var collapsed: Set<Int> = []
    public var scroll = ScrollState()
    public var load = LoadState()

    public init() {}

    public var lines: [TreeLine] {
        var result: [TreeLine] = []
        for workspace in workspaces {
            let expanded = !collapsed.contains(workspace.id)
            result.append(.workspace(workspace, expanded: expanded))
            if expanded { result += workspace.queues.map { .queue($0, workspace: workspace) } }
        }
        return result
    }

    public func queue(id: Int) -> (QueueSummary, WorkspaceSummary)? {
        for workspace in workspaces {
            if let queue = workspace.queues.first(where: { $0.id == id }) { return (queue, workspace) }
        }
        return nil
    }
}

public struct DetailState: Sendable {
    public var annotationID: Int
    public var detail: AnnotationDetail?
    public var scroll: Int = 0
    public var load = LoadState()

    public init(annotationID: Int) {
        self.annotationID = annotationID
    }
}

public struct MonitorState: Sendable {
    public var operations: [OperationRow] = []
    /// When each operation last changed state, to highlight the change for a few seconds.
    public var changedAt: [String: Date] = [:]
    public var visible = true
    public var height = 8
    public var scroll = ScrollState()
    public var load = LoadState()

    public init() {}

    /// Running operations first (newest first), then the history, newest first.
    public var ordered: [OperationRow] {
        operations.sorted { a, b in
            if a.isTerminal != b.isTerminal { return !a.isTerminal }
            return (a.startedAt ?? .distantPast) > (b.startedAt ?? .distantPast)
        }
    }

    public var hasRunning: Bool { operations.contains { !$0.isTerminal } }
}

public struct DatasetsState: Sendable {
    public var datasets: [DatasetSummary] = []
    public var scroll = ScrollState()
    public var load = LoadState()
    public init() {}
    public var selected: DatasetSummary? {
        datasets.indices.contains(scroll.selected) ? datasets[scroll.selected] : nil
    }
}

/// A one-line text editor (filter, command line, dialog fields).
public struct InputLine: Sendable, Hashable {
    public var text: String
    /// Cursor position in characters.
    public var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    /// Applies an editing key; returns false when the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        if let character = key.typedCharacter {
            let index = text.index(text.startIndex, offsetBy: cursor)
            text.insert(character, at: index)
            cursor += 1
            return true
        }
        switch (key.code, key.modifiers) {
        case (.backspace, _):
            guard cursor > 0 else { return true }
            let index = text.index(text.startIndex, offsetBy: cursor - 1)
            text.remove(at: index)
            cursor -= 1
        case (.delete, _):
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case (.left, _): cursor = max(0, cursor - 1)
        case (.right, _): cursor = min(text.count, cursor + 1)
        case (.home, _), (.char("a"), .ctrl): cursor = 0
        case (.end, _), (.char("e"), .ctrl): cursor = text.count
        case (.char("u"), .ctrl):
            text = String(text.dropFirst(cursor))
            cursor = 0
        case (.char("w"), .ctrl):
            let before = text.prefix(cursor)
            let trimmed = before.reversed().drop(while: { $0 == " " }).drop(while: { $0 != " " })
            let keep = String(trimmed.reversed())
            text = keep + text.dropFirst(cursor)
            cursor = keep.count
        default: return false
        }
        return true
    }
}

public enum FlashLevel: Sendable, Hashable { case info, warn, error }

public struct Flash: Sendable, Hashable {
    public var text: String
    public var level: FlashLevel
    public var until: Date
    public init(text: String, level: FlashLevel, until: Date) {
        self.text = text
        self.level = level
        self.until = until
    }
}
