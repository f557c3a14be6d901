import Foundation
import TerminalUI

/// The mouse, where the terminal reports it: a click selects what is under the pointer (a row,
/// a status tab), a second click on the same row soon after opens it as `enter` does, the
/// wheel moves as `j`/`k` do over the screen or the monitor panel. Everything it does is a key's
/// doing, so read-only mode and every refusal apply; while a dialog, prompt or help is open, or
/// a value is typed, the mouse does nothing (keys decide there).
extension AppState {
    /// Two presses on the same row within this many seconds are a double click.
    public static let doubleClickSeconds: TimeInterval = 0.4
    /// Rows one notch of the wheel moves.
    public static let wheelRows = 3

    mutating func handleMouse(_ event: MouseEvent) -> [Effect] {
        guard overlay == nil, !top.isTyping else { return [] }
        let layout = self.layout
        let overMonitor = monitorPanelRows > 0 && layout.monitor.contains(x: event.x, y: event.y)
        let overMain = layout.main.contains(x: event.x, y: event.y)
        guard overMonitor || overMain else { return [] }
        switch event.kind {
        case .release:
            return []
        case .wheelUp, .wheelDown:
            focus = overMonitor ? .monitor : .main
            let action = event.kind == .wheelUp ? NavigationAction.up : NavigationAction.down
            return (0..<Self.wheelRows).flatMap { _ in perform(action) }
        case .press:
            focus = overMonitor ? .monitor : .main
            guard overMain else {
                lastClick = nil
                return []
            }
            var hit = false
            let effects = withTop { screen, context in
                let answer = screen.click(x: event.x, y: event.y, in: layout.main, &context)
                hit = answer != nil
                return answer ?? []
            }
            let double = hit && lastClick.map { $0.y == event.y && now.timeIntervalSince($0.at) <= Self.doubleClickSeconds } == true
            lastClick = hit && !double ? (event.y, now) : nil
            return double ? effects + perform(NavigationAction.open) : effects
        }
    }
}
