import Foundation
import TerminalUI

/// The annotation list: status tabs, a table over the paged rows, the counter in the title.
enum AnnotationListView {
    static func draw(_ list: AnnotationListScreen, _ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        let theme = context.theme
        let total = list.rows.total.map { Formatting.count($0) } ?? "…"
        var title = (list.isOrganizationWide ? "" : "Annotations · ") + "\(list.title) (\(total))"
        if !list.marked.isEmpty {
            let hidden = list.marked.count - list.rows.loaded(in: list.marked).count
            title += " · \(list.marked.count) marked" + (hidden > 0 ? " (\(hidden) not in view)" : "")
        }
        let layout = columns(for: list, width: rect.width, catalog: context.catalog)
        if !layout.contains(where: { $0.sortKey == list.query.sort }) {
            // The sort column is not shown at this width: say what the order is.
            title += " · by \(list.query.sort.rawValue) \(list.query.ascending ? "▲" : "▼")"
        }
        let badge = list.movedNotice.map { "⚠ " + $0 } ?? Draw.loadingBadge(list.load, now: context.now)
        Draw.titleLine(title, right: badge, in: rect.row(0), style: theme.style(.title),
                       rightStyle: list.movedNotice == nil ? nil : theme.style(.flashWarn), into: &grid)
        drawTabs(list, theme: theme, in: rect.row(1), into: &grid)
        let body = rect.dropFirst(2)
        if list.rows.total == 0 {
            grid.put(TextWidth.fit("", to: body.width), x: body.x, y: body.y, style: theme.style(.header))
            let text = list.query.filter.isEmpty && list.query.tab == nil && !list.isOrganizationWide ? "this queue has no annotations"
                : "no annotations match (/ changes the filter, [ ] the tab)"
            grid.put(text, x: body.x + 2, y: body.y + 2, style: theme.style(.muted))
            return
        }
        if list.rows.total == nil, let error = list.load.lastError {
            grid.put("could not load the annotations: \(error)", x: body.x + 2, y: body.y + 2, style: theme.style(.flashError), maxWidth: body.width - 3)
            return
        }
        let pending = context.pending
        let provider = ComputedRowProvider(rowCount: list.rows.count) { index in
            guard let row = list.rows.row(at: index) else {
                return TableRow([TableCell("…", slot: .muted), TableCell("loading", slot: .muted)])
            }
            var cells = layout.map { $0.cell(row, context.formatting) }
            // A command sent and not yet answered shows at once, in place of the status.
            if let command = pending[row.id], let statusColumn = layout.firstIndex(where: { $0.sortKey == .status }) {
                cells[statusColumn] = TableCell(command.progressive + "…", slot: .accent)
            }
            return TableRow(cells, isMarked: list.marked.contains(row.id))
        }
        var scroll = list.scroll
        let sortIndex = layout.firstIndex { $0.sortKey == list.query.sort }
        TableView(columns: layout.map(\.column), sort: sortIndex.map { TableSort(column: $0, ascending: list.query.ascending) },
                  focused: context.focused)
            .render(provider, state: &scroll, in: body, into: &grid, theme: theme)
    }

    /// The status tabs; those past the width are summed up by an overflow marker, and the
    /// selected tab is always shown.
    static func drawTabs(_ list: AnnotationListScreen, theme: Theme, in rect: Rect, into grid: inout Grid) {
        grid.fill(rect, style: theme.style(.text))
        let filter = list.query.filter.description
        let filterText = filter.isEmpty ? "" : "/" + filter
        let filterWidth = self.filterWidth(list, in: rect)
        let labels = tabLabels(list)
        let selectedIndex = StatusCatalog.tabs.firstIndex(of: list.query.tab) ?? 0
        let placed = tabPlacements(labels, selected: selectedIndex, in: rect, reserved: filterWidth)
        if placed.first?.index ?? 0 > 0 { grid.put("‹ ", x: rect.x + 1, y: rect.y, style: theme.style(.muted)) }
        for (index, x) in placed {
            let tab = StatusCatalog.tabs[index]
            let style = index == selectedIndex ? theme.style(.selection).with(bold: true) : (tab.map { theme.style(.status($0)) } ?? theme.style(.text))
            grid.put(labels[index], x: x, y: rect.y, style: style)
        }
        let shown = (placed.last?.index ?? -1) + 1
        if shown < labels.count, let last = placed.last {
            grid.put("+\(labels.count - shown) ›", x: last.x + TextWidth.of(labels[last.index]) + 1, y: rect.y, style: theme.style(.muted))
        }
        if !filterText.isEmpty {
            grid.put(TextWidth.truncate(filterText, to: filterWidth), x: rect.maxX - filterWidth - 1, y: rect.y, style: theme.style(.accent))
        }
    }

