/// What a character becomes on a terminal that cannot show it (a non-UTF-8 locale):
/// line drawing turns into ASCII art, known symbols into look-alikes, the rest into `?`.
public enum AsciiFallback {
    public static func character(for character: Character) -> Character {
        if let ascii = character.asciiValue, ascii >= 0x20 && ascii < 0x7F { return character }
        switch character {
        case "─", "━", "═": return "-"
        case "│", "┃", "║": return "|"
        case "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼", "╭", "╮", "╯", "╰": return "+"
        case "…": return "~"
        case "▲", "↑": return "^"
        case "▼", "↓", "▾": return "v"
        case "▸", "›", "→", "▶": return ">"
        case "←", "‹", "◀": return "<"
        case "●", "•", "·", "✓", "✔": return "*"
        case "█", "▉", "▊", "▋", "▌", "▍", "▎", "▏": return "#"
        case "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏": return "*"
        case "\u{00A0}": return " "
        default: return "?"
        }
    }
}
