import Foundation
import RossumKit
import TerminalUI

/// The editor's part of the detail: the review line, the validation summary, the fields with
/// their confidence, source and messages, the line-item tables cell by cell, and the page text.
enum EditorView {
    typealias Line = DetailView.Line

    static let labelWidth = 20
    /// `confidence source` after each value.
    static let trailerWidth = 15

    static func reviewLine(_ editor: FieldEditor, status: String, formatting: Formatting, readOnly: Bool) -> Line {
        let label = TextWidth.fit("review", to: 14)
        // Right after "yours", so a narrow screen (or the page text beside it) never cuts it off.
        let saving = editor.outbox.isEmpty ? "" : " · saving \(editor.outbox.count) edit\(editor.outbox.count == 1 ? "" : "s")…"
        switch editor.review {
        case .mine: return Line(label + "yours" + saving + " — esc leaves it (cancelled unless confirmed), c confirms", .accent)
        case .starting: return Line(label + "starting…" + saving, .muted)
        case .heldBy(let reviewer):
            let since = reviewer.since.map { " since " + formatting.dateTime($0) } ?? ""
            return Line(label + "held by \(reviewer.name)\(since) — editing is refused", .flashWarn)
        case .idle:
            if readOnly { return Line(label + "read-only: no editing", .muted) }
            return Line(label + (FieldEditor.editableStatuses.contains(status) ? "not started — e or enter edits and starts it" : "\(StatusCatalog.label(status)): not editable"), .muted)
        }
    }

    static func validationLines(_ editor: FieldEditor, width: Int) -> [Line] {
        var out: [Line] = []
        let validation = editor.validation
        let problems = validation.problems
        let errors = problems.filter(\.isError).count, warnings = problems.count - errors
        var summary = problems.isEmpty ? "no problems" : [errors > 0 ? "\(errors) error\(errors == 1 ? "" : "s")" : nil,
                                                         warnings > 0 ? "\(warnings) warning\(warnings == 1 ? "" : "s")" : nil]
            .compactMap { $0 }.joined(separator: ", ")
        if !validation.isCurrent { summary += " (validating…)" }
        if let error = validation.error { summary = "could not validate: \(error)" }
        out.append(Line(TextWidth.fit("validation", to: 14) + summary, errors > 0 ? .flashError : warnings > 0 ? .flashWarn : .muted))
        for message in problems {
            out += messageLines(message, text: editor.describe(message), indent: 2, width: width)
        }
        return out
    }

    static func marker(_ message: AnnotationMessage) -> String { message.isError ? "✗" : "!" }

    /// A message under its marker, wrapped to the width: the API's messages are sentences a
    /// person must read whole ("…, but Total without tax is 10831.75.").
    static func messageLines(_ message: AnnotationMessage, text: String, indent: Int, width: Int) -> [Line] {
        let lead = String(repeating: " ", count: indent)
        let wrapped = TextWidth.wrap(text, width: max(10, width - indent - 2))
        return wrapped.enumerated().map { index, part in
            Line(lead + (index == 0 ? marker(message) + " " : "  ") + part, message.isError ? .flashError : .flashWarn)
        }
    }

    /// The fields and tables. The focused cell is marked on its line for the view to highlight.
    static func fieldLines(_ editor: FieldEditor, width: Int) -> [Line] {
        var out: [Line] = []
        let rows = editor.rows
        let cursor = editor.focused?.id
        var index = 0
        while index < rows.count {
            switch rows[index] {
            case .section(let label, let depth):
                out.append(Line(pad(depth) + label, .accent))
            case .field(let cell, let depth):
                out += fieldLine(cell, depth: depth, editor: editor, focused: cell.id == cursor, width: width)
            case .tableTitle(let label, let multivalueID, let count, let depth):
                let sum = editor.validation.messages.first { $0.type == "aggregation" && $0.datapointID == multivalueID }
                let sumText = sum.map { " · sum of \(editor.schema[$0.schemaID ?? ""]?.label ?? $0.schemaID ?? "column"): \($0.content)" } ?? ""
                out.append(Line(pad(depth) + label + " (\(count) row\(count == 1 ? "" : "s"))" + sumText, .accent))
                var table: [EditorRow] = []
                var next = index + 1
                while next < rows.count {
                    if case .tableHeader = rows[next] { table.append(rows[next]); next += 1; continue }
                    if case .tableRow = rows[next] { table.append(rows[next]); next += 1; continue }
                    break
                }
                out += tableLines(table, editor: editor, cursor: cursor, width: width)
                index = next
                continue
            case .tableHeader, .tableRow:
                break
            }
            index += 1
        }
        if out.isEmpty { out.append(Line("  no extracted data", .muted)) }
        return out
    }

    static func pad(_ depth: Int) -> String { String(repeating: "  ", count: depth + 1) }

    static func fieldLine(_ cell: EditorCell, depth: Int, editor: FieldEditor, focused: Bool, width: Int) -> [Line] {
        let messages = editor.validation.messages(for: cell.id)
        let mark = messages.contains(where: \.isError) ? "✗" : !messages.isEmpty ? "!" : editor.needsAttention(cell) ? "?" : " "
        let lead = mark + pad(depth).dropFirst() + TextWidth.fit(cell.label + (cell.schema?.required == true ? "*" : ""), to: labelWidth) + " "
        let valueWidth = max(6, width - TextWidth.of(lead) - trailerWidth - 1)
        let value = cell.value.isEmpty ? "-" : cell.value
        var line = Line(lead + TextWidth.fit(value, to: valueWidth) + " " + trailer(cell),
                        mark == "✗" ? .flashError : mark == "!" ? .flashWarn : .text)
        if focused {
            line.focus = (x: 0, width: width)
            if editor.input?.id == cell.id { line.inputAt = (x: TextWidth.of(lead), width: valueWidth) }
        }
        var out = [line]
        for message in messages {
            out += messageLines(message, text: message.content, indent: TextWidth.of(lead), width: width)
        }
        return out
    }

