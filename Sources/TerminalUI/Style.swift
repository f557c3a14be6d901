/// One of the sixteen colours every colour terminal knows by number (0-15).
public enum ANSIColor: UInt8, Sendable, Hashable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite

    /// Names as written in theme files (`bright_red`, `red`, ...); `gray`/`grey` alias bright black.
    public static func named(_ name: String) -> ANSIColor? {
        let key = String(name.lowercased().map { $0 == "-" ? "_" : $0 })
        switch key {
        case "gray", "grey": return .brightBlack
        default: return allCases.first { $0.themeName == key }
        }
    }

    public var themeName: String {
        let base = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
        let index = Int(rawValue)
        return index < 8 ? base[index] : "bright_" + base[index - 8]
    }
}

/// A colour as a theme states it; the backend reduces it to what the terminal can show.
public enum Color: Sendable, Hashable {
    /// The terminal's own foreground or background (needs `use_default_colors`).
    case `default`
    case ansi(ANSIColor)
    /// An index into the xterm 256-colour palette.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)
}

/// How a cell is drawn. Plain value, cheap to compare: the backend diffs frames cell by cell.
public struct Style: Sendable, Hashable {
    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool
    public var italic: Bool

    public init(
        foreground: Color = .default, background: Color = .default,
        bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false,
        italic: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
        self.italic = italic
    }

    public static let plain = Style()

    /// This style with `other`'s non-default colours and attributes laid on top;
    /// used to put a row highlight over a cell that has its own colour.
    public func overlaid(with other: Style) -> Style {
        var result = self
        if other.foreground != .default { result.foreground = other.foreground }
        if other.background != .default { result.background = other.background }
        result.bold = bold || other.bold
        result.dim = dim || other.dim
        result.underline = underline || other.underline
        result.reverse = reverse || other.reverse
        result.italic = italic || other.italic
        return result
    }

    /// Only the attributes, no colour: what `NO_COLOR` and monochrome terminals get.
    public var withoutColors: Style {
        var copy = self
        copy.foreground = .default
        copy.background = .default
        return copy
    }

    public func with(bold: Bool? = nil, dim: Bool? = nil, underline: Bool? = nil, reverse: Bool? = nil) -> Style {
        var copy = self
        if let bold { copy.bold = bold }
        if let dim { copy.dim = dim }
        if let underline { copy.underline = underline }
        if let reverse { copy.reverse = reverse }
        return copy
    }
}
