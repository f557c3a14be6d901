/// Measuring, truncating and padding text by terminal columns.
public enum TextWidth {
    /// Greedy word wrap by columns; words longer than a line are cut. Paragraphs (`\n`) stay.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if of(candidate) <= width {
                    line = candidate
                } else {
                    if !line.isEmpty { lines.append(line) }
                    line = truncate(String(word), to: width)
                }
            }
            lines.append(line)
        }
        return lines
    }

    public static let ellipsis: Character = "…"

    /// Columns `text` takes when drawn.
    public static func of(_ text: String) -> Int {
        if let width = printableASCIIWidth(text) { return width }
        if let width = standaloneWidth(text) { return width }
        var total = 0
        for character in text { total += CharacterWidth.of(character) }
        return total
    }

    /// The width of `text` when it is all printable ASCII (one column per byte), else nil.
    /// Scans the bytes in place: most text on a screen takes this path.
    @inlinable
    static func printableASCIIWidth(_ text: String) -> Int? {
        let scanned = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            var outside = false
            // No early exit: a plain loop over the bytes, which the compiler vectorizes.
            for byte in bytes { outside = outside || byte &- 0x20 >= 0x5F }
            return outside ? nil : bytes.count
        }
        if let scanned { return scanned }
        for byte in text.utf8 where byte < 0x20 || byte >= 0x7F { return nil }
        return text.utf8.count
    }

    /// The width of `text` when every scalar is a grapheme of its own
    /// (`CharacterWidth.isStandalone`), else nil.
    static func standaloneWidth(_ text: String) -> Int? {
        var total = 0
        for scalar in text.unicodeScalars {
            guard CharacterWidth.isStandalone(scalar.value) else { return nil }
            total += CharacterWidth.of(scalar: scalar)
        }
        return total
    }

    /// `text` cut to at most `width` columns; when cut, the last column is an ellipsis.
    /// A wide character that would straddle the edge is dropped whole, so the result can be
    /// one column narrower than `width`.
    public static func truncate(_ text: String, to width: Int, ellipsis: Character? = TextWidth.ellipsis) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let ellipsisWidth = ellipsis.map(CharacterWidth.of) ?? 0
        let budget = width - ellipsisWidth
        var result = ""
        var used = 0
        if standaloneWidth(text) != nil {
            // One scalar, one grapheme: cut between scalars.
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                let w = CharacterWidth.of(scalar: scalar)
                if used + w > budget { break }
                scalars.append(scalar)
                used += w
            }
            result = String(scalars)
            if let ellipsis, ellipsisWidth <= width { result.append(ellipsis) }
            return result
        }
        for character in text {
            let w = CharacterWidth.of(character)
            if used + w > budget { break }
            result.append(character)
            used += w
        }
        if let ellipsis, ellipsisWidth <= width { result.append(ellipsis) }
        return result
    }

    /// `text` truncated if needed and padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
        guard width > 0 else { return "" }
        let cut = truncate(text, to: width)
        let gap = width - of(cut)
        if gap <= 0 { return cut }
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }
}

public enum Alignment: Sendable, Hashable {
    case left, right, center
}
