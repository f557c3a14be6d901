import Foundation
import TerminalUI

/// MDH datasets with their record counts.
enum DatasetsView {
    static func draw(_ screen: DatasetsScreen, _ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        let theme = context.theme
        Draw.titleLine("Datasets (\(screen.datasets.count))", right: Draw.loadingBadge(screen.load, now: context.now),
                       in: rect.row(0), style: theme.style(.title), into: &grid)
        let body = rect.dropFirst(1)
        if screen.datasets.isEmpty {
            let text = screen.load.lastError.map { "could not load the datasets: \($0)" }
                ?? (screen.load.lastSuccess == nil ? "loading datasets…" : "no datasets in this organization")
            grid.put(text, x: body.x + 2, y: body.y + 1, style: theme.style(screen.load.lastError == nil ? .muted : .flashError), maxWidth: body.width - 3)
            return
        }
        let rows = screen.datasets.map { dataset -> TableRow in
            let running = context.monitor.operations.filter { !$0.isTerminal && $0.dataset == dataset.name }
            return TableRow([TableCell(dataset.name), TableCell(dataset.recordCount.map(Formatting.count) ?? "?"),
                             TableCell(running.isEmpty ? "" : running.map(\.kindLabel).joined(separator: ", ") + " running", slot: .operation("running"))])
        }
        var scroll = screen.scroll
        TableView(columns: [TableColumn("NAME", width: .flex(min: 16, weight: 3)),
                            TableColumn("RECORDS", width: .fixed(12), alignment: .right),
                            TableColumn("OPERATIONS", width: .flex(min: 10, weight: 1))],
                  focused: context.focused)
            .render(ArrayRowProvider(rows), state: &scroll, in: body, into: &grid, theme: theme)
    }
}
