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
        let layout = state.layout
        let context = state.context()
        HeaderView.draw(state, in: layout.header, into: &grid)
        state.top.render(context, in: layout.main, into: &grid)
        if layout.monitor.height > 0 { MonitorView.draw(context, in: layout.monitor, fullScreen: false, into: &grid) }
        FooterView.drawFlash(state, in: layout.flash, into: &grid)
        FooterView.drawHints(state, in: layout.hints, into: &grid)
        let area = Rect(x: 0, y: 0, width: state.width, height: state.height)
        switch state.overlay {
        case .help(let help): help.render(in: area, into: &grid, theme: state.theme)
        case .dialog(let dialog, _): dialog.render(in: area, into: &grid, theme: state.theme)
        case .bulkReport: if let run = state.bulk { BulkReportView.draw(run, state: state, into: &grid) }
        case .operation(let id):
            // Drawn from the monitor each frame, so it changes as the operation does.
            if let op = state.monitor.operations.first(where: { $0.id == id }) {
                Dialog.info(title: "\(op.kindLabel) \(op.dataset ?? "")", lines: AppState.describe(op, state.formatting, now: state.now))
                    .render(in: area, into: &grid, theme: state.theme)
            }
        case .commandLine, .filter, nil: break
        }
        return grid
    }
}

/// Small drawing helpers shared by the screens.
enum Draw {
    /// A title line: text on the left, badges on the right.
    static func titleLine(_ left: String, right: String = "", in rect: Rect, style: Style, rightStyle: Style? = nil, into grid: inout Grid) {
        grid.fill(rect.row(0), style: style)
        let rightWidth = min(TextWidth.of(right), max(0, rect.width / 2))
        grid.put(left, x: rect.x + 1, y: rect.y, style: style, maxWidth: max(0, rect.width - rightWidth - 3))
        if !right.isEmpty {
            grid.put(TextWidth.truncate(right, to: rightWidth), x: rect.maxX - rightWidth - 1, y: rect.y, style: rightStyle ?? style, maxWidth: rightWidth)
        }
    }

    /// `[██████░░░░] 60%`
    static func progressBar(_ fraction: Double, width: Int) -> String {
        let inner = max(1, width - 7)
        let clamped = max(0, min(1, fraction))
        let filled = Int((clamped * Double(inner)).rounded(.down))
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: inner - filled) + "]"
            + TextWidth.fit("\(Int((clamped * 100).rounded(.down)))%", to: 5, alignment: .right)
    }

    static let spinnerFrames: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func loadingBadge(_ load: LoadState, now: Date) -> String {
        guard load.inFlight, load.showsProgress else { return "" }
        let frame = Int(now.timeIntervalSinceReferenceDate * 10) % spinnerFrames.count
        return "\(spinnerFrames[frame]) loading"
    }
}

extension Rect {
    func dropFirst(_ rows: Int) -> Rect { Rect(x: x, y: y + rows, width: width, height: max(0, height - rows)) }
}
