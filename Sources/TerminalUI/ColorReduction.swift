/// Maps colours a theme asks for onto what the terminal has (`tput colors`: 256, 16, 8 or fewer).
public enum ColorReduction {
    /// `count` is the terminal's colour count; below 8 every colour becomes `.default`.
    public static func reduce(_ color: Color, toColorCount count: Int) -> Color {
        switch color {
        case .default:
            return .default
        case .ansi(let ansi):
            if count >= 16 { return color }
            if count >= 8 { return .ansi(ANSIColor(rawValue: ansi.rawValue % 8)!) }
            return .default
        case .indexed(let index):
            if count >= 256 { return color }
            if index < 16 { return reduce(.ansi(ANSIColor(rawValue: index)!), toColorCount: count) }
            let (r, g, b) = rgb(ofIndex: index)
            return reduce(.rgb(r, g, b), toColorCount: count)
        case .rgb(let r, let g, let b):
            if count >= 256 { return .indexed(nearestIndex256(r, g, b)) }
            if count >= 8 { return .ansi(nearestANSI(r, g, b, limit: count >= 16 ? 16 : 8)) }
            return .default
        }
    }

    /// Nearest entry of the 6x6x6 cube or the 24-step grey ramp (indices 16-255).
    public static func nearestIndex256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let levels = [0, 95, 135, 175, 215, 255]
        func cubeStep(_ v: UInt8) -> Int {
            var best = 0
            for (i, level) in levels.enumerated() where abs(level - Int(v)) < abs(levels[best] - Int(v)) { best = i }
            return best
        }
        let (ri, gi, bi) = (cubeStep(r), cubeStep(g), cubeStep(b))
        let cubeIndex = 16 + 36 * ri + 6 * gi + bi
        let cubeDistance = distance((levels[ri], levels[gi], levels[bi]), (Int(r), Int(g), Int(b)))
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = max(0, min(23, (average - 8 + 5) / 10))
        let greyLevel = 8 + 10 * greyStep
        let greyDistance = distance((greyLevel, greyLevel, greyLevel), (Int(r), Int(g), Int(b)))
        return UInt8(greyDistance < cubeDistance ? 232 + greyStep : cubeIndex)
    }

    /// Nearest of the first `limit` (8 or 16) ANSI colours, by their usual xterm values.
    public static func nearestANSI(_ r: UInt8, _ g: UInt8, _ b: UInt8, limit: Int) -> ANSIColor {
        var best = ANSIColor.black
        var bestDistance = Int.max
        for color in ANSIColor.allCases.prefix(limit) {
            let (cr, cg, cb) = rgb(ofIndex: color.rawValue)
            let d = distance((Int(cr), Int(cg), Int(cb)), (Int(r), Int(g), Int(b)))
            if d < bestDistance { bestDistance = d; best = color }
        }
        return best
    }

    /// The xterm default RGB of a palette index.
    public static func rgb(ofIndex index: UInt8) -> (UInt8, UInt8, UInt8) {
        let basic: [(UInt8, UInt8, UInt8)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if index < 16 { return basic[Int(index)] }
        if index >= 232 {
            let level = UInt8(8 + 10 * (Int(index) - 232))
            return (level, level, level)
        }
        let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
        let i = Int(index) - 16
        return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        // Weighted like the eye: green matters most, blue least.
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }
}
