import Foundation
import TerminalUI

/// The annotation list: status tabs, a table over the paged rows, the counter in the title.
enum AnnotationListView {
    static func draw(_ state: AppState, in rect: Rect, into grid: inout Grid) {
        let theme = state.theme
        guard let list = state.list else { return }
        let total = list.total.map { Formatting.count($0) } ?? "…"
        var title = "Annotations · \(list.queue.name) (\(total))"
        if !list.marked.isEmpty { title += " · \(list.marked.count) marked" }
        Draw.titleLine(title, right: TreeScreenView.loadingBadge(list.load, now: state.now), in: rect.row(0), style: theme.style(.title), into: &grid)
        drawTabs(list, theme: theme, in: rect.row(1), into: &grid)
        let body = rect.dropFirst(2)
        let layout = columns(for: list, width: rect.width)
        if list.total == 0 {
            grid.put(TextWidth.fit("", to: body.width), x: body.x, y: body.y, style: theme.style(.header))
            let text = list.query.filter.isEmpty && list.query.tab == nil ? "this queue has no annotations" : "no annotations match (/ changes the filter, [ ] the tab)"
            grid.put(text, x: body.x + 2, y: body.y + 2, style: theme.style(.muted))
            return
        }
        let provider = ComputedRowProvider(rowCount: list.rowCount) { index in
            guard let row = list.row(at: index) else {
                return TableRow([TableCell("…", slot: .muted), TableCell("loading", slot: .muted)])
            }
            return TableRow(layout.map { $0.cell(row, state.formatting) }, isMarked: list.marked.contains(row.id))
        }
        var scroll = list.scroll
        let sortIndex = layout.firstIndex { $0.sortKey == list.query.sort }
        TableView(columns: layout.map(\.column), sort: sortIndex.map { TableSort(column: $0, ascending: list.query.ascending) },
                  focused: state.focus == .main && state.overlay == nil)
            .render(provider, state: &scroll, in: body, into: &grid, theme: theme)
    }

    static func drawTabs(_ list: AnnotationListState, theme: Theme, in rect: Rect, into grid: inout Grid) {
        grid.fill(rect, style: theme.style(.text))
        var x = rect.x + 1
        for tab in StatusCatalog.tabs {
            let label = tab.map(StatusCatalog.label) ?? "all"
            let count = tab.flatMap { list.queue.counts[$0] }
            let text = count.map { " \(label) \(Formatting.count($0)) " } ?? " \(label) "
            guard x + TextWidth.of(text) < rect.maxX - 12 else { break }
            let selected = tab == list.query.tab
            let style = selected ? theme.style(.selection).with(bold: true) : (tab.map { theme.style(.status($0)) } ?? theme.style(.text))
            x += grid.put(text, x: x, y: rect.y, style: style) + 1
        }
        let filter = list.query.filter.description
        if !filter.isEmpty {
            let text = "/" + filter
            let w = min(TextWidth.of(text), max(0, rect.maxX - x - 2))
            grid.put(TextWidth.truncate(text, to: w), x: rect.maxX - w - 1, y: rect.y, style: theme.style(.accent))
        }
    }

    struct Column {
        var column: TableColumn
        var sortKey: AnnotationSortKey?
        var cell: (AnnotationRow, Formatting) -> TableCell
    }

    /// The columns that fit: all of them from 110 columns, fewer on a small terminal.
    static func columns(for list: AnnotationListState, width: Int) -> [Column] {
        var result: [Column] = [
            Column(column: TableColumn("ID", width: .fixed(8), alignment: .right), sortKey: .id) { row, _ in TableCell(String(row.id)) },
            Column(column: TableColumn("STATUS", width: .fixed(13)), sortKey: .status) { row, _ in
                TableCell(StatusCatalog.label(row.status), slot: .status(row.status))
            },
            Column(column: TableColumn("FILE", width: .flex(min: 12, weight: 3)), sortKey: .file) { row, _ in TableCell(row.fileName) },
            Column(column: TableColumn("ARRIVED", width: .fixed(16)), sortKey: .arrived) { row, f in TableCell(f.dateTime(row.arrivedAt)) },
        ]
        let wide = width >= 110
        if wide {
            result.append(Column(column: TableColumn("MODIFIED", width: .fixed(16)), sortKey: .modified) { row, f in TableCell(f.dateTime(row.modifiedAt)) })
            result.append(Column(column: TableColumn("MODIFIER", width: .flex(min: 8, weight: 1)), sortKey: .modifier) { row, _ in TableCell(row.modifier ?? "-") })
        }
        for field in list.fieldColumns.prefix(wide ? 3 : 1) {
            let isAmount = field.id.contains("amount") || field.id.contains("total")
            result.append(Column(column: TableColumn(field.title.uppercased(), width: isAmount ? .fixed(12) : .flex(min: 8, weight: 2),
                                                     alignment: isAmount ? .right : .left), sortKey: nil) { row, _ in
                let value = row.fields[field.id] ?? ""
                return TableCell(isAmount ? Formatting.amount(value) : value)
            })
        }
        return result
    }
}
