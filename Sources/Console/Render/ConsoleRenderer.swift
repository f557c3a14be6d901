import Foundation
import TerminalUI

/// `render(state) -> Grid`: pure, so every screen can be snapshot-tested as text.
public enum ConsoleRenderer {
    public static func render(_ state: AppState) -> Grid {
        var grid = Grid(width: state.width, height: state.height, fill: Cell(" ", style: state.theme.style(.background)))
        guard state.width >= 20 && state.height >= 6 else {
            grid.put("terminal too small", x: 0, y: 0, style: state.theme.style(.text))
            return grid
        }
        let layout = ScreenLayout(width: state.width, height: state.height, monitorRows: state.monitorPanelRows)
        HeaderView.draw(state, in: layout.header, into: &grid)
        switch state.screen {
        case .workspaces: TreeScreenView.draw(state, in: layout.main, into: &grid)
        case .annotations: AnnotationListView.draw(state, in: layout.main, into: &grid)
        case .detail: DetailView.draw(state, in: layout.main, into: &grid)
        case .datasets: DatasetsView.draw(state, in: layout.main, into: &grid)
        case .operations: MonitorView.draw(state, in: layout.main, fullScreen: true, into: &grid)
        }
        if layout.monitor.height > 0 { MonitorView.draw(state, in: layout.monitor, fullScreen: false, into: &grid) }
        FooterView.drawFlash(state, in: layout.flash, into: &grid)
        FooterView.drawHints(state, in: layout.hints, into: &grid)
        switch state.overlay {
        case .help(let scroll): HelpView.draw(state, scroll: scroll, into: &grid)
        case .dialog(let dialog): DialogView.draw(dialog, theme: state.theme, into: &grid)
        case .bulkReport: if let run = state.bulk { BulkReportView.draw(run, state: state, into: &grid) }
        case .commandLine, .filter, nil: break
        }
        return grid
    }
}

/// Small drawing helpers shared by the views.
enum Draw {
    /// A title line: text on the left, badges on the right.
    static func titleLine(_ left: String, right: String = "", in rect: Rect, style: Style, rightStyle: Style? = nil, into grid: inout Grid) {
        grid.fill(rect.row(0), style: style)
        let rightWidth = TextWidth.of(right)
        grid.put(left, x: rect.x + 1, y: rect.y, style: style, maxWidth: max(0, rect.width - rightWidth - 3))
        if !right.isEmpty {
            grid.put(right, x: rect.maxX - rightWidth - 1, y: rect.y, style: rightStyle ?? style, maxWidth: rightWidth)
        }
    }

    /// A framed box (for overlays), cleared inside, with a title in the top border.
    static func box(_ rect: Rect, title: String, theme: Theme, into grid: inout Grid) {
        let style = theme.style(.dialog)
        let border = theme.style(.borderFocused).overlaid(with: Style(background: style.background))
        grid.fill(rect, style: style)
        guard rect.width >= 2 && rect.height >= 2 else { return }
        let horizontal = String(repeating: "─", count: rect.width - 2)
        grid.put("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: border)
        grid.put("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: border)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            grid.put("│", x: rect.x, y: y, style: border)
            grid.put("│", x: rect.maxX - 1, y: y, style: border)
        }
        if !title.isEmpty {
            grid.put(" " + title + " ", x: rect.x + 2, y: rect.y, style: theme.style(.title).overlaid(with: Style(background: style.background)), maxWidth: rect.width - 4)
        }
    }

    /// A centred rectangle of at most `width` x `height`, inside the grid.
    static func centered(width: Int, height: Int, in grid: Grid) -> Rect {
        let w = min(width, grid.width - 2)
        let h = min(height, grid.height - 2)
        return Rect(x: (grid.width - w) / 2, y: (grid.height - h) / 2, width: w, height: h)
    }

    /// `[██████░░░░] 60%`
    static func progressBar(_ fraction: Double, width: Int) -> String {
        let inner = max(1, width - 7)
        let clamped = max(0, min(1, fraction))
        let filled = Int((clamped * Double(inner)).rounded(.down))
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: inner - filled) + "]"
            + String(format: "%4d%%", Int((clamped * 100).rounded(.down)))
    }

    static let spinnerFrames: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
}

extension Rect {
    func dropFirst(_ rows: Int) -> Rect { Rect(x: x, y: y + rows, width: width, height: height - rows) }
}
