import Foundation
import TerminalUI

/// The case file: the headline (why it is stuck), the gaps, then the timeline.
enum CaseFileView {
    /// The headline, the advice and the gaps, as screen lines `width` wide: the first line
    /// (why it failed) wraps onto a second rather than losing its end at 80 columns.
    static func headerLines(_ file: CaseFile?, _ context: ScreenContext) -> [(String, ThemeSlot)] {
        guard let file else { return [] }
        let width = max(10, context.width - 2)
        var lines: [(String, ThemeSlot)] = []
        for (index, line) in file.headline.enumerated() {
            let slot: ThemeSlot = index == 0 && file.status == "failed_export" ? .flashError : .accent
            let pieces = index == 0 ? Array(TextWidth.wrap(line, width: width).prefix(2)) : [line]
            lines += pieces.map { ($0, slot) }
        }
        // Read-only, the keys that write are switched off: only the way to the logs is offered.
        if let advice = file.advice { lines.append((context.readOnly ? "read-only: L shows the hook logs (retrying and returning are off)" : advice, .accent)) }
        return lines + file.gaps.map { ("not shown: " + $0, .flashWarn) }
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
        for (line, slot) in headerLines(file, context) where body.height > 2 {
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
