import Foundation
import TerminalUI

/// The hook runs as a table: when, which hook, on what, how it ended, how long it took.
enum HookLogsView {
    static func draw(_ screen: HookLogsScreen, _ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        let theme = context.theme
        let failed = screen.entries.filter(\.failed).count
        // The API answers 100 at a time: until an older page comes back short, more are there.
        let count = screen.load.lastSuccess == nil ? "…"
            : screen.reachedOldest ? "\(screen.entries.count)" : "newest \(screen.entries.count), older as you scroll"
        var title = "Hook runs (\(count)\(failed > 0 ? ", \(failed) failed" : ""))"
        if screen.arrivedBelowCursor > 0 { title += " · \(screen.arrivedBelowCursor) new above (g)" }
        let state = (screen.loadingOlder ? "reading older runs…  " : "") + (screen.following ? "following" : "paused")
        Draw.titleLine(title, right: [state, Draw.loadingBadge(screen.load, now: context.now)].filter { !$0.isEmpty }.joined(separator: "  "),
                       in: rect.row(0), style: theme.style(.title), into: &grid)
        let body = rect.dropFirst(1)
        if screen.entries.isEmpty {
            let text = screen.load.lastError.map { "could not load the hook logs: \($0)" }
                ?? (screen.load.lastSuccess == nil ? "loading hook logs…"
                    : "no hook runs\(screen.filter.isEmpty ? "" : " match /" + screen.filter.description) in the last 7 days (the API keeps 7 days)")
            grid.put(text, x: body.x + 2, y: body.y + 1, style: theme.style(screen.load.lastError == nil ? .muted : .flashError), maxWidth: body.width - 3)
            return
        }
        // Narrow, the message (the why) keeps its room: event, duration and annotation go.
        let wide = rect.width >= 100
        let rows = screen.entries.map { entry -> TableRow in
            let hook = entry.hookID.map { screen.hookNames[$0] ?? "#\($0)" } ?? "-"
            let slot: ThemeSlot = entry.failed ? .flashError : entry.level == "WARNING" ? .flashWarn : .text
            // `annotation_content.export` reads as `content.export`: the prefix is on nearly every run.
            let event = entry.event.hasPrefix("annotation_") ? String(entry.event.dropFirst("annotation_".count)) : entry.event
            let took = entry.durationMS.map { $0 < 1000 ? "\($0) ms" : String(format: "%.1f s", Double($0) / 1000) } ?? "-"
            let status = TableCell(entry.status + (entry.statusCode.map { " \($0)" } ?? ""), slot: slot)
            let cells = wide
                ? [TableCell(context.formatting.dayTime(entry.started)), TableCell(hook), TableCell(event), status, TableCell(took),
                   TableCell(entry.annotationID.map { "#\($0)" } ?? "-"), TableCell(entry.message)]
                : [TableCell(context.formatting.dayTime(entry.started)), TableCell(hook), status, TableCell(entry.message)]
            return TableRow(cells)
        }
        let columns = wide
            ? [TableColumn("STARTED", width: .fixed(14)), TableColumn("HOOK", width: .flex(min: 12, weight: 2)), TableColumn("EVENT", width: .fixed(20)),
               TableColumn("STATUS", width: .fixed(13)), TableColumn("TOOK", width: .fixed(7), alignment: .right),
               TableColumn("ANN.", width: .fixed(8)), TableColumn("MESSAGE", width: .flex(min: 12, weight: 5))]
            : [TableColumn("STARTED", width: .fixed(14)), TableColumn("HOOK", width: .flex(min: 8, weight: 1)),
               TableColumn("STATUS", width: .fixed(13)), TableColumn("MESSAGE", width: .flex(min: 12, weight: 3))]
        var scroll = screen.scroll
        TableView(columns: columns,
                  focused: context.focused)
            .render(ArrayRowProvider(rows), state: &scroll, in: body, into: &grid, theme: theme)
    }
}
