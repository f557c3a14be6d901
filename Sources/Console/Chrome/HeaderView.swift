import Foundation
import TerminalUI

/// The top line: where the person is, and badges (read-only, paused, stale, profile@server).
enum HeaderView {
    static func draw(_ state: AppState, in rect: Rect, into grid: inout Grid) {
        let theme = state.theme
        grid.fill(rect, style: theme.style(.header))
        var x = rect.x
        x += grid.put(" rossum-tui ", x: x, y: rect.y, style: theme.style(.accent).with(bold: true, reverse: true))
        var badges: [(String, Style)] = []
        if state.readOnly { badges.append((" READ-ONLY ", theme.style(.readonlyBadge).with(bold: true))) }
        if state.paused { badges.append((" PAUSED ", theme.style(.flashWarn).with(bold: true, reverse: true))) }
        if let stale = staleSince(state) {
            badges.append((" stale since \(state.formatting.time(stale)) ", theme.style(.flashWarn).with(reverse: true)))
        }
        badges.append((" \(state.profileName)@\(state.serverLabel) ", theme.style(.muted).overlaid(with: theme.style(.header))))
        let badgesWidth = badges.reduce(0) { $0 + TextWidth.of($1.0) + 1 }
        // The crumbs give way from the left (the current place always shows); badges from the right.
        let crumbsWidth = max(0, rect.maxX - x - min(badgesWidth, rect.width / 2) - 1)
        let crumbs = Breadcrumbs(crumbs(state)).text(fitting: crumbsWidth - 1)
        x += grid.put(" " + crumbs, x: x, y: rect.y, style: theme.style(.title).with(reverse: false).overlaid(with: theme.style(.header)), maxWidth: crumbsWidth)
        var right = rect.maxX
        for (text, badgeStyle) in badges {
            let w = TextWidth.of(text)
            guard right - w > x + 1 else { continue }
            right -= w
            grid.put(text, x: right, y: rect.y, style: badgeStyle)
            right -= 1
        }
    }

    /// organization › workspace › queue › #annotation, from the screen on top.
    static func crumbs(_ state: AppState) -> [String] {
        [state.catalog.organization?.name ?? "Rossum"] + state.top.breadcrumb(state.context())
    }

    /// When the visible screen's data last loaded, if its latest refresh failed.
    static func staleSince(_ state: AppState) -> Date? {
        let load = state.top is OperationsScreen ? state.monitor.load : state.top.load
        guard load.isStale else { return nil }
        return load.lastSuccess ?? load.lastAttempt ?? state.now
    }
}
