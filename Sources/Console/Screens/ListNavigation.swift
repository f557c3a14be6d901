import TerminalUI

/// The generic moves of a scrolling list, shared by every screen with rows.
public enum ListNavigation {
    static let moves: Set<ActionID> = [NavigationAction.up, NavigationAction.down, NavigationAction.top, NavigationAction.bottom,
                                       NavigationAction.pageUp, NavigationAction.pageDown]

    /// Moves a scroll state for a navigation action; false if `action` is not one.
    public static func move(_ scroll: inout ScrollState, _ action: ActionID, rowCount: Int, visibleRows: Int) -> Bool {
        switch action {
        case NavigationAction.up: scroll.move(by: -1, rowCount: rowCount)
        case NavigationAction.down: scroll.move(by: 1, rowCount: rowCount)
        case NavigationAction.top: scroll.moveToTop()
        case NavigationAction.bottom: scroll.moveToBottom(rowCount: rowCount)
        case NavigationAction.pageUp: scroll.page(-1, visibleRows: visibleRows, rowCount: rowCount)
        case NavigationAction.pageDown: scroll.page(1, visibleRows: visibleRows, rowCount: rowCount)
        default: return false
        }
        scroll.clamp(rowCount: rowCount, visibleRows: visibleRows)
        return true
    }

    public static func isMove(_ action: ActionID) -> Bool { moves.contains(action) }

    /// A click at screen row `y` on a table drawn in `table` (its header first): selects the
    /// row there; false when no row is there.
    public static func select(_ scroll: inout ScrollState, atY y: Int, table: Rect, rowCount: Int) -> Bool {
        guard let index = TableView(columns: []).rowIndex(atScreenY: y, in: table, state: scroll, rowCount: rowCount) else { return false }
        scroll.select(index, rowCount: rowCount)
        return true
    }
}
