/// How wide a table column is.
public enum ColumnWidth: Sendable, Hashable {
    /// Exactly this many columns.
    case fixed(Int)
    /// At least `min` columns, plus a `weight` share of the space the fixed columns leave.
    case flex(min: Int, weight: Int)
}

public struct TableColumn: Sendable, Hashable {
    public var title: String
    public var width: ColumnWidth
    public var alignment: Alignment

    public init(_ title: String, width: ColumnWidth = .flex(min: 4, weight: 1), alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// One cell's text, optionally in its own colour (e.g. a status).
public struct TableCell: Sendable, Hashable, ExpressibleByStringLiteral {
    public var text: String
    public var slot: ThemeSlot?

    public init(_ text: String, slot: ThemeSlot? = nil) {
        self.text = text
        self.slot = slot
    }

    public init(stringLiteral value: String) { self.init(value) }
}

public struct TableRow: Sendable, Hashable, ExpressibleByArrayLiteral {
    public var cells: [TableCell]
    /// Marked for a bulk action (in addition to `TableState.marked`).
    public var isMarked: Bool

    public init(_ cells: [TableCell], isMarked: Bool = false) {
        self.cells = cells
        self.isMarked = isMarked
    }

    public init(arrayLiteral elements: TableCell...) { self.init(elements) }
}

/// Where a table's rows come from. Only the visible rows are ever asked for, so a
/// provider over a million rows costs the same to draw as one over a hundred.
public protocol TableRowProvider {
    var rowCount: Int { get }
    func row(at index: Int) -> TableRow
}

/// A provider over an in-memory array.
public struct ArrayRowProvider: TableRowProvider, Sendable {
    public var rows: [TableRow]
    public init(_ rows: [TableRow]) { self.rows = rows }
    public var rowCount: Int { rows.count }
    public func row(at index: Int) -> TableRow { rows[index] }
}

/// A provider that computes each row on demand.
public struct ComputedRowProvider: TableRowProvider {
    public let rowCount: Int
    private let make: (Int) -> TableRow
    public init(rowCount: Int, row: @escaping (Int) -> TableRow) {
        self.rowCount = rowCount
        make = row
    }
    public func row(at index: Int) -> TableRow { make(index) }
}

/// Which column the rows are sorted by, shown as a marker in the header.
public struct TableSort: Sendable, Hashable {
    public var column: Int
    public var ascending: Bool
    public init(column: Int, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }
}
