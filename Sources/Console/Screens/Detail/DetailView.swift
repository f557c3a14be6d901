import Foundation
import TerminalUI

/// One annotation: metadata, history, extracted fields (line items as a table), blockers, URL.
enum DetailView {
    struct Line {
        var text: String
        var slot: ThemeSlot
        init(_ text: String, _ slot: ThemeSlot = .text) {
            self.text = text
            self.slot = slot
        }
    }

    static func draw(_ screen: DetailScreen, _ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        let theme = context.theme
        Draw.titleLine("Annotation #\(screen.annotationID)", right: Draw.loadingBadge(screen.load, now: context.now),
                       in: rect.row(0), style: theme.style(.title), into: &grid)
        let body = rect.dropFirst(1)
        guard let detail = screen.detail else {
            let text = screen.load.lastError.map { "could not load: \($0)" } ?? "loading…"
            grid.put(text, x: body.x + 2, y: body.y + 1, style: theme.style(screen.load.lastError == nil ? .muted : .flashError), maxWidth: body.width - 3)
            return
        }
        var lines = self.lines(detail, formatting: context.formatting, width: body.width - 2)
        if let command = context.pending[screen.annotationID], let index = lines.firstIndex(where: { $0.text.hasPrefix(TextWidth.fit("status", to: 14)) }) {
            lines[index] = Line(TextWidth.fit("status", to: 14) + command.progressive + "…", .accent)
        }
        let scroll = min(screen.scroll, max(0, lines.count - body.height))
        for (i, line) in lines.dropFirst(scroll).prefix(body.height).enumerated() {
            grid.put(line.text, x: body.x + 1, y: body.y + i, style: theme.style(line.slot), maxWidth: body.width - 2)
        }
    }

    static func lines(_ detail: AnnotationDetail, formatting: Formatting, width: Int) -> [Line] {
        var out: [Line] = []
        let row = detail.row
        func pair(_ label: String, _ value: String, _ slot: ThemeSlot = .text) {
            out.append(Line(TextWidth.fit(label, to: 14) + value, slot))
        }
        out.append(Line("Document", .header))
        pair("file", row.fileName)
        pair("status", StatusCatalog.label(row.status), .status(row.status))
        if let queue = detail.queueName { pair("queue", queue) }
        if let mime = detail.mimeType { pair("type", mime) }
        pair("modifier", row.modifier ?? "-")
        pair("web app", detail.webURL, .accent)
        out.append(Line(""))
        out.append(Line("History", .header))
        if detail.history.isEmpty { out.append(Line("  -", .muted)) }
        for (event, date) in detail.history { pair("  " + event, formatting.dateTime(date)) }
        out.append(Line(""))
        out.append(Line("Extracted data", .header))
        if detail.fields.isEmpty { out.append(Line("  no extracted data", .muted)) }
        for node in detail.fields { append(node, indent: 1, width: width, into: &out) }
        out.append(Line(""))
        out.append(Line("Automation blockers", .header))
        if detail.blockers.isEmpty { out.append(Line("  none", .muted)) }
        for blocker in detail.blockers {
            let field = blocker.schemaID.map { " [\($0)]" } ?? ""
            let detailText = blocker.detail.isEmpty ? "" : ": " + blocker.detail
            out.append(Line("  \(blocker.level) \(blocker.type)\(field)\(detailText)", blocker.level == "error" ? .flashError : .flashWarn))
        }
        if !detail.messages.isEmpty {
            out.append(Line(""))
            out.append(Line("Messages", .header))
            for message in detail.messages { out.append(Line("  " + message, .flashWarn)) }
        }
        return out
    }

    static func append(_ node: FieldNode, indent: Int, width: Int, into out: inout [Line]) {
        let pad = String(repeating: "  ", count: indent)
        switch node {
        case .section(let label, let children):
            out.append(Line(pad + label, .accent))
            for child in children { append(child, indent: indent + 1, width: width, into: &out) }
        case .value(let label, let value):
            out.append(Line(pad + TextWidth.fit(label, to: 22) + " " + (value.isEmpty ? "-" : value)))
        case .list(let label, let values):
            out.append(Line(pad + TextWidth.fit(label, to: 22) + " " + values.joined(separator: ", ")))
        case .table(let label, let columns, let rows):
            out.append(Line(pad + label + " (\(rows.count) row\(rows.count == 1 ? "" : "s"))", .accent))
            guard !columns.isEmpty else { return }
            let available = max(columns.count * 4, width - pad.count - 2)
            var widths = columns.indices.map { i in
                max(TextWidth.of(columns[i]), rows.map { i < $0.count ? TextWidth.of($0[i]) : 0 }.max() ?? 0)
            }
            // Shrink the widest columns until the table fits.
            while widths.reduce(0, +) + (widths.count - 1) * 2 > available, let i = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[i] > 4 {
                widths[i] -= 1
            }
            func format(_ cells: [String]) -> String {
                widths.indices.map { TextWidth.fit($0 < cells.count ? cells[$0] : "", to: widths[$0]) }.joined(separator: "  ")
            }
            out.append(Line(pad + "  " + format(columns), .header))
            for cells in rows { out.append(Line(pad + "  " + format(cells))) }
        }
    }
}
