import Synchronization

/// One screen column. A wide character occupies its cell and the next one, which is marked
/// as its continuation so that both the backend and the diff know not to draw it separately.
///
/// A cell is plain data (no reference-counted string inside): a frame of 12,000 cells is
/// filled, copied and compared at memory speed. A character of one Unicode scalar is stored
/// as that scalar; a longer grapheme (a letter with combining marks, an emoji sequence) is
/// stored once in a process-wide table and referred to by number.
public struct Cell: Sendable, Hashable {
    /// The scalar value, or `GraphemeTable.flag | index` for a multi-scalar grapheme, with
    /// `continuationBit` set on the right half of a wide character. With the packed style
    /// this makes a cell 16 bytes, compared in two integer comparisons.
    @usableFromInline var code: UInt32
    public var style: Style

    @usableFromInline static let continuationBit: UInt32 = 0x4000_0000

    /// The right half of a wide character in the column to the left.
    public var isContinuation: Bool {
        @inlinable get { code & Self.continuationBit != 0 }
        set { code = newValue ? code | Self.continuationBit : code & ~Self.continuationBit }
    }

    public init(_ character: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        code = GraphemeTable.code(for: character) | (isContinuation ? Self.continuationBit : 0)
        self.style = style
    }

    @inlinable
    init(scalar: Unicode.Scalar, style: Style) {
        code = scalar.value
        self.style = style
    }

    @inlinable
    public static func == (lhs: Cell, rhs: Cell) -> Bool { lhs.code == rhs.code && lhs.style == rhs.style }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(style)
    }

    /// The character's code without the continuation mark.
    @usableFromInline var content: UInt32 { code & ~Self.continuationBit }

    public var character: Character {
        get { GraphemeTable.character(for: content) }
        set { code = GraphemeTable.code(for: newValue) | (code & Self.continuationBit) }
    }

    /// The printable ASCII byte this cell shows, if it is one (the backend's fast path).
    @inlinable
    public var printableASCII: UInt8? {
        code >= 0x20 && code < 0x7F ? UInt8(code) : nil  // a continuation is never ASCII
    }

    /// The Unicode scalar this cell shows when it is a single-scalar character (no
    /// combining marks), without building a `Character`: the backend's second fast path.
    @inlinable
    public var singleScalar: Unicode.Scalar? {
        let value = content
        return value & GraphemeTable.flag == 0 ? Unicode.Scalar(value) : nil
    }

    public static let blank = Cell()
}

/// Interns graphemes of more than one scalar so cells can refer to them by number.
@usableFromInline
enum GraphemeTable {
    @usableFromInline static let flag: UInt32 = 0x8000_0000
    private static let table = Mutex<(list: [String], index: [String: UInt32])>(([], [:]))

    static func code(for character: Character) -> UInt32 {
        var scalars = character.unicodeScalars.makeIterator()
        if let first = scalars.next(), scalars.next() == nil { return first.value }
        let text = String(character)
        return table.withLock { table in
            if let index = table.index[text] { return flag | index }
            let index = UInt32(table.list.count)
            table.list.append(text)
            table.index[text] = index
            return flag | index
        }
    }

    static func character(for code: UInt32) -> Character {
        if code & flag == 0 { return Character(Unicode.Scalar(code) ?? "?") }
        let text = table.withLock { $0.list[Int(code & ~flag)] }
        return Character(text)
    }
}
