import Yams

/// A theme file that cannot be used, pointing at the place to fix.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// The key path of the bad entry, e.g. `status.to_review.fg`.
    public var key: String?
    public var message: String

    public init(file: String, line: Int?, key: String?, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let key { return "\(place): \(key): \(message)" }
        return "\(place): \(message)"
    }
}

/// Reads theme YAML: a map of slot names to styles; nested maps (`status:`, `flash:`)
/// name slots by path (`status.to_review`). A style is a colour (the foreground) or a map
/// of `fg`, `bg`, `bold`, `dim`, `underline`, `reverse`, `italic`.
public enum ThemeParser {
    static let styleKeys: Set<String> = ["fg", "bg", "bold", "dim", "underline", "reverse", "italic"]

    public static func parse(_ yaml: String, file: String) throws(ThemeError) -> Theme {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw ThemeError(file: file, line: nil, key: nil, message: "the file is empty")
            }
            root = node
        } catch let error as ThemeError {
            throw error
        } catch let error as YamlError {
            throw ThemeError(file: file, line: line(of: error), key: nil, message: "not valid YAML: \(summary(of: error))")
        } catch {
            throw ThemeError(file: file, line: nil, key: nil, message: "not valid YAML: \(error)")
        }
        guard case .mapping(let mapping) = root else {
            throw ThemeError(file: file, line: root.mark?.line, key: nil, message: "expected a map of slot names to styles")
        }
        var name = file
        var slots: [ThemeSlot: Style] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                throw ThemeError(file: file, line: keyNode.mark?.line, key: nil, message: "keys must be names")
            }
            if key == "name" {
                guard let string = value.string else {
                    throw ThemeError(file: file, line: value.mark?.line, key: key, message: "name must be text")
                }
                name = string
                continue
            }
            try collect(value, path: key, into: &slots, file: file)
        }
        return Theme(name: name, slots: slots)
    }

    private static func collect(_ node: Node, path: String, into slots: inout [ThemeSlot: Style], file: String) throws(ThemeError) {
        if case .mapping(let mapping) = node {
            let keys = mapping.keys.compactMap(\.string)
            let isStyle = keys.isEmpty || keys.contains { styleKeys.contains($0) }
            if !isStyle {
                for (keyNode, value) in mapping {
                    guard let key = keyNode.string else {
                        throw ThemeError(file: file, line: keyNode.mark?.line, key: path, message: "keys must be names")
                    }
                    try collect(value, path: path + "." + key, into: &slots, file: file)
                }
                return
            }
        }
        slots[ThemeSlot(rawValue: path)] = try style(node, path: path, file: file)
    }

    private static func style(_ node: Node, path: String, file: String) throws(ThemeError) -> Style {
        switch node {
        case .scalar(let scalar):
            return Style(foreground: try color(scalar.string, line: node.mark?.line, key: path, file: file))
        case .mapping(let mapping):
            var style = Style()
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? ""
                let keyPath = path + "." + key
                let line = value.mark?.line ?? keyNode.mark?.line
                switch key {
                case "fg": style.foreground = try color(value.string ?? "", line: line, key: keyPath, file: file)
                case "bg": style.background = try color(value.string ?? "", line: line, key: keyPath, file: file)
                case "bold": style.bold = try flag(value, line: line, key: keyPath, file: file)
                case "dim": style.dim = try flag(value, line: line, key: keyPath, file: file)
                case "underline": style.underline = try flag(value, line: line, key: keyPath, file: file)
                case "reverse": style.reverse = try flag(value, line: line, key: keyPath, file: file)
                case "italic": style.italic = try flag(value, line: line, key: keyPath, file: file)
                default:
                    throw ThemeError(file: file, line: keyNode.mark?.line, key: keyPath, message: "unknown style key (use fg, bg, bold, dim, underline, reverse, italic)")
                }
            }
            return style
        default:
            throw ThemeError(file: file, line: node.mark?.line, key: path, message: "expected a colour or a map of fg/bg/attributes")
        }
    }

    private static func flag(_ node: Node, line: Int?, key: String, file: String) throws(ThemeError) -> Bool {
        switch node.string?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw ThemeError(file: file, line: line, key: key, message: "expected true or false, got \"\(node.string ?? "")\"")
        }
    }

    /// `red`, `bright_blue`, `208`, `#ff8800`, `default`.
    public static func parseColor(_ text: String) -> Color? {
        let value = text.trimmingSpaces.lowercased()
        if value == "default" || value == "none" || value.isEmpty { return .default }
        if let ansi = ANSIColor.named(value) { return .ansi(ansi) }
        if let index = Int(value), (0...255).contains(index) { return .indexed(UInt8(index)) }
        if value.hasPrefix("#"), value.count == 7, let rgb = UInt32(value.dropFirst(), radix: 16) {
            return .rgb(UInt8(rgb >> 16 & 0xFF), UInt8(rgb >> 8 & 0xFF), UInt8(rgb & 0xFF))
        }
        return nil
    }

    private static func color(_ text: String, line: Int?, key: String, file: String) throws(ThemeError) -> Color {
        guard let color = parseColor(text) else {
            throw ThemeError(file: file, line: line, key: key, message: "unknown colour \"\(text)\" (use a name like red or bright_blue, 0-255, #rrggbb, or default)")
        }
        return color
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return String(describing: error)
        }
    }
}
