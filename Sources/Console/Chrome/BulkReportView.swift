import Foundation
import TerminalUI

/// Progress and the per-item result of a bulk action; stays until dismissed.
enum BulkReportView {
    static func draw(_ run: BulkRun, state: AppState, into grid: inout Grid) {
        let theme = state.theme
        var lines: [(String, ThemeSlot)] = []
        for id in run.ids {
            switch run.outcomes[id] {
            case nil: lines.append(("  #\(id)  …  running", .muted))
            case .succeeded(let status)?:
                lines.append(("✓ #\(id)  \(run.command.pastTense)" + AppState.statusNote(status, after: run.command), .flashInfo))
            case .failed(let failure)?:
                let reason = failure.kind == .conflict ? "409 conflict: \(failure.message)" : failure.description
                lines.append(("✗ #\(id)  \(reason)", .flashError))
            }
        }
        let area = Rect(x: 0, y: 0, width: grid.width, height: grid.height)
        let rect = area.centered(width: min(80, grid.width - 2), height: min(grid.height - 2, min(lines.count, 14) + 6))
        let inner = Box(title: "\(run.command.title) \(run.ids.count) annotations", focused: true).render(in: rect, into: &grid, theme: theme, fill: .dialog)
        guard inner.height >= 3 else { return }
        let body = inner.inset(left: 1, right: 1)
        let background = Style(background: theme.style(.dialog).background)
        let summary = run.finished
            ? "done: \(run.succeededCount) succeeded, \(run.failedCount) failed"
            : "\(run.outcomes.count) of \(run.ids.count) done"
        grid.put(summary, x: body.x, y: body.y, style: theme.style(.dialog).with(bold: true), maxWidth: body.width)
        grid.put(Draw.progressBar(run.progress, width: body.width), x: body.x, y: body.y + 1, style: theme.style(.progress).overlaid(with: background))
        let listRect = Rect(x: body.x, y: body.y + 2, width: body.width, height: max(0, body.height - 3))
        let first = min(run.reportScroll, max(0, lines.count - listRect.height))
        for (i, line) in lines.dropFirst(first).prefix(listRect.height).enumerated() {
            grid.put(line.0, x: listRect.x, y: listRect.y + i, style: theme.style(line.1).overlaid(with: background), maxWidth: listRect.width)
        }
        grid.put(run.finished ? "enter/esc close · j/k scroll" : "running… esc hides this, results stay", x: body.x, y: body.maxY - 1,
                 style: theme.style(.muted).overlaid(with: background), maxWidth: body.width)
    }
}
