/// A screen's worth of cells. Widgets draw into a Grid; the backend diffs it against the
/// previous frame and writes only the rows that changed. Drawing outside the grid is clipped,
/// never a crash, so a 1x1 terminal is just a very small Grid.
public struct Grid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard contains(x: x, y: y) else { return .blank }
            return cells[y * width + x]
        }
    }

    /// The cells of row `y` (empty when out of range).
    public func row(_ y: Int) -> ArraySlice<Cell> {
        guard y >= 0 && y < height else { return [] }
        return cells[(y * width)..<((y + 1) * width)]
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Sets one cell, keeping wide characters whole: overwriting either half of a wide
    /// character blanks its other half.
    public mutating func set(x: Int, y: Int, _ cell: Cell) {
        guard contains(x: x, y: y) else { return }
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation && x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        if !old.isContinuation && x + 1 < width && cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    /// Draws `text` from (x, y) in `style`, clipped to `maxWidth` columns and the grid edge.
    /// Returns the number of columns used. Controls become `?`, zero-width characters
    /// (stray combining marks) are skipped, and a wide character that does not fit whole is
    /// left out rather than split.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0 && y < height else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        if let written = putASCII(text, x: x, y: y, style: style, limit: limit) { return written }
        if TextWidth.standaloneWidth(text) != nil {
            // One scalar, one grapheme (accented Latin, CJK, Hangul): no grapheme breaking.
            var column = x
            for scalar in text.unicodeScalars {
                let w = CharacterWidth.of(scalar: scalar)
                if column >= limit || column + w > limit { break }
                if column >= 0 {
                    set(x: column, y: y, Cell(scalar: scalar, style: style))
                    if w == 2 { set(x: column + 1, y: y, Cell(" ", style: style, isContinuation: true)) }
                }
                column += w
            }
            return max(0, column - x)
        }
        var column = x
        for character in text {
            if column >= limit { break }
            var drawn = character
            var w = CharacterWidth.of(character)
            if CharacterWidth.isControl(character) {
                drawn = "?"
                w = 1
            }
            if w == 0 { continue }
            if column + w > limit { break }
            if column >= 0 {
                set(x: column, y: y, Cell(drawn, style: style))
                if w == 2 { set(x: column + 1, y: y, Cell(" ", style: style, isContinuation: true)) }
            }
            column += w
        }
        return max(0, column - x)
    }

    /// Fast path for printable ASCII text (most of any screen): one byte is one column, so
    /// no grapheme breaking or width lookup is needed. Returns nil when `text` is not that.
    private mutating func putASCII(_ text: String, x: Int, y: Int, style: Style, limit: Int) -> Int? {
        guard TextWidth.printableASCIIWidth(text) != nil else { return nil }
        return putPrintableASCII(text, x: x, y: y, style: style, limit: limit)
    }

    /// Draws `text`, which the caller knows is all printable ASCII, from (x, y) up to column
    /// `limit` (exclusive) and the grid edge. Returns the columns used (counted from `x`).
    @discardableResult
    mutating func putPrintableASCII(_ text: String, x: Int, y: Int, style: Style, limit: Int) -> Int {
        guard y >= 0 && y < height else { return 0 }
        var text = text
        return text.withUTF8 { bytes in
            let end = min(limit, width, x + bytes.count)
            guard end > x else { return 0 }
            let first = max(0, x)
            guard first < end else { return end - x }
            let rowStart = y * width, width = self.width
            cells.withUnsafeMutableBufferPointer { cells in
                // Keep wide characters at both ends of the run whole.
                if cells[rowStart + first].isContinuation && first > 0 {
                    cells[rowStart + first - 1] = Cell(scalar: " ", style: cells[rowStart + first - 1].style)
                }
                if end < width && cells[rowStart + end].isContinuation {
                    cells[rowStart + end] = Cell(scalar: " ", style: cells[rowStart + end].style)
                }
                for column in first..<end {
                    cells[rowStart + column] = Cell(scalar: Unicode.Scalar(bytes[column - x]), style: style)
                }
            }
            return end - x
        }
    }

    /// Fills `rect` (clipped) with `character` in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let cell = Cell(character, style: style)
        let width = self.width
        cells.withUnsafeMutableBufferPointer { cells in
            for y in area.y..<(area.y + area.height) {
                let rowStart = y * width
                // Keep wide characters at the edges of the area whole.
                if area.x > 0 && cells[rowStart + area.x].isContinuation {
                    cells[rowStart + area.x - 1] = Cell(scalar: " ", style: cells[rowStart + area.x - 1].style)
                }
                let end = area.x + area.width
                if end < width && cells[rowStart + end].isContinuation {
                    cells[rowStart + end] = Cell(scalar: " ", style: cells[rowStart + end].style)
                }
                (cells.baseAddress! + rowStart + area.x).update(repeating: cell, count: area.width)
            }
        }
    }

    /// Changes only the style of the cells in `rect` (e.g. a selection highlight).
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<(area.y + area.height) {
            for x in area.x..<(area.x + area.width) {
                cells[y * width + x].style = transform(cells[y * width + x].style)
            }
        }
    }

    /// Copies `other` onto this grid with its top-left corner at (x, y).
    public mutating func blit(_ other: Grid, x: Int, y: Int) {
        for row in 0..<other.height {
            for column in 0..<other.width where contains(x: x + column, y: y + row) {
                let cell = other[column, row]
                if cell.isContinuation && column == 0 {
                    set(x: x + column, y: y + row, Cell(" ", style: cell.style))
                } else {
                    set(x: x + column, y: y + row, cell)
                }
            }
        }
    }
}
