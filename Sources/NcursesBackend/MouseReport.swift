import TerminalUI

/// The terminal's mouse reports, read from the input as bytes: SGR (`ESC [ < b ; x ; y M`,
/// `m` for a release; mode 1006, which every current terminal speaks) and, from a terminal
/// that does not, the older X10 form (`ESC [ M` and three bytes). Curses is told not to take
/// them as a key (`keyok(KEY_MOUSE, false)`), so what is decoded here is all there is.
enum MouseReport {
    /// The report at the start of `input`: the event (nil for a button the console does not
    /// use: right, middle, drags) and how many inputs it took; nil when `input` does not start
    /// with a whole report (it is then read as keys).
    static func parse(_ input: ArraySlice<RawInput>) -> (event: MouseEvent?, length: Int)? {
        let start = input.startIndex
        guard input.count >= 3, input[start] == .character(27), input[start + 1] == .character(UInt32(UInt8(ascii: "["))) else { return nil }
        switch input[start + 2] {
        case .character(UInt32(UInt8(ascii: "<"))):
            return sgr(input.dropFirst(3)).map { ($0.event, $0.length + 3) }
        case .character(UInt32(UInt8(ascii: "M"))):
            let bytes = input.dropFirst(3).prefix(3).compactMap { raw -> Int? in
                if case .character(let value) = raw, value >= 32 { return Int(value) - 32 }
                return nil
            }
            guard bytes.count == 3 else { return nil }
            // X10 says a release without which button: a release is all it is.
            let button = bytes[0] & 3 == 3 ? nil : bytes[0]
            return (event(button: button ?? 0, release: button == nil, x: bytes[1], y: bytes[2]), 6)
        default:
            return nil
        }
    }

    /// `b ; x ; y` and `M` or `m`, after `ESC [ <`.
    private static func sgr(_ input: ArraySlice<RawInput>) -> (event: MouseEvent?, length: Int)? {
        var numbers = [0]
        var length = 0
        for raw in input.prefix(24) {
            length += 1
            guard case .character(let value) = raw, let scalar = Unicode.Scalar(value) else { return nil }
            switch scalar {
            case "0"..."9":
                numbers[numbers.count - 1] = min(99_999, numbers[numbers.count - 1] * 10 + Int(value - 48))
            case ";":
                numbers.append(0)
            case "M", "m":
                guard numbers.count == 3 else { return nil }
                return (event(button: numbers[0], release: scalar == "m", x: numbers[1], y: numbers[2]), length)
            default:
                return nil
            }
        }
        return nil
    }

    /// Button code and 1-based cell, as both forms give them.
    private static func event(button: Int, release: Bool, x: Int, y: Int) -> MouseEvent? {
        let (column, row) = (max(0, x - 1), max(0, y - 1))
        // 32: motion (a drag), 64: the wheel; the low two bits the button (0 is the left).
        if button & 32 != 0 { return nil }
        if button & 64 != 0 {
            switch button & 3 {
            case 0: return MouseEvent(x: column, y: row, kind: .wheelUp)
            case 1: return MouseEvent(x: column, y: row, kind: .wheelDown)
            default: return nil
            }
        }
        guard button & 3 == 0 else { return nil }
        return MouseEvent(x: column, y: row, kind: release ? .release : .press)
    }
}
