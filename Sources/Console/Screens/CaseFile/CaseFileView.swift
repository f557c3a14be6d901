import Foundation
import TerminalUI

/// The case file: the headline (why it is stuck), the gaps, then the timeline.
enum CaseFileView {
    static func headerLines(_ file: CaseFile?) -> [(String, ThemeSlot)] {
        guard let file else { return [] }
        return file.headline.enumerated().map { index, line in (line, index == 0 && file.status == "failed_export" ? .flashError : .accent) }
            + (file.advice.map { [($0, ThemeSlot.accent)] } ?? []) + file.gaps.map { ("not shown: " + $0, .flashWarn) }
    }

    static func draw(_ screen: CaseFileScreen, _ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        let theme = context.theme
        let title = screen.file.map { "Why #\($0.annotationID) is \(StatusCatalog.label($0.status))  \($0.fileName)" } ?? "Why #\(screen.annotationID)"
        Draw.titleLine(title, right: Draw.loadingBadge(screen.load, now: context.now), in: rect.row(0), style: theme.style(.title), into: &grid)
        var body = rect.dropFirst(1)
        guard let file = screen.file else {
            let text = screen.load.lastError.map { "could not load: \($0)" } ?? "reading the annotation, its hook runs, audit log, notes and email…"
            grid.put(text, x: body.x + 2, y: body.y + 1, style: theme.style(screen.load.lastError == nil ? .muted : .flashError), maxWidth: body.width - 3)
            return
        }
        for (line, slot) in headerLines(file) where body.height > 2 {
            grid.put(TextWidth.truncate(line, to: body.width - 2), x: body.x + 1, y: body.y, style: theme.style(slot), maxWidth: body.width - 2)
            body = body.dropFirst(1)
        }
        if file.entries.isEmpty {
            grid.put("nothing is recorded about this annotation", x: body.x + 2, y: body.y + 1, style: theme.style(.muted), maxWidth: body.width - 3)
            return
        }
        let rows = file.entries.map { entry -> TableRow in
            let slot: ThemeSlot = entry.level == .error ? .flashError : entry.level == .warning ? .flashWarn : .text
            return TableRow([TableCell(entry.time.map(context.formatting.dateTime) ?? "current"), TableCell(entry.source.label),
                             TableCell(entry.summary, slot: slot), TableCell(entry.detail == nil ? "" : "›", slot: .muted)])
        }
        var scroll = screen.scroll
        TableView(columns: [TableColumn("WHEN", width: .fixed(16)), TableColumn("SOURCE", width: .fixed(8)),
                            TableColumn("WHAT", width: .flex(min: 20, weight: 1)), TableColumn("", width: .fixed(1))],
                  focused: context.focused)
            .render(ArrayRowProvider(rows), state: &scroll, in: body, into: &grid, theme: theme)
    }
}