    /// The status tabs' labels as drawn on the tab line (`rect`, one row): which tabs fit
    /// and where each starts; the selected one always fits. A click finds its tab here.
    static func tabLabels(_ list: AnnotationListScreen) -> [String] {
        StatusCatalog.tabs.map { tab -> String in
            let label = tab.map(StatusCatalog.label) ?? "all"
            // The open tab counts what the list has now; the others what the queue said last.
            let count = tab == list.query.tab && list.query.filter.isEmpty && tab != nil ? list.rows.total : tab.flatMap { list.queue.counts[$0] }
            return count.map { " \(label) \(Formatting.count($0)) " } ?? " \(label) "
        }
    }

    static func tabPlacements(_ labels: [String], selected: Int, in rect: Rect, reserved: Int) -> [(index: Int, x: Int)] {
        let limit = rect.maxX - reserved - 2
        // Start early enough that the selected tab fits.
        var first = 0
        while first < selected {
            let width = labels[first...selected].reduce(0) { $0 + TextWidth.of($1) + 1 } + (first > 0 ? 3 : 0) + 6
            if rect.x + 1 + width <= limit { break }
            first += 1
        }
        var x = rect.x + 1 + (first > 0 ? TextWidth.of("‹ ") : 0)
        var placed: [(index: Int, x: Int)] = []
        for index in first..<labels.count {
            let more = index < labels.count - 1 ? 6 : 0
            guard x + TextWidth.of(labels[index]) + more <= limit else { break }
            placed.append((index, x))
            x += TextWidth.of(labels[index]) + 1
        }
        return placed
    }

    /// The filter's width on the tab line, at its right end.
    static func filterWidth(_ list: AnnotationListScreen, in rect: Rect) -> Int {
        let filter = list.query.filter.description
        return filter.isEmpty ? 0 : min(TextWidth.of("/" + filter), max(0, rect.width / 3))
    }

    struct Column {
        var column: TableColumn
        var sortKey: AnnotationSortKey?
        var cell: (AnnotationRow, Formatting) -> TableCell
    }

    /// The columns that fit: all of them from 110 columns, fewer on a small terminal.
    static func columns(for list: AnnotationListScreen, width: Int, catalog: Catalog) -> [Column] {
        var result: [Column] = [
            Column(column: TableColumn("ID", width: .fixed(8), alignment: .right), sortKey: .id) { row, _ in TableCell(String(row.id)) },
            Column(column: TableColumn("STATUS", width: .fixed(13)), sortKey: .status) { row, _ in
                TableCell(StatusCatalog.label(row.status), slot: .status(row.status))
            },
        ]
        if list.isOrganizationWide {
            // Across queues, which queue each one is in is the first thing to know.
            result.append(Column(column: TableColumn("QUEUE", width: .flex(min: 10, weight: 2)), sortKey: nil) { row, _ in
                TableCell(row.queueID.map { id in catalog.queue(id: id)?.0.name ?? "#\(id)" } ?? "-")
            })
        }
        result += [
            Column(column: TableColumn("FILE", width: .flex(min: 12, weight: 3)), sortKey: .file) { row, _ in TableCell(row.fileName) },
            Column(column: TableColumn("ARRIVED", width: .fixed(16)), sortKey: .arrived) { row, f in TableCell(f.dateTime(row.arrivedAt)) },
        ]
        let wide = width >= 110
        if wide {
            result.append(Column(column: TableColumn("MODIFIED", width: .fixed(16)), sortKey: .modified) { row, f in TableCell(f.dateTime(row.modifiedAt)) })
            result.append(Column(column: TableColumn("MODIFIER", width: .flex(min: 8, weight: 1)), sortKey: .modifier) { row, _ in TableCell(row.modifier ?? "-") })
        }
        // Chosen columns (`:columns`) get the room of a wide terminal; narrow, one.
        for field in list.fieldColumns.prefix(wide ? 5 : 1) {
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
