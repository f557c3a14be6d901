/// A table: header with a sort marker, a marker gutter, the visible rows, the selection.
public struct TableView: Sendable {
    public var columns: [TableColumn]
    public var sort: TableSort?
    public var showHeader: Bool
    /// Columns between two table columns.
    public var columnSpacing: Int
    /// Draw the selection highlight (off when another pane has the focus).
    public var focused: Bool

    public static let markGlyph: Character = "●"

    public init(columns: [TableColumn], sort: TableSort? = nil, showHeader: Bool = true, columnSpacing: Int = 1, focused: Bool = true) {
        self.columns = columns
        self.sort = sort
        self.showHeader = showHeader
        self.columnSpacing = columnSpacing
        self.focused = focused
    }

    /// How many rows fit under the header in `rect`.
    public func visibleRowCount(in rect: Rect) -> Int {
        max(0, rect.height - (showHeader ? 1 : 0))
    }

    /// The row index drawn at screen row `y`, for click-to-select.
    public func rowIndex(atScreenY y: Int, in rect: Rect, state: ScrollState, rowCount: Int) -> Int? {
        let first = rect.y + (showHeader ? 1 : 0)
        guard y >= first && y < rect.maxY else { return nil }
        let index = state.offset + (y - first)
        return index < rowCount ? index : nil
    }

    /// Column widths for a table `total` columns wide (the one-column mark gutter excluded).
    /// Fixed columns first, then flex columns get their minimum and share the rest by weight.
    public func columnWidths(total: Int) -> [Int] {
        let spacing = max(0, columns.count - 1) * columnSpacing
        var available = max(0, total - spacing)
        var widths = Array(repeating: 0, count: columns.count)
        for (i, column) in columns.enumerated() {
            if case .fixed(let n) = column.width {
                widths[i] = min(max(0, n), available)
                available -= widths[i]
            }
        }
        for (i, column) in columns.enumerated() {
            if case .flex(let minimum, _) = column.width {
                widths[i] = min(max(0, minimum), available)
                available -= widths[i]
            }
        }
        let weights = columns.map { column -> Int in
            if case .flex(_, let weight) = column.width { return max(0, weight) }
            return 0
        }
        let weightSum = weights.reduce(0, +)
        if weightSum > 0 && available > 0 {
            var handed = 0
            for i in columns.indices where weights[i] > 0 {
                let extra = available * weights[i] / weightSum
                widths[i] += extra
                handed += extra
            }
            var leftover = available - handed
            for i in columns.indices where weights[i] > 0 && leftover > 0 {
                widths[i] += 1
                leftover -= 1
            }
        }
        return widths
    }

    /// Draws the table into `rect`, clamping `state` to the provider's rows first.
    /// Only rows `state.offset ..< state.offset + visible` are asked from the provider.
    public func render(_ provider: some TableRowProvider, state: inout ScrollState, in rect: Rect, into grid: inout Grid, theme: Theme) {
        guard !rect.isEmpty else { return }
        let textStyle = theme.style(.text)
        let bodyRect = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
        let widths = columnWidths(total: bodyRect.width)
        var y = rect.y
        if showHeader {
            let headerStyle = theme.style(.header)
            grid.fill(rect.row(0), style: headerStyle)
            var x = bodyRect.x
            for (i, column) in columns.enumerated() {
                var title = column.title
                if let sort, sort.column == i { title += sort.ascending ? "▲" : "▼" }
                // The header row is already filled, so the title goes straight to its place.
                draw(title, x: x, y: y, width: widths[i], alignment: column.alignment, style: headerStyle, into: &grid)
                x += widths[i] + columnSpacing
            }
            y += 1
        }
        let visible = visibleRowCount(in: rect)
        let rowCount = provider.rowCount
        state.clamp(rowCount: rowCount, visibleRows: visible)
        let last = min(rowCount, state.offset + visible)
        // Each drawn row fills itself; only the space below the last row is cleared here.
        let drawn = max(0, last - state.offset)
        grid.fill(Rect(x: rect.x, y: y + drawn, width: rect.width, height: rect.maxY - (y + drawn)), style: textStyle)
        guard visible > 0 && rowCount > 0 else { return }
        let markedStyle = theme.style(.marked)
        let selectionStyle = theme.style(.selection)
        // Cells of a column usually share a few slots (statuses): look each up in the theme once.
        var slotStyles: [(slot: ThemeSlot, style: Style)] = []
        for index in state.offset..<last {
            let row = provider.row(at: index)
            let isMarked = row.isMarked || state.marked.contains(index)
            let isSelected = focused && index == state.selected
            var rowStyle = isMarked ? textStyle.overlaid(with: markedStyle) : textStyle
            if isSelected { rowStyle = isMarked ? selectionStyle.with(bold: true) : selectionStyle }
            grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: rowStyle)
            if isMarked { grid.put(String(Self.markGlyph), x: rect.x, y: y, style: rowStyle, maxWidth: 1) }
            var x = bodyRect.x
            for (i, column) in columns.enumerated() where widths[i] > 0 {
                let cell = i < row.cells.count ? row.cells[i] : TableCell("")
                var cellStyle = rowStyle
                // A cell's own colour shows unless the row is selected (the highlight wins).
                if let slot = cell.slot, !isSelected {
                    let slotStyle: Style
                    if let known = slotStyles.first(where: { $0.slot == slot }) {
                        slotStyle = known.style
                    } else {
                        slotStyle = theme.style(slot)
                        slotStyles.append((slot, slotStyle))
                    }
                    cellStyle = rowStyle.overlaid(with: slotStyle)
                    grid.fill(Rect(x: x, y: y, width: widths[i], height: 1), style: cellStyle)
                }
                draw(cell.text, x: x, y: y, width: widths[i], alignment: column.alignment, style: cellStyle, into: &grid)
                x += widths[i] + columnSpacing
            }
            y += 1
        }
    }

    /// Draws `text` aligned within the `width` columns from `x`, cut with an ellipsis when it
    /// is wider. The row is already filled, so no padded copy of the text is built; ASCII text
    /// that fits (nearly every cell) is measured once and copied straight into the grid.
    private func draw(_ text: String, x: Int, y: Int, width: Int, alignment: Alignment, style: Style, into grid: inout Grid) {
        guard width > 0 else { return }
        func offset(_ gap: Int) -> Int { alignment == .right ? gap : alignment == .center ? gap / 2 : 0 }
        if let textWidth = TextWidth.printableASCIIWidth(text), textWidth <= width {
            grid.putPrintableASCII(text, x: x + offset(width - textWidth), y: y, style: style, limit: x + width)
            return
        }
        let cut = TextWidth.truncate(text, to: width)
        let start = offset(width - TextWidth.of(cut))
        grid.put(cut, x: x + start, y: y, style: style, maxWidth: width - start)
    }
}
