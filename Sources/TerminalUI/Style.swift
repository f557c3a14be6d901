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

extension Color {
    /// 26 bits: the kind in bits 24-25, its number or RGB value below. `.default` is 0, so a
    /// plain style is all zeroes.
    static let packedMask: UInt32 = 0x3FF_FFFF

    var packed: UInt32 {
        switch self {
        case .default: return 0
        case .ansi(let ansi): return 1 << 24 | UInt32(ansi.rawValue)
        case .indexed(let index): return 2 << 24 | UInt32(index)
        case .rgb(let r, let g, let b): return 3 << 24 | UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)
        }
    }

    init(packed: UInt32) {
        let value = UInt8(truncatingIfNeeded: packed)
        switch packed >> 24 {
        case 1: self = .ansi(ANSIColor(rawValue: value & 0x0F)!)
        case 2: self = .indexed(value)
        case 3: self = .rgb(UInt8(truncatingIfNeeded: packed >> 16), UInt8(truncatingIfNeeded: packed >> 8), value)
        default: self = .default
        }
    }
}

/// How a cell is drawn. Plain value, cheap to compare: the backend diffs frames cell by cell.
///
/// Stored packed in one 64-bit word (each colour in 26 bits, then the attribute flags), so
/// comparing, hashing and copying a style (12,000 times a frame) is one integer operation.
/// The properties below read and write that word.
public struct Style: Sendable, Hashable {
    @usableFromInline var bits: UInt64

    public var foreground: Color {
        get { Color(packed: UInt32(truncatingIfNeeded: bits) & Color.packedMask) }
        set { bits = bits & ~UInt64(Color.packedMask) | UInt64(newValue.packed) }
    }

    public var background: Color {
        get { Color(packed: UInt32(truncatingIfNeeded: bits >> Self.backgroundShift) & Color.packedMask) }
        set { bits = bits & ~(UInt64(Color.packedMask) << Self.backgroundShift) | UInt64(newValue.packed) << Self.backgroundShift }
    }

    public var bold: Bool {
        get { flag(Self.boldBit) }
        set { setFlag(Self.boldBit, newValue) }
    }

    public var dim: Bool {
        get { flag(Self.dimBit) }
        set { setFlag(Self.dimBit, newValue) }
    }

    public var underline: Bool {
        get { flag(Self.underlineBit) }
        set { setFlag(Self.underlineBit, newValue) }
    }

    public var reverse: Bool {
        get { flag(Self.reverseBit) }
        set { setFlag(Self.reverseBit, newValue) }
    }

    public var italic: Bool {
        get { flag(Self.italicBit) }
        set { setFlag(Self.italicBit, newValue) }
    }

    public init(
        foreground: Color = .default, background: Color = .default,
        bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false,
        italic: Bool = false
    ) {
        bits = UInt64(foreground.packed) | UInt64(background.packed) << Self.backgroundShift
        setFlag(Self.boldBit, bold)
        setFlag(Self.dimBit, dim)
        setFlag(Self.underlineBit, underline)
        setFlag(Self.reverseBit, reverse)
        setFlag(Self.italicBit, italic)
    }

    static let backgroundShift: UInt64 = 26
    static let boldBit: UInt64 = 1 << 52
    static let dimBit: UInt64 = 1 << 53
    static let underlineBit: UInt64 = 1 << 54
    static let reverseBit: UInt64 = 1 << 55
    static let italicBit: UInt64 = 1 << 56

    @inlinable
    public static func == (lhs: Style, rhs: Style) -> Bool { lhs.bits == rhs.bits }

    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(bits) }

    @inline(__always) private func flag(_ bit: UInt64) -> Bool { bits & bit != 0 }

    @inline(__always) private mutating func setFlag(_ bit: UInt64, _ on: Bool) {
        bits = on ? bits | bit : bits & ~bit
    }

    public static let plain = Style()

    /// This style with `other`'s non-default colours and attributes laid on top;
    /// used to put a row highlight over a cell that has its own colour.
    public func overlaid(with other: Style) -> Style {
        let mask = UInt64(Color.packedMask)
        let flags = Self.boldBit | Self.dimBit | Self.underlineBit | Self.reverseBit | Self.italicBit
        var result = Style()
        let foreground = other.bits & mask != 0 ? other.bits & mask : bits & mask
        let backgroundMask = mask << Self.backgroundShift
        let background = other.bits & backgroundMask != 0 ? other.bits & backgroundMask : bits & backgroundMask
        result.bits = foreground | background | (bits | other.bits) & flags
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
