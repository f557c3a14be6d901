import CNcursesw
import TerminalUI

/// One item as `wget_wch` returns it: a character, or a curses key code (`KEY_*`).
public enum RawInput: Sendable, Hashable {
    case character(UInt32)
    case keyCode(Int32)
}

/// What one or more raw inputs mean.
public enum DecodedInput: Sendable, Hashable {
    case key(Key)
    case resize
    /// A mouse report (`MouseReport`).
    case mouse(MouseEvent)
}

/// Turns the raw feed from curses into keys. Pure apart from the `KEY_*` constants, so it is
/// tested with a scripted feed, without a terminal.
///
/// Alt combinations arrive as ESC followed at once by the key; a lone ESC is the escape key
/// (curses already waited `ESCDELAY` for more before handing it over).
public enum KeyDecoder {
    /// Decodes the next input; `next` yields what is already waiting (nil when nothing is).
    public static func decode(_ first: RawInput, next: () -> RawInput?) -> DecodedInput? {
        switch first {
        case .keyCode(let code):
            return decode(keyCode: code)
        case .character(27):
            guard let following = next() else { return .key(.escape) }
            switch following {
            case .character(27):
                return .key(.escape)
            case .character(let value):
                guard case .key(var key)? = decode(character: value) else { return .key(.escape) }
                key.modifiers.insert(.alt)
                return .key(key)
            case .keyCode(let code):
                guard case .key(var key)? = decode(keyCode: code) else { return decode(keyCode: code) }
                key.modifiers.insert(.alt)
                return .key(key)
            }
        case .character(let value):
            return decode(character: value)
        }
    }

    /// Decodes every input of a finished feed (tests, and draining after a poll wake-up).
    /// Mouse reports are whole sequences of inputs, so they are recognised here, where the
    /// feed is known to its end.
    public static func decodeAll(_ feed: [RawInput]) -> [DecodedInput] {
        var index = 0
        var result: [DecodedInput] = []
        while index < feed.count {
            if let (event, length) = MouseReport.parse(feed[index...]) {
                if let event { result.append(.mouse(event)) }
                index += length
                continue
            }
            let first = feed[index]
            index += 1
            let decoded = decode(first) {
                guard index < feed.count else { return nil }
                defer { index += 1 }
                return feed[index]
            }
            if let decoded { result.append(decoded) }
        }
        return result
    }

    static func decode(character value: UInt32) -> DecodedInput? {
        switch value {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 8, 127: return .key(.backspace)
        case 27: return .key(.escape)
        case 0: return .key(.ctrl(" "))
        case 1...26:
            return .key(.ctrl(Character(Unicode.Scalar(UInt8(96 + value)))))
        case 28...31:
            return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .key(.char(Character(scalar)))
        }
    }

    static func decode(keyCode code: Int32) -> DecodedInput? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_IC: return .key(Key(.insert))
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case KEY_SR: return .key(Key(.up, modifiers: .shift))
        case KEY_SF: return .key(Key(.down, modifiers: .shift))
        case KEY_SLEFT: return .key(Key(.left, modifiers: .shift))
        case KEY_SRIGHT: return .key(Key(.right, modifiers: .shift))
        case KEY_RESIZE: return .resize
        default:
            let f0 = rt_key_f0()
            if code > f0 && code <= f0 + 24 { return .key(Key(.function(Int(code - f0)))) }
            // Shifted function keys come as F13-F24 on xterm; other codes are ignored.
            return nil
        }
    }
}
