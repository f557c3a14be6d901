import Foundation
import TerminalUI

/// One annotation: metadata, the field editor (or the extracted fields, line items as a
/// table), history, blockers, URL; the page text beside the fields on wide terminals.
enum DetailView {
    struct Line {
        var text: String
        var slot: ThemeSlot
        /// Columns of the focused field or cell, drawn highlighted.
        var focus: (x: Int, width: Int)?
        /// Where the inline text field is drawn over the line while a value is typed.
        var inputAt: (x: Int, width: Int)?
        init(_ text: String, _ slot: ThemeSlot = .text) {
            self.text = text
            self.slot = slot
        }
    }

    /// Page text shows beside the fields from this width on; narrower, the fields need the room.
    static let pageTextMinimumWidth = 100

    /// The page text's share of a wide screen: what the fields leave (they need about 70
    /// columns: label, value, confidence and source), between 38 and 80 columns.
    static func pageTextWidth(_ width: Int) -> Int { min(80, max(38, width - 72)) }

    static func draw(_ screen: DetailScreen, _ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        let theme = context.theme
        let editing = screen.editor.input != nil ? "enter saves · esc cancels" : nil
        Draw.titleLine("Annotation #\(screen.annotationID)", right: editing ?? Draw.loadingBadge(screen.load, now: context.now),
                       in: rect.row(0), style: theme.style(.title), into: &grid)
        var body = rect.dropFirst(1)
        guard let detail = screen.detail else {
            let text = screen.load.lastError.map { "could not load: \($0)" } ?? "loading…"
            grid.put(text, x: body.x + 2, y: body.y + 1, style: theme.style(screen.load.lastError == nil ? .muted : .flashError), maxWidth: body.width - 3)
            return
        }
        if showsPageText(screen, width: body.width) {
            let paneWidth = pageTextWidth(body.width)
            let pane = Rect(x: body.maxX - paneWidth, y: body.y, width: paneWidth, height: body.height)
            for y in pane.y..<(pane.y + pane.height) { grid.put("│", x: pane.x, y: y, style: theme.style(.border)) }
            EditorView.drawPageText(screen.editor, in: Rect(x: pane.x + 1, y: pane.y, width: pane.width - 1, height: pane.height),
                                    theme: theme, into: &grid)
            body = Rect(x: body.x, y: body.y, width: body.width - paneWidth, height: body.height)
        }
        var lines = screen.lines(detail, context, width: body.width - 2)
        if let command = context.pending[screen.annotationID], let index = lines.firstIndex(where: { $0.text.hasPrefix(TextWidth.fit("status", to: 14)) }) {
            lines[index] = Line(TextWidth.fit("status", to: 14) + command.progressive + "…", .accent)
        }
        let scroll = min(screen.scroll, max(0, lines.count - body.height))
        for (i, line) in lines.dropFirst(scroll).prefix(body.height).enumerated() {
            let y = body.y + i
            grid.put(line.text, x: body.x + 1, y: y, style: theme.style(line.slot), maxWidth: body.width - 2)
            if let focus = line.focus, context.focused {
                let x = body.x + 1 + focus.x
                let width = min(focus.width, body.maxX - 1 - x)
                if width > 0 {
                    let text = TextWidth.fit(line.text.columns(from: focus.x, width: width), to: width)
                    grid.put(text, x: x, y: y, style: theme.style(.selection), maxWidth: width)
                }
            }
            if let at = line.inputAt, let input = screen.editor.input {
                let x = body.x + 1 + at.x
                let width = max(1, min(at.width, body.maxX - 1 - x))
                input.text.render(in: Rect(x: x, y: y, width: width, height: 1), into: &grid, style: theme.style(.input))
            }
        }
    }

    static func showsPageText(_ screen: DetailScreen, width: Int) -> Bool {
        screen.editor.loaded && width >= pageTextMinimumWidth
    }

    static func lines(_ detail: AnnotationDetail, formatting: Formatting, width: Int, editor: FieldEditor? = nil, readOnly: Bool = false) -> [Line] {
        var out: [Line] = []
        let row = detail.row
        func pair(_ label: String, _ value: String, _ slot: ThemeSlot = .text) {
            out.append(Line(TextWidth.fit(label, to: 14) + value, slot))
        }
        out.append(Line("Document", .header))
        pair("file", row.fileName)
        pair("status", StatusCatalog.label(row.status), .status(row.status))
        if let editor, editor.loaded {
            out.append(EditorView.reviewLine(editor, status: row.status, formatting: formatting, readOnly: readOnly))
            out += EditorView.validationLines(editor, width: width)
            out.append(Line(""))
            out.append(Line("Extracted data", .header))
            out += EditorView.fieldLines(editor, width: width)
            out.append(Line(""))
            out.append(Line("Details", .header))
        }
        if let queue = detail.queueName { pair("queue", queue) }
        if let mime = detail.mimeType { pair("type", mime) }
        pair("modifier", row.modifier ?? "-")
        pair("web app", detail.webURL, .accent)
        out.append(Line(""))
        out.append(Line("History", .header))
        if detail.history.isEmpty { out.append(Line("  -", .muted)) }
        for (event, date) in detail.history { pair("  " + event, formatting.dateTime(date)) }
        if editor?.loaded != true {
            out.append(Line(""))
            out.append(Line("Extracted data", .header))
            if detail.fields.isEmpty { out.append(Line("  no extracted data", .muted)) }
            for node in detail.fields { append(node, indent: 1, width: width, into: &out) }
        }
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

extension String {
    /// The characters occupying terminal columns `from ..< from + width` (wide characters count two).
    func columns(from start: Int, width: Int) -> String {
        var column = 0
        var out = ""
        for character in self {
            let w = CharacterWidth.of(character)
            if column >= start && column + w <= start + width { out.append(character) }
            column += w
            if column >= start + width { break }
        }
        return out
    }
}
