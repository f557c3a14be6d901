import Foundation
import TerminalUI

/// `:recent`: the annotations opened lately on this server, most recent first, kept across
/// runs (`Places`); `enter` opens one. Its rows are the app's, so it asks the server nothing.
public struct RecentScreen: ConsoleScreen {
    public var scroll = ScrollState()
    public var load: LoadState { LoadState() }

    public init() {}

    public var scopes: [KeyScope] { [ConsoleScope.recent] }
    public func breadcrumb(_ context: ScreenContext) -> [String] { ["Recent"] }

    public func isAvailable(_ action: ActionID, _ context: ScreenContext) -> Bool {
        ListNavigation.isMove(action) || (action == NavigationAction.open && !context.places.recent.isEmpty)
    }

    public mutating func refresh(_ context: inout ScreenContext, force: Bool) -> [Effect] { [] }

    public mutating func handle(_ action: ActionID, _ context: inout ScreenContext) -> [Effect] {
        let recent = context.places.recent
        if ListNavigation.move(&scroll, action, rowCount: recent.count, visibleRows: context.bodyRows - 1) { return [] }
        guard action == NavigationAction.open, recent.indices.contains(scroll.selected) else { return [] }
        let entry = recent[scroll.selected]
        context.push(DetailScreen(annotationID: entry.id, queue: nil))
        return []
    }

    public func selectedObject(_ context: ScreenContext) -> SelectedObject? {
        let recent = context.places.recent
        guard recent.indices.contains(scroll.selected) else { return nil }
        let id = recent[scroll.selected].id
        return SelectedObject(kind: "annotation", id: id, apiPath: "annotations/\(id)", webURL: context.webURL(for: id))
    }

    public mutating func click(x: Int, y: Int, in rect: Rect, _ context: inout ScreenContext) -> [Effect]? {
        ListNavigation.select(&scroll, atY: y, table: rect.dropFirst(1), rowCount: context.places.recent.count) ? [] : nil
    }

    public func render(_ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        let theme = context.theme
        let recent = context.places.recent
        Draw.titleLine("Recently opened (\(recent.count), most recent first)", in: rect.row(0), style: theme.style(.title), into: &grid)
        let body = rect.dropFirst(1)
        guard !recent.isEmpty else {
            grid.put("nothing opened yet: annotations opened in the detail are listed here", x: body.x + 2, y: body.y + 1,
                     style: theme.style(.muted), maxWidth: body.width - 3)
            return
        }
        let rows = recent.map { entry in
            TableRow([TableCell("#\(entry.id)"), TableCell(entry.fileName), TableCell(entry.queueName ?? ""),
                      TableCell(StatusCatalog.label(entry.status), slot: .status(entry.status)),
                      TableCell(Formatting.age(entry.openedAt, now: context.now))])
        }
        var scroll = self.scroll
        TableView(columns: [TableColumn("ID", width: .fixed(9)), TableColumn("FILE", width: .flex(min: 12, weight: 3)),
                            TableColumn("QUEUE", width: .flex(min: 8, weight: 2)), TableColumn("STATUS", width: .fixed(16)),
                            TableColumn("OPENED", width: .fixed(9), alignment: .right)],
                  focused: context.focused)
            .render(ArrayRowProvider(rows), state: &scroll, in: body, into: &grid, theme: theme)
    }
}
