import Foundation
import TerminalUI

/// The operation monitor as a screen of its own (`M`, `:ops`); the same rows as the panel.
/// Its data is the app's monitor, which polls whichever screen is open.
public struct OperationsScreen: ConsoleScreen {
    public init() {}

    public var scopes: [KeyScope] { [ConsoleScope.monitor] }
    public var load: LoadState { LoadState() }
    public func breadcrumb(_ context: ScreenContext) -> [String] { ["Operations"] }

    public func isAvailable(_ action: ActionID, _ context: ScreenContext) -> Bool {
        ListNavigation.isMove(action) || (action == NavigationAction.open && !context.monitor.operations.isEmpty)
    }

    public mutating func refresh(_ context: inout ScreenContext, force: Bool) -> [Effect] { [] }

    public mutating func handle(_ action: ActionID, _ context: inout ScreenContext) -> [Effect] {
        context.moveMonitor(action)
        return []
    }

    public func render(_ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        MonitorView.draw(context, in: rect, fullScreen: true, into: &grid)
    }
}
