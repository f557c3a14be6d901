/// Text renderings of a Grid, for tests and for debugging.
extension Grid {
    /// The screen as lines of text (wide characters appear once), trailing spaces trimmed.
    public func plainText(trimTrailingSpaces: Bool = true) -> String {
        (0..<height).map { line(at: $0, trimTrailingSpaces: trimTrailingSpaces) }.joined(separator: "\n")
    }

    /// One row as text.
    public func line(at y: Int, trimTrailingSpaces: Bool = true) -> String {
        var text = ""
        for cell in row(y) where !cell.isContinuation { text.append(cell.character) }
        if trimTrailingSpaces {
            while text.last == " " { text.removeLast() }
        }
        return text
    }

    /// A row as one letter per column, looked up in `legend` (style -> letter); styles
    /// missing from the legend show as `?`. Lets a test state exactly which columns are
    /// highlighted: `"SSSSSSSS....."`.
    public func styleMask(row y: Int, legend: [Style: Character]) -> String {
        String(row(y).map { legend[$0.style] ?? "?" })
    }

    /// The screen with style changes written inline as `{fg=red,bold}`; `{}` returns to plain.
    /// Readable in a failing test's output, and exact.
    public func styledText() -> String {
        var lines: [String] = []
        for y in 0..<height {
            var text = ""
            var current = Style.plain
            for cell in row(y) where !cell.isContinuation {
                if cell.style != current {
                    text += "{" + cell.style.shortDescription + "}"
                    current = cell.style
                }
                text.append(cell.character)
            }
            if current != .plain { text += "{}" }
            lines.append(text)
        }
        return lines.joined(separator: "\n")
    }
}

extension Style {
    /// Compact description such as `fg=red,bg=#102030,bold`; empty for plain.
    public var shortDescription: String {
        var parts: [String] = []
        if foreground != .default { parts.append("fg=" + foreground.shortDescription) }
        if background != .default { parts.append("bg=" + background.shortDescription) }
        if bold { parts.append("bold") }
        if dim { parts.append("dim") }
        if underline { parts.append("underline") }
        if reverse { parts.append("reverse") }
        if italic { parts.append("italic") }
        return parts.joined(separator: ",")
    }
}

extension Color {
    public var shortDescription: String {
        switch self {
        case .default: return "default"
        case .ansi(let color): return color.themeName
        case .indexed(let index): return String(index)
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { byte in
                let hex = String(byte, radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined()
        }
    }
}
