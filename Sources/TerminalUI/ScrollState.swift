/// Selection, scroll offset and marks of a scrolling list or table. Pure value; the app
/// keeps it in its state and the view clamps it to the rows that exist when drawing.
public struct ScrollState: Sendable, Hashable {
    public var selected: Int
    /// Index of the first visible row.
    public var offset: Int
    /// Rows marked for a bulk action, by index.
    public var marked: Set<Int>

    public init(selected: Int = 0, offset: Int = 0, marked: Set<Int> = []) {
        self.selected = selected
        self.offset = offset
        self.marked = marked
    }

    public mutating func move(by delta: Int, rowCount: Int) {
        select(selected + delta, rowCount: rowCount)
    }

    public mutating func select(_ index: Int, rowCount: Int) {
        selected = rowCount == 0 ? 0 : max(0, min(rowCount - 1, index))
    }

    public mutating func moveToTop() { selected = 0 }

    public mutating func moveToBottom(rowCount: Int) { select(rowCount - 1, rowCount: rowCount) }

    /// Moves a page down (positive `pages`) or up, keeping the selection's place on screen.
    public mutating func page(_ pages: Int, visibleRows: Int, rowCount: Int) {
        let step = max(1, visibleRows - 1) * pages
        offset = max(0, min(max(0, rowCount - visibleRows), offset + step))
        select(selected + step, rowCount: rowCount)
    }

    public mutating func toggleMark() {
        if marked.contains(selected) { marked.remove(selected) } else { marked.insert(selected) }
    }

    /// Keeps the selection inside the rows that exist and scrolls so it is visible.
    public mutating func clamp(rowCount: Int, visibleRows: Int) {
        select(selected, rowCount: rowCount)
        let visible = max(1, visibleRows)
        if selected < offset { offset = selected }
        if selected >= offset + visible { offset = selected - visible + 1 }
        offset = max(0, min(offset, max(0, rowCount - visible)))
    }
}
