import Foundation
import TerminalUI

/// A line of the workspace tree: a workspace or one of its queues, or a pinned queue at the top.
public enum WorkspaceTreeLine: Sendable, Hashable {
    case workspace(WorkspaceSummary, expanded: Bool)
    case queue(QueueSummary, workspace: WorkspaceSummary)
    case pinned(QueueSummary, workspace: WorkspaceSummary)

    /// The queue of a queue line, pinned or not.
    var queue: (QueueSummary, WorkspaceSummary)? {
        switch self {
        case .queue(let queue, let workspace), .pinned(let queue, let workspace): (queue, workspace)
        case .workspace: nil
        }
    }
}

/// Workspaces with their queues and the annotation counts per status; the root of the stack.
/// Its data is the app's catalog, which every screen shares.
public struct TreeScreen: ConsoleScreen {
    /// Collapsed workspaces (everything starts expanded: support staff want to see queues).
    public var collapsed: Set<Int> = []
    public var scroll = ScrollState()
    public var load = LoadState()

    public init() {}

    public var scopes: [KeyScope] { [ConsoleScope.tree] }
    public var pollInterval: KeyPath<RefreshIntervals, TimeInterval>? { \.tree }

    public func breadcrumb(_ context: ScreenContext) -> [String] { ["Workspaces"] }

    /// Pinned queues first (in the order pinned; one no longer in the catalog is left out),
    /// then every workspace with its queues.
    public func lines(_ catalog: Catalog, pinned: [Int] = []) -> [WorkspaceTreeLine] {
        var result: [WorkspaceTreeLine] = pinned.compactMap { id in catalog.queue(id: id).map { .pinned($0.0, workspace: $0.1) } }
        for workspace in catalog.workspaces {
            let expanded = !collapsed.contains(workspace.id)
            result.append(.workspace(workspace, expanded: expanded))
            if expanded { result += workspace.queues.map { .queue($0, workspace: workspace) } }
        }
        return result
    }

    func lines(_ context: ScreenContext) -> [WorkspaceTreeLine] { lines(context.catalog, pinned: context.places.pinnedQueues) }

    func selectedLine(_ context: ScreenContext) -> WorkspaceTreeLine? {
        let lines = self.lines(context)
        return lines.indices.contains(scroll.selected) ? lines[scroll.selected] : nil
    }

    public func isAvailable(_ action: ActionID, _ context: ScreenContext) -> Bool {
        if action == ConsoleAction.pinQueue { return selectedLine(context)?.queue != nil }
        return ListNavigation.isMove(action) || [NavigationAction.open, NavigationAction.left, NavigationAction.right].contains(action)
    }

    public func offers(_ action: ActionID, _ context: ScreenContext) -> Bool {
        action == ConsoleAction.pinQueue || isAvailable(action, context)
    }

    public func selectedObject(_ context: ScreenContext) -> SelectedObject? {
        switch selectedLine(context) {
        case .workspace(let workspace, _)?: return SelectedObject(kind: "workspace", id: workspace.id, apiPath: "workspaces/\(workspace.id)")
        case .queue(let queue, _)?, .pinned(let queue, _)?: return SelectedObject(kind: "queue", id: queue.id, apiPath: "queues/\(queue.id)")
        case nil: return nil
        }
    }

    public func hookLogScope(_ context: ScreenContext) -> HookLogFilter {
        switch selectedLine(context) {
        case .queue(let queue, _)?, .pinned(let queue, _)?: return HookLogFilter(queues: [queue.id])
        case .workspace(let workspace, _)?: return HookLogFilter(queues: workspace.queues.map(\.id))
        case nil: return HookLogFilter()
        }
    }

    public mutating func refresh(_ context: inout ScreenContext, force: Bool) -> [Effect] {
        guard !load.inFlight, force || isDue(context) else { return [] }
        load.begin(at: context.now, asked: force)
        return [.fetch(WorkspacesRequest(includesOrganization: force || context.catalog.organization == nil))]
    }

    public mutating func receive(_ answer: DataAnswer, _ context: inout ScreenContext) -> [Effect] {
        guard let (_, result) = answer.answer(to: WorkspacesRequest.self) else { return [] }
        switch result {
        case .success(let (_, workspaces)):
            load.succeed(at: context.now)
            // The catalog is updated by the app before screens see the answer; count from the answer.
            var catalog = Catalog()
            catalog.workspaces = workspaces
            scroll.clamp(rowCount: lines(catalog, pinned: context.places.pinnedQueues).count, visibleRows: context.bodyRows - 1)
        case .failure(let failure):
            load.fail(failure.description, at: context.now)
        }
        return []
    }

    public mutating func handle(_ action: ActionID, _ context: inout ScreenContext) -> [Effect] {
        let lines = self.lines(context)
        if ListNavigation.move(&scroll, action, rowCount: lines.count, visibleRows: context.bodyRows - 1) { return [] }
        guard lines.indices.contains(scroll.selected) else { return [] }
        let line = lines[scroll.selected]
        if action == ConsoleAction.pinQueue, let (queue, _) = line.queue {
            togglePin(queue, line: line, &context)
            return []
        }
        if [NavigationAction.open, NavigationAction.right].contains(action), let (queue, workspace) = line.queue {
            context.push(AnnotationListScreen(queue: queue, workspaceName: workspace.name))
            return []
        }
        switch (action, line) {
        case (NavigationAction.open, .workspace(let workspace, let expanded)):
            if expanded { collapsed.insert(workspace.id) } else { collapsed.remove(workspace.id) }
        case (NavigationAction.right, .workspace(let workspace, _)):
            collapsed.remove(workspace.id)
        case (NavigationAction.left, .workspace(let workspace, _)):
            collapsed.insert(workspace.id)
        case (NavigationAction.left, .queue(_, let workspace)), (NavigationAction.left, .pinned(_, let workspace)):
            if let index = lines.firstIndex(of: .workspace(workspace, expanded: true)) { scroll.select(index, rowCount: lines.count) }
        default:
            break
        }
        return []
    }

    /// Pins or unpins the queue; the cursor stays on the line it was on (a pinned line it
    /// unpinned goes to the queue in its workspace).
    mutating func togglePin(_ queue: QueueSummary, line: WorkspaceTreeLine, _ context: inout ScreenContext) {
        let pinned = context.places.togglePin(queue.id)
        context.flash(pinned ? "\(queue.name) pinned to the top of the tree (* again unpins)" : "\(queue.name) unpinned", .info)
        let lines = self.lines(context)
        let stay = lines.firstIndex(of: line) ?? lines.firstIndex { $0.queue?.0.id == queue.id && $0 != line } ?? scroll.selected
        scroll.select(stay, rowCount: lines.count)
        scroll.clamp(rowCount: lines.count, visibleRows: context.bodyRows - 1)
    }

    public mutating func click(x: Int, y: Int, in rect: Rect, _ context: inout ScreenContext) -> [Effect]? {
        ListNavigation.select(&scroll, atY: y, table: rect.dropFirst(1), rowCount: lines(context).count) ? [] : nil
    }

    public func render(_ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        TreeView.draw(self, context, in: rect, into: &grid)
    }
}