    static func trailer(_ cell: EditorCell) -> String {
        let confidence = cell.confidence.map { "\(Int(($0 * 100).rounded()))%" } ?? ""
        return TextWidth.fit(confidence, to: 4) + " " + TextWidth.fit(cell.source, to: trailerWidth - 6)
    }

    static func tableLines(_ table: [EditorRow], editor: FieldEditor, cursor: Int?, width: Int) -> [Line] {
        var header: [String] = []
        var depth = 1
        var rows: [[EditorCell]] = []
        for row in table {
            switch row {
            case .tableHeader(let labels, let d): header = labels; depth = d
            case .tableRow(_, _, let cells, _): rows.append(cells)
            default: break
            }
        }
        guard !header.isEmpty else { return [Line(pad(depth) + "no rows (a adds one)", .muted)] }
        let lead = " " + pad(depth).dropFirst()
        let available = max(header.count * 4, width - TextWidth.of(lead) - 2)
        var widths = header.indices.map { i in
            max(TextWidth.of(header[i]), rows.map { i < $0.count ? TextWidth.of($0[i].value) : 0 }.max() ?? 0)
        }
        while widths.reduce(0, +) + (widths.count - 1) * 2 > available, let i = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[i] > 4 {
            widths[i] -= 1
        }
        func x(of column: Int) -> Int { TextWidth.of(lead) + widths.prefix(column).reduce(0, +) + column * 2 }
        var out = [Line(lead + widths.indices.map { TextWidth.fit(header[$0], to: widths[$0]) }.joined(separator: "  "), .header)]
        for cells in rows {
            let problems = cells.flatMap { editor.validation.messages(for: $0.id) }
            let mark = problems.contains(where: \.isError) ? "✗" : !problems.isEmpty ? "!" : cells.contains(where: editor.needsAttention) ? "?" : " "
            var line = Line(mark + String(lead.dropFirst()) + widths.indices.map { i in
                TextWidth.fit(i < cells.count ? cells[i].value : "", to: widths[i])
            }.joined(separator: "  "), cells.contains(where: \.isPlaceholder) ? .muted : .text)
            if let column = cells.firstIndex(where: { $0.id == cursor }) {
                line.focus = (x: x(of: column), width: widths[column])
                if editor.input?.id == cursor { line.inputAt = (x: x(of: column), width: max(widths[column], width - x(of: column))) }
            }
            out.append(line)
            for message in problems {
                out += messageLines(message, text: editor.label(of: message.datapointID ?? 0) + ": " + message.content,
                                    indent: TextWidth.of(lead) + 2, width: width)
            }
        }
        if let focused = rows.joined().first(where: { $0.id == cursor }) {
            out.append(Line(lead + "\(focused.label): " + trailer(focused).trimmingCharacters(in: .whitespaces), .muted))
        }
        return out
    }

    // MARK: page data

    /// The page text beside the fields, the focused field's line highlighted.
    static func drawPageText(_ editor: FieldEditor, in rect: Rect, theme: Theme, into grid: inout Grid) {
        guard rect.width > 4, rect.height > 1 else { return }
        grid.put("Page text", x: rect.x + 1, y: rect.y, style: theme.style(.header), maxWidth: rect.width - 2)
        let body = rect.dropFirst(1)
        let muted = theme.style(.muted)
        switch editor.pageData {
        case .notAsked, .loading:
            grid.put("loading…", x: body.x + 1, y: body.y, style: muted, maxWidth: body.width - 2)
        case .missing:
            grid.put("no page data", x: body.x + 1, y: body.y, style: muted, maxWidth: body.width - 2)
        case .failed(let reason):
            grid.put("page data: \(reason)", x: body.x + 1, y: body.y, style: theme.style(.flashError), maxWidth: body.width - 2)
        case .pages(let pages):
            let focused = editor.focused
            let page = pages.first { $0.pageNumber == (focused?.page ?? 1) } ?? pages.first
            guard let page, !page.items.isEmpty else {
                grid.put("no text on this page", x: body.x + 1, y: body.y, style: muted, maxWidth: body.width - 2)
                return
            }
            let highlighted = focused.flatMap { cell in highlightedLine(cell, page.items) }
            let start = max(0, min((highlighted ?? 0) - body.height / 2, page.items.count - body.height))
            for (offset, item) in page.items.dropFirst(start).prefix(body.height).enumerated() {
                let style = start + offset == highlighted ? theme.style(.selection) : theme.style(.text)
                // A line cut at the pane's edge says so: the value may be in the part not shown.
                grid.put(TextWidth.truncate(item.text, to: body.width - 2), x: body.x + 1, y: body.y + offset, style: style,
                         maxWidth: body.width - 2)
            }
        }
    }

    /// The line whose box overlaps the field's position most (vertically), or whose text is the value.
    static func highlightedLine(_ cell: EditorCell, _ items: [PageText.Item]) -> Int? {
        if let box = cell.position {
            let overlaps = items.enumerated().compactMap { index, item -> (Int, Double)? in
                guard let p = item.position, p.count == 4 else { return nil }
                let overlap = min(box[3], p[3]) - max(box[1], p[1])
                return overlap > 0 ? (index, overlap) : nil
            }
            if let best = overlaps.max(by: { $0.1 < $1.1 }) { return best.0 }
        }
        guard !cell.value.isEmpty else { return nil }
        return items.firstIndex { $0.text.contains(cell.value) }
    }
}
