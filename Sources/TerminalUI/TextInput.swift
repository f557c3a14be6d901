/// A one-line text field: the text, a cursor, and the usual editing keys
/// (left/right/home/end/backspace/delete, ctrl-a/ctrl-e, ctrl-u deletes to the start,
/// ctrl-w deletes the word before the cursor, ctrl-k deletes to the end).
public struct TextInput: Sendable, Hashable {
    /// No line a person types (a filter, a path, a note) is longer; a paste beyond it is cut,
    /// so a huge paste cannot stall the app.
    public static let maximumLength = 2_000

    public private(set) var characters: [Character]
    /// Cursor position in characters (0 ... count).
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text.prefix(Self.maximumLength))
        cursor = characters.count
    }

    public var text: String { String(characters) }

    public mutating func setText(_ text: String) {
        characters = Array(text.prefix(Self.maximumLength))
        cursor = characters.count
    }

    public mutating func insert(_ string: String) {
        for character in string where !CharacterWidth.isControl(character) || Self.extends(character) {
            // A combining accent or a ZWJ and the emoji after it arrive as keys of their own:
            // they join the character before the cursor, so the cursor never splits a cluster.
            if cursor > 0 {
                let joined = String(characters[cursor - 1]) + String(character)
                if joined.count == 1 {
                    characters[cursor - 1] = Character(joined)
                    continue
                }
            }
            guard characters.count < Self.maximumLength else { return }
            characters.insert(character, at: cursor)
            cursor += 1
        }
    }

    /// A zero-width joiner or mark counts as a control by its first scalar but belongs to a cluster.
    private static func extends(_ character: Character) -> Bool {
        character.unicodeScalars.first.map { $0.properties.isGraphemeExtend || $0.value == 0x200D } ?? false
    }

    /// Whether more text would be cut (the owner may say so).
    public var isFull: Bool { characters.count >= Self.maximumLength }

    /// Applies an editing key; returns false for keys that are not editing keys
    /// (enter, escape, tab...) so the owner can act on them.
    public mutating func handle(_ key: Key) -> Bool {
        if let character = key.typedCharacter {
            insert(String(character))
            return true
        }
        switch (key.code, key.modifiers) {
        case (.left, []): cursor = max(0, cursor - 1)
        case (.right, []): cursor = min(characters.count, cursor + 1)
        case (.home, []), (.char("a"), .ctrl): cursor = 0
        case (.end, []), (.char("e"), .ctrl): cursor = characters.count
        case (.backspace, []), (.char("h"), .ctrl):
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case (.delete, []), (.char("d"), .ctrl):
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case (.char("u"), .ctrl):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case (.char("k"), .ctrl):
            characters.removeSubrange(cursor...)
        case (.char("w"), .ctrl), (.backspace, .alt):
            var start = cursor
            while start > 0 && characters[start - 1].isWhitespace { start -= 1 }
            while start > 0 && !characters[start - 1].isWhitespace { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default:
            return false
        }
        return true
    }

    /// Draws the field into one row, scrolled so the cursor shows; the cursor is a reversed
    /// cell (the terminal cursor stays hidden).
    public func render(in rect: Rect, into grid: inout Grid, style: Style, showCursor: Bool = true) {
        let row = rect.row(0)
        guard !row.isEmpty else { return }
        grid.fill(row, style: style)
        // Scroll: start from the cursor and walk left while the text fits beside the cursor
        // cell, which is as wide as the character under it (two columns for a wide one).
        let cursorWidth = cursor < characters.count ? max(1, CharacterWidth.of(characters[cursor])) : 1
        let available = row.width - cursorWidth
        var start = cursor
        var used = 0
        while start > 0 {
            let w = CharacterWidth.of(characters[start - 1])
            if used + w > available { break }
            used += w
            start -= 1
        }
        var x = row.x
        for index in start..<characters.count {
            let w = CharacterWidth.of(characters[index])
            if x + w > row.maxX { break }
            let cellStyle = showCursor && index == cursor ? style.with(reverse: !style.reverse) : style
            x += grid.put(String(characters[index]), x: x, y: row.y, style: cellStyle, maxWidth: row.maxX - x)
        }
        if showCursor && cursor == characters.count && x < row.maxX {
            grid.put(" ", x: x, y: row.y, style: style.with(reverse: !style.reverse))
        }
    }
}
