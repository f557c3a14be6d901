/// A key press as the app sees it, independent of how the terminal encoded it.
public struct Key: Sendable, Hashable, CustomStringConvertible {
    public var code: KeyCode
    public var modifiers: KeyModifiers

    public init(_ code: KeyCode, modifiers: KeyModifiers = []) {
        self.code = code
        self.modifiers = modifiers
    }

    /// A printable character; upper-case letters stand for themselves (`G`, not shift-g).
    public static func char(_ character: Character) -> Key { Key(.char(character)) }
    public static func ctrl(_ character: Character) -> Key { Key(.char(Character(character.lowercased())), modifiers: .ctrl) }
    public static func alt(_ character: Character) -> Key { Key(.char(character), modifiers: .alt) }

    public static let enter = Key(.enter)
    public static let escape = Key(.escape)
    public static let tab = Key(.tab)
    public static let backTab = Key(.tab, modifiers: .shift)
    public static let backspace = Key(.backspace)
    public static let delete = Key(.delete)
    public static let up = Key(.up)
    public static let down = Key(.down)
    public static let left = Key(.left)
    public static let right = Key(.right)
    public static let home = Key(.home)
    public static let end = Key(.end)
    public static let pageUp = Key(.pageUp)
    public static let pageDown = Key(.pageDown)
    public static let space = Key(.char(" "))

    /// The printable character this key types, if it types one (no ctrl/alt).
    public var typedCharacter: Character? {
        if case .char(let c) = code, modifiers.isDisjoint(with: [.ctrl, .alt]) { return c }
        return nil
    }

    /// The canonical name, the same syntax `KeyName.parse` reads: `ctrl-r`, `alt-x`, `G`, `f5`.
    public var description: String { KeyName.format(self) }
}

public enum KeyCode: Sendable, Hashable {
    case char(Character)
    case enter, escape, tab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
}

public struct KeyModifiers: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let ctrl = KeyModifiers(rawValue: 1)
    public static let alt = KeyModifiers(rawValue: 2)
    public static let shift = KeyModifiers(rawValue: 4)
}

public enum KeyNameError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalid(String)
    public var description: String {
        switch self {
        case .invalid(let name):
            return "unknown key name \"\(name)\" (examples: j, G, ctrl-r, alt-x, enter, esc, space, f5, shift-tab, pgdn)"
        }
    }
}

/// Reading and writing key names as used in config files and help.
public enum KeyName {
    static let named: [String: KeyCode] = [
        "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
        "backspace": .backspace, "bs": .backspace, "delete": .delete, "del": .delete, "insert": .insert, "ins": .insert,
        "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
        "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pgdown": .pageDown, "pagedown": .pageDown,
        "space": .char(" "), "minus": .char("-"), "plus": .char("+"),
    ]

    /// Parses `ctrl-r`, `C-r`, `alt-x`, `M-x`, `shift-tab`, `enter`, `f5`, `G`, `space`, `?`.
    public static func parse(_ name: String) throws(KeyNameError) -> Key {
        let trimmed = name.trimmingSpaces
        guard !trimmed.isEmpty else { throw .invalid(name) }
        if trimmed.count == 1 { return Key(.char(trimmed.first!)) }
        var modifiers: KeyModifiers = []
        var rest = Substring(trimmed)
        while let dash = rest.firstIndex(of: "-"), dash != rest.startIndex, rest.index(after: dash) != rest.endIndex {
            switch rest[..<dash].lowercased() {
            case "ctrl", "control", "c": modifiers.insert(.ctrl)
            case "alt", "meta", "m": modifiers.insert(.alt)
            case "shift", "s": modifiers.insert(.shift)
            default: throw .invalid(name)
            }
            rest = rest[rest.index(after: dash)...]
        }
        let code: KeyCode
        if rest.count == 1 {
            var character = rest.first!
            if modifiers.contains(.ctrl) { character = Character(character.lowercased()) }
            if modifiers.contains(.shift), character.isLetter {
                character = Character(character.uppercased())
                modifiers.remove(.shift)
            }
            code = .char(character)
        } else if let known = named[rest.lowercased()] {
            code = known
        } else if rest.first == "f" || rest.first == "F", let number = Int(rest.dropFirst()), (1...24).contains(number) {
            code = .function(number)
        } else {
            throw .invalid(name)
        }
        return Key(code, modifiers: modifiers)
    }

    public static func format(_ key: Key) -> String {
        var prefix = ""
        if key.modifiers.contains(.ctrl) { prefix += "ctrl-" }
        if key.modifiers.contains(.alt) { prefix += "alt-" }
        if key.modifiers.contains(.shift) { prefix += "shift-" }
        let base: String
        switch key.code {
        case .char(" "): base = "space"
        case .char(let c): base = String(c)
        case .enter: base = "enter"
        case .escape: base = "esc"
        case .tab: base = "tab"
        case .backspace: base = "backspace"
        case .delete: base = "delete"
        case .insert: base = "insert"
        case .up: base = "up"
        case .down: base = "down"
        case .left: base = "left"
        case .right: base = "right"
        case .home: base = "home"
        case .end: base = "end"
        case .pageUp: base = "pgup"
        case .pageDown: base = "pgdn"
        case .function(let n): base = "f\(n)"
        }
        return prefix + base
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
