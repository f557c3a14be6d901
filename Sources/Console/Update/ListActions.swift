import Foundation
import TerminalUI

extension AppState {
    /// Rows of the list body (the table header takes one).
    var listVisibleRows: Int { max(1, mainBodyRows - 2) }

    mutating func listAction(_ action: ActionID) -> [Effect] {
        guard var list else { return [] }
        if Self.navigate(&list.scroll, action, rowCount: list.rowCount, visibleRows: listVisibleRows) {
            self.list = list
            return ensureVisiblePagesLoaded()
        }
        switch action {
        case NavigationAction.open:
            guard let row = list.selectedRow else { return [] }
            return openDetail(row.id)
        case NavigationAction.toggleMark:
            guard let row = list.selectedRow else { return [] }
            if list.marked.contains(row.id) { list.marked.remove(row.id) } else { list.marked.insert(row.id) }
            list.markAnchor = list.scroll.selected
            list.scroll.move(by: 1, rowCount: list.rowCount)
            list.scroll.clamp(rowCount: list.rowCount, visibleRows: listVisibleRows)
            self.list = list
            return ensureVisiblePagesLoaded()
        case ConsoleAction.markRange:
            let anchor = list.markAnchor ?? list.scroll.selected
            let range = min(anchor, list.scroll.selected)...max(anchor, list.scroll.selected)
            for index in range { if let row = list.row(at: index) { list.marked.insert(row.id) } }
            list.markAnchor = list.scroll.selected
            self.list = list
            flash("\(list.marked.count) marked", .info)
        case ConsoleAction.markAll:
            list.scroll.clamp(rowCount: list.rowCount, visibleRows: listVisibleRows)
            let first = list.scroll.offset
            for index in first..<min(list.rowCount, first + listVisibleRows) {
                if let row = list.row(at: index) { list.marked.insert(row.id) }
            }
            self.list = list
            flash("\(list.marked.count) marked", .info)
        case ConsoleAction.clearMarks:
            list.marked = []
            list.markAnchor = nil
            self.list = list
        case ConsoleAction.sortNext, ConsoleAction.sortPrevious:
            let keys = AnnotationSortKey.allCases
            let index = keys.firstIndex(of: list.query.sort) ?? 0
            let step = action == ConsoleAction.sortNext ? 1 : keys.count - 1
            list.query.sort = keys[(index + step) % keys.count]
            self.list = list
            return reloadList()
        case ConsoleAction.sortReverse:
            list.query.ascending.toggle()
            self.list = list
            return reloadList()
        case ConsoleAction.tabNext, ConsoleAction.tabPrevious:
            let tabs = StatusCatalog.tabs
            let index = tabs.firstIndex(of: list.query.tab) ?? 0
            let step = action == ConsoleAction.tabNext ? 1 : tabs.count - 1
            list.query.tab = tabs[(index + step) % tabs.count]
            self.list = list
            return reloadList()
        case ConsoleAction.nextToReview:
            guard let row = list.selectedRow else { return nextToReview(after: nil) }
            return nextToReview(after: row.id)
        default:
            let targets = list.marked.isEmpty ? list.selectedRow.map { [$0.id] } ?? [] : orderedMarks(list)
            return annotationAction(action, targets: targets, bulk: !list.marked.isEmpty)
        }
        return []
    }

    /// Marked ids in list order (loaded rows first, then any no longer loaded).
    func orderedMarks(_ list: AnnotationListState) -> [Int] {
        var ordered: [Int] = []
        for page in list.pages.keys.sorted() {
            for row in list.pages[page] ?? [] where list.marked.contains(row.id) && !ordered.contains(row.id) { ordered.append(row.id) }
        }
        return ordered + list.marked.subtracting(ordered).sorted()
    }

    mutating func applyFilter(_ filter: AnnotationFilter) -> [Effect] {
        guard list != nil else { return [] }
        list?.query.filter = filter
        return reloadList()
    }

    /// Drops loaded rows and asks for the first pages of the (new) query.
    mutating func reloadList() -> [Effect] {
        guard list != nil else { return [] }
        list?.resetRows()
        list?.load.begin(at: now)
        return ensureVisiblePagesLoaded(reloading: [])
    }

    /// Loads the pages the viewport shows that are neither loaded nor loading.
    /// `reloading` pages are asked for again even when loaded (a refresh).
    mutating func ensureVisiblePagesLoaded(reloading: Set<Int> = []) -> [Effect] {
        guard screen == .annotations || screen == .detail, var list else { return [] }
        list.scroll.clamp(rowCount: list.rowCount, visibleRows: listVisibleRows)
        var wanted = AnnotationListState.pages(covering: list.scroll.offset, count: listVisibleRows, total: list.total)
        // Look one page ahead of the cursor so scrolling down rarely waits.
        let ahead = (list.scroll.selected + listVisibleRows) / AnnotationListState.pageSize
        if list.total.map({ ahead * AnnotationListState.pageSize < $0 }) ?? false, !wanted.contains(ahead) { wanted.append(ahead) }
        var effects: [Effect] = []
        for page in wanted where !list.loadingPages.contains(page) && (list.pages[page] == nil || reloading.contains(page)) {
            list.loadingPages.insert(page)
            effects.append(.loadAnnotationPage(list.query, page: page))
        }
        if !effects.isEmpty && !list.load.inFlight { list.load.begin(at: now) }
        self.list = list
        return effects
    }

    /// Moves to the next annotation someone still has to review, after `id` in list order.
    mutating func nextToReview(after id: Int?) -> [Effect] {
        guard var list else {
            flash("open a queue to move through its annotations", .info)
            return []
        }
        let start = id.flatMap { list.index(of: $0) }.map { $0 + 1 } ?? 0
        var index = start
        while index < list.rowCount, let row = list.row(at: index) {
            if StatusCatalog.needsReview.contains(row.status) && row.id != id {
                list.scroll.select(index, rowCount: list.rowCount)
                list.scroll.clamp(rowCount: list.rowCount, visibleRows: listVisibleRows)
                self.list = list
                if screen == .detail {
                    detail = DetailState(annotationID: row.id)
                    detail?.load.begin(at: now)
                    return [.loadAnnotation(id: row.id)] + ensureVisiblePagesLoaded()
                }
                return ensureVisiblePagesLoaded()
            }
            index += 1
        }
        if index < list.rowCount {
            // The next page is not loaded yet: load it, the user presses `n` again.
            list.scroll.select(index, rowCount: list.rowCount)
            self.list = list
            flash("loading more annotations…", .info)
            return ensureVisiblePagesLoaded()
        }
        flash("no more annotations to review in this list", .info)
        return []
    }
}
