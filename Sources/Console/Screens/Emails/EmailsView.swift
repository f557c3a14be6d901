import Foundation
import TerminalUI

/// The emails as a table: when, from whom, about what, and what became of the attachments.
enum EmailsView {
    static func draw(_ screen: EmailsScreen, _ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        let theme = context.theme
        let shown = screen.rows.count
        let count = screen.total.map { $0 > shown ? "newest \(shown) of \(Formatting.count($0))" : Formatting.count($0) } ?? "…"
        Draw.titleLine("Emails (\(count))", right: Draw.loadingBadge(screen.load, now: context.now), in: rect.row(0),
                       style: theme.style(.title), into: &grid)
        let body = rect.dropFirst(1)
        if screen.rows.isEmpty {
            let text = screen.load.lastError.map { "could not load the emails: \($0)" }
                ?? (screen.load.lastSuccess == nil ? "loading emails…" : "no emails" + (screen.filter.isEmpty ? "" : " match /" + screen.filter.description))
            grid.put(text, x: body.x + 2, y: body.y + 1, style: theme.style(screen.load.lastError == nil ? .muted : .flashError), maxWidth: body.width - 3)
            return
        }
        let wide = rect.width >= 100
        let rows = screen.rows.map { email -> TableRow in
            // An email that brought nothing is what a support person looks for: it stands out.
            let documents = TableCell(email.annotationIDs.isEmpty ? "none" : "\(email.annotationIDs.count)",
                                      slot: email.annotationIDs.isEmpty && email.type == "incoming" ? .flashWarn : nil)
            let dropped = TableCell(email.filteredOut == 0 ? "·" : "\(email.filteredOut)", slot: email.filteredOut > 0 ? .flashWarn : nil)
            let queue = email.queueID.flatMap { id in context.catalog.workspaces.flatMap(\.queues).first { $0.id == id }?.name } ?? "-"
            return TableRow(wide
                ? [TableCell(context.formatting.dateTime(email.received)), TableCell(email.from), TableCell(email.subject),
                   TableCell(queue), documents, dropped, TableCell(email.type == "incoming" ? "in" : "out")]
                : [TableCell(context.formatting.dateTime(email.received)), TableCell(email.from), TableCell(email.subject), documents])
        }
        let columns = wide
            ? [TableColumn("RECEIVED", width: .fixed(16)), TableColumn("FROM", width: .flex(min: 12, weight: 2)),
               TableColumn("SUBJECT", width: .flex(min: 12, weight: 3)), TableColumn("QUEUE", width: .flex(min: 8, weight: 1)),
               TableColumn("ANN.", width: .fixed(5), alignment: .right), TableColumn("DROPPED", width: .fixed(7), alignment: .right),
               TableColumn("DIR", width: .fixed(3))]
            : [TableColumn("RECEIVED", width: .fixed(16)), TableColumn("FROM", width: .flex(min: 8, weight: 1)),
               TableColumn("SUBJECT", width: .flex(min: 10, weight: 2)), TableColumn("ANN.", width: .fixed(5), alignment: .right)]
        var scroll = screen.scroll
        TableView(columns: columns, focused: context.focused)
            .render(ArrayRowProvider(rows), state: &scroll, in: body, into: &grid, theme: theme)
    }
}
