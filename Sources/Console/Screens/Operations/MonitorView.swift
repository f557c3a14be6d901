import Foundation
import TerminalUI

/// The operation monitor: MDH operations and jobs, running first, with state changes
/// highlighted for a few seconds (like k9s deltas). It shows what the server said: the state
/// as reported, counts as reported, progress only when reported.
enum MonitorView {
    static func draw(_ context: ScreenContext, in rect: Rect, fullScreen: Bool, into grid: inout Grid) {
        let theme = context.theme
        let monitor = context.monitor
        let running = monitor.operations.filter { !$0.isTerminal }.count
        let focused = fullScreen || context.monitorFocused
        let titleStyle = focused ? theme.style(.borderFocused).with(bold: true) : theme.style(.border)
        var title = "Operations · \(running) running · \(monitor.operations.count - running) in history"
        if !fullScreen { title = "─ " + title + " " }
        let right = monitor.load.isStale ? "stale since \(context.formatting.time(monitor.load.lastSuccess ?? context.now))"
            : (fullScreen ? "" : "m hide  +/_ size  M full")
        Draw.titleLine(title, right: right, in: rect.row(0), style: titleStyle,
                       rightStyle: monitor.load.isStale ? theme.style(.flashWarn) : theme.style(.muted), into: &grid)
        let body = rect.dropFirst(1)
        let ordered = monitor.ordered
        if ordered.isEmpty {
            grid.put("no operations yet: upserts, replaces and downloads appear here", x: body.x + 2, y: body.y, style: theme.style(.muted), maxWidth: body.width - 3)
            return
        }
        let wide = rect.width >= 110
        var columns = [
            TableColumn("STATE", width: .fixed(12)), TableColumn("KIND", width: .fixed(wide ? 10 : 8)),
            TableColumn("DATASET", width: .flex(min: 8, weight: 2)),
        ]
        if wide { columns.append(TableColumn("FILE", width: .flex(min: 8, weight: 2))) }
        columns += [
            TableColumn("ELAPSED", width: .fixed(7), alignment: .right), TableColumn("RECORDS", width: .fixed(9), alignment: .right),
        ]
        if wide { columns.append(TableColumn("CHANGES", width: .fixed(16))) }
        columns += [TableColumn("PROGRESS", width: .fixed(wide ? 14 : 10)), TableColumn("ERROR", width: .flex(min: 6, weight: wide ? 3 : 1))]
        let progressWidth = wide ? 14 : 10
        let rows = ordered.map { op -> TableRow in
            let end = op.finishedAt ?? (op.isTerminal ? op.updatedAt : nil) ?? context.now
            let elapsed = op.startedAt.map { Formatting.elapsed(end.timeIntervalSince($0)) } ?? "-"
            var cells = [TableCell(op.state, slot: .operation(op.state)), TableCell(op.kindLabel), TableCell(op.dataset ?? "-")]
            if wide { cells.append(TableCell(op.file ?? "-")) }
            let progress: String
            if let fraction = op.progress {
                progress = Draw.progressBar(fraction, width: progressWidth)
            } else {
                progress = op.isTerminal ? "" : "…"
            }
            cells += [TableCell(elapsed), TableCell(op.counts.recordCount.map(Formatting.count) ?? "-")]
            if wide { cells.append(TableCell(op.counts.changes)) }
            cells += [TableCell(progress, slot: .progress), TableCell(op.error ?? "", slot: op.error == nil ? nil : .flashError)]
            return TableRow(cells, isMarked: monitor.changedAt[op.id] != nil)
        }
        var scroll = monitor.scroll
        TableView(columns: columns, focused: focused && context.overlayFree)
            .render(ArrayRowProvider(rows), state: &scroll, in: body, into: &grid, theme: theme)
    }
}
