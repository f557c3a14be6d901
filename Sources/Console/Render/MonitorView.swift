import Foundation
import TerminalUI

/// The operation monitor: MDH and Data Storage operations and jobs, running first, with
/// state changes highlighted for a few seconds (like k9s deltas).
enum MonitorView {
    static func draw(_ state: AppState, in rect: Rect, fullScreen: Bool, into grid: inout Grid) {
        let theme = state.theme
        let monitor = state.monitor
        let running = monitor.operations.filter { !$0.isTerminal }.count
        let focused = fullScreen || state.focus == .monitor
        let titleStyle = focused ? theme.style(.borderFocused).with(bold: true) : theme.style(.border)
        var title = "Operations · \(running) running · \(monitor.operations.count - running) in history"
        if !fullScreen { title = "─ " + title + " " }
        let right = monitor.load.isStale ? "stale since \(state.formatting.time(monitor.load.lastSuccess ?? state.now))" : (fullScreen ? "" : "m hide  +/- size  M full")
        Draw.titleLine(title, right: right, in: rect.row(0), style: titleStyle, rightStyle: monitor.load.isStale ? theme.style(.flashWarn) : theme.style(.muted), into: &grid)
        let body = rect.dropFirst(1)
        let ordered = monitor.ordered
        if ordered.isEmpty {
            grid.put("no operations yet: uploads, upserts, exports and downloads appear here", x: body.x + 2, y: body.y, style: theme.style(.muted), maxWidth: body.width - 3)
            return
        }
        let wide = rect.width >= 110
        var columns = [
            TableColumn("STATE", width: .fixed(12)), TableColumn("KIND", width: .fixed(wide ? 12 : 8)),
            TableColumn("DATASET", width: .flex(min: 8, weight: 2)),
        ]
        if wide { columns.append(TableColumn("FILE", width: .flex(min: 8, weight: 2))) }
        columns += [
            TableColumn("ELAPSED", width: .fixed(7), alignment: .right), TableColumn("RECORDS", width: .fixed(wide ? 9 : 7), alignment: .right),
            TableColumn("PROGRESS", width: .fixed(wide ? 18 : 12)), TableColumn("ERROR", width: .flex(min: 6, weight: wide ? 3 : 1)),
        ]
        let progressWidth = wide ? 18 : 12
        let rows = ordered.map { op -> TableRow in
            let end = op.finishedAt ?? (op.isTerminal ? op.updatedAt : nil) ?? state.now
            let elapsed = op.startedAt.map { Formatting.elapsed(end.timeIntervalSince($0)) } ?? "-"
            let highlighted = monitor.changedAt[op.id] != nil
            let stateText = op.state
            var cells = [
                TableCell(stateText, slot: .operation(op.state)), TableCell(op.kind), TableCell(op.dataset ?? "-"),
            ]
            if wide { cells.append(TableCell(op.file ?? "-")) }
            let progress = op.progress ?? (op.isTerminal && !op.isFailure ? 1 : nil)
            cells += [
                TableCell(elapsed), TableCell(op.records.map(Formatting.count) ?? "-"),
                TableCell(progress.map { Draw.progressBar($0, width: progressWidth) } ?? (op.isTerminal ? "" : "running…"), slot: .progress),
                TableCell(op.error ?? "", slot: op.error == nil ? nil : .flashError),
            ]
            return TableRow(cells, isMarked: highlighted)
        }
        var scroll = monitor.scroll
        TableView(columns: columns, focused: focused && state.overlay == nil)
            .render(ArrayRowProvider(rows), state: &scroll, in: body, into: &grid, theme: theme)
    }
}

/// MDH datasets with their record counts.
enum DatasetsView {
    static func draw(_ state: AppState, in rect: Rect, into grid: inout Grid) {
        let theme = state.theme
        let datasets = state.datasets
        Draw.titleLine("Datasets (\(datasets.datasets.count))", right: TreeScreenView.loadingBadge(datasets.load, now: state.now),
                       in: rect.row(0), style: theme.style(.title), into: &grid)
        let body = rect.dropFirst(1)
        if datasets.datasets.isEmpty {
            let text = datasets.load.lastSuccess == nil ? "loading datasets…" : "no datasets in this organization"
            grid.put(text, x: body.x + 2, y: body.y + 1, style: theme.style(.muted))
            return
        }
        let rows = datasets.datasets.map { dataset -> TableRow in
            let running = state.monitor.operations.filter { !$0.isTerminal && $0.dataset == dataset.name }
            return TableRow([TableCell(dataset.name), TableCell(dataset.recordCount.map(Formatting.count) ?? "?"),
                             TableCell(running.isEmpty ? "" : "\(running.count) running", slot: .operation("running"))])
        }
        var scroll = datasets.scroll
        TableView(columns: [TableColumn("NAME", width: .flex(min: 16, weight: 3)),
                            TableColumn("RECORDS", width: .fixed(12), alignment: .right),
                            TableColumn("OPERATIONS", width: .flex(min: 10, weight: 1))],
                  focused: state.focus == .main && state.overlay == nil)
            .render(ArrayRowProvider(rows), state: &scroll, in: body, into: &grid, theme: theme)
    }
}
