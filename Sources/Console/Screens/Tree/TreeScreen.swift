import Foundation
import TerminalUI

/// A line of the workspace tree: a workspace or one of its queues.
public enum WorkspaceTreeLine: Sendable, Hashable {
    case workspace(WorkspaceSummary, expanded: Bool)
    case queue(QueueSummary, workspace: WorkspaceSummary)
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

    public func lines(_ catalog: Catalog) -> [WorkspaceTreeLine] {
        var result: [WorkspaceTreeLine] = []
        for workspace in catalog.workspaces {
            let expanded = !collapsed.contains(workspace.id)
            result.append(.workspace(workspace, expanded: expanded))
            if expanded { result += workspace.queues.map { .queue($0, workspace: workspace) } }
        }
        return result
    }

    public func isAvailable(_ action: ActionID, _ context: ScreenContext) -> Bool {
        ListNavigation.isMove(action) || [NavigationAction.open, NavigationAction.left, NavigationAction.right].contains(action)
    }

    public func selectedObject(_ context: ScreenContext) -> SelectedObject? {
        let lines = self.lines(context.catalog)
        guard lines.indices.contains(scroll.selected) else { return nil }
        switch lines[scroll.selected] {
        case .workspace(let workspace, _): return SelectedObject(kind: "workspace", id: workspace.id, apiPath: "workspaces/\(workspace.id)")
        case .queue(let queue, _): return SelectedObject(kind: "queue", id: queue.id, apiPath: "queues/\(queue.id)")
        }
    }

    public func hookLogScope(_ context: ScreenContext) -> HookLogFilter {
        let lines = self.lines(context.catalog)
        guard lines.indices.contains(scroll.selected) else { return HookLogFilter() }
        switch lines[scroll.selected] {
        case .queue(let queue, _): return HookLogFilter(queues: [queue.id])
        case .workspace(let workspace, _): return HookLogFilter(queues: workspace.queues.map(\.id))
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
            scroll.clamp(rowCount: lines(catalog).count, visibleRows: context.bodyRows - 1)
        case .failure(let failure):
            load.fail(failure.description, at: context.now)
        }
        return []
    }

    public mutating func handle(_ action: ActionID, _ context: inout ScreenContext) -> [Effect] {
        let lines = self.lines(context.catalog)
        if ListNavigation.move(&scroll, action, rowCount: lines.count, visibleRows: context.bodyRows - 1) { return [] }
        guard lines.indices.contains(scroll.selected) else { return [] }
        switch (action, lines[scroll.selected]) {
        case (NavigationAction.open, .queue(let queue, let workspace)), (NavigationAction.right, .queue(let queue, let workspace)):
            context.push(AnnotationListScreen(queue: queue, workspaceName: workspace.name))
        case (NavigationAction.open, .workspace(let workspace, let expanded)):
            if expanded { collapsed.insert(workspace.id) } else { collapsed.remove(workspace.id) }
        case (NavigationAction.right, .workspace(let workspace, _)):
            collapsed.remove(workspace.id)
        case (NavigationAction.left, .workspace(let workspace, _)):
            collapsed.insert(workspace.id)
        case (NavigationAction.left, .queue(_, let workspace)):
            if let index = lines.firstIndex(of: .workspace(workspace, expanded: true)) { scroll.select(index, rowCount: lines.count) }
        default:
            break
        }
        return []
    }

    public func render(_ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        TreeView.draw(self, context, in: rect, into: &grid)
    }
}
