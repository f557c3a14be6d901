import CNcursesw
import TerminalUI

/// Curses colour pairs, allocated the first time a foreground/background combination is
/// drawn. When the terminal's pairs run out, further combinations fall back to pair 0
/// (the terminal's default colours) rather than failing.
struct ColorPairCache {
    private var pairs: [Int64: Int32] = [:]
    private var nextPair: Int32 = 1
    let colorCount: Int
    let maxPairs: Int32
    let enabled: Bool

    init(enabled: Bool) {
        self.enabled = enabled && has_colors()
        colorCount = self.enabled ? Int(rt_colors()) : 0
        maxPairs = self.enabled ? rt_color_pairs() : 0
    }

    /// The curses colour number for a theme colour (-1 is the terminal default).
    func cursesColor(_ color: Color) -> Int32 {
        switch ColorReduction.reduce(color, toColorCount: colorCount) {
        case .default: return -1
        case .ansi(let ansi): return Int32(ansi.rawValue)
        case .indexed(let index): return Int32(index)
        case .rgb: return -1  // reduce never returns rgb; keep the default if it ever did
        }
    }

    mutating func pair(foreground: Color, background: Color) -> Int32 {
        guard enabled else { return 0 }
        let fg = cursesColor(foreground), bg = cursesColor(background)
        if fg == -1 && bg == -1 { return 0 }
        let key = Int64(fg) << 32 | Int64(UInt32(bitPattern: bg))
        if let pair = pairs[key] { return pair }
        guard nextPair < maxPairs else { return 0 }
        let pair = nextPair
        guard init_extended_pair(pair, fg, bg) == OK else { return 0 }
        nextPair += 1
        pairs[key] = pair
        return pair
    }

    var allocatedCount: Int { pairs.count }
}
