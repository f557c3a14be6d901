import Foundation
import TerminalUI

/// Clicks on the list: a status tab switches to it, a row becomes the cursor's (and the
/// choice the cursor follows, as if moved there by keys).
extension AnnotationListScreen {
    public mutating func click(x: Int, y: Int, in rect: Rect, _ context: inout ScreenContext) -> [Effect]? {
        let tabLine = rect.row(1)
        if tabLine.contains(x: x, y: y) {
            let labels = AnnotationListView.tabLabels(self)
            let selected = StatusCatalog.tabs.firstIndex(of: query.tab) ?? 0
            let placed = AnnotationListView.tabPlacements(labels, selected: selected, in: tabLine,
                                                          reserved: AnnotationListView.filterWidth(self, in: tabLine))
            guard let hit = placed.first(where: { x >= $0.x && x < $0.x + TextWidth.of(labels[$0.index]) }) else { return nil }
            guard hit.index != selected else { return [] }
            return switchTab(to: StatusCatalog.tabs[hit.index], &context)
        }
        guard ListNavigation.select(&scroll, atY: y, table: rect.dropFirst(2), rowCount: rows.count) else { return nil }
        choose()
        return loadVisiblePages(context)
    }
}
