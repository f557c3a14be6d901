import Foundation
import TerminalUI

/// Workspaces with their queues and the annotation counts per status.
enum TreeView {
    static func draw(_ screen: TreeScreen, _ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        let theme = context.theme
        let catalog = context.catalog
        let queueCount = catalog.workspaces.reduce(0) { $0 + $1.queues.count }
        let title = "Workspaces and queues (\(catalog.workspaces.count) workspaces, \(queueCount) queues)"
        Draw.titleLine(title, right: Draw.loadingBadge(screen.load, now: context.now), in: rect.row(0), style: theme.style(.title), into: &grid)
        let body = rect.dropFirst(1)
        let statuses = visibleStatuses(width: rect.width)
        var columns = [TableColumn("NAME", width: .flex(min: 16, weight: 1))]
        columns += statuses.map { TableColumn(StatusCatalog.shortLabel($0).uppercased(), width: .fixed(7), alignment: .right) }
        columns.append(TableColumn("TOTAL", width: .fixed(8), alignment: .right))
        let lines = screen.lines(context)
        if lines.isEmpty {
            let text = screen.load.lastError.map { "could not load the workspaces: \($0)" }
                ?? (screen.load.lastSuccess == nil ? "loading workspaces…" : "no workspaces in this organization")
            grid.put(text, x: body.x + 2, y: body.y + 1, style: theme.style(screen.load.lastError == nil ? .muted : .flashError), maxWidth: body.width - 3)
            return
        }
        let rows = lines.map { line -> TableRow in
            switch line {
            case .workspace(let workspace, let expanded):
                var totals: [String: Int] = [:]
                for queue in workspace.queues { for (k, v) in queue.counts { totals[k, default: 0] += v } }
                let name = (expanded ? "▾ " : "▸ ") + workspace.name
                return TableRow([TableCell(name, slot: .accent)] + countCells(totals, statuses: statuses, emphasis: false))
            case .queue(let queue, _):
                let star = context.places.pinnedQueues.contains(queue.id) ? "  ★" : ""
                return TableRow([TableCell("    " + queue.name + "  #\(queue.id)" + star)] + countCells(queue.counts, statuses: statuses, emphasis: true))
            case .pinned(let queue, let workspace):
                return TableRow([TableCell("★ " + queue.name + "  #\(queue.id) · " + workspace.name, slot: .accent)]
                                + countCells(queue.counts, statuses: statuses, emphasis: true))
            }
        }
        var scroll = screen.scroll
        TableView(columns: columns, focused: context.focused)
            .render(ArrayRowProvider(rows), state: &scroll, in: body, into: &grid, theme: theme)
    }

    static func visibleStatuses(width: Int) -> [String] {
        width >= 100 ? StatusCatalog.countColumns : ["to_review", "reviewing", "postponed", "failed_export"]
    }

    static func countCells(_ counts: [String: Int], statuses: [String], emphasis: Bool) -> [TableCell] {
        var cells = statuses.map { status -> TableCell in
            let value = counts[status] ?? 0
            return TableCell(value == 0 ? "·" : Formatting.count(value), slot: value == 0 || !emphasis ? nil : .status(status))
        }
        cells.append(TableCell(Formatting.count(counts.values.reduce(0, +))))
        return cells
    }
}
