import Foundation
import TerminalUI

/// The person's own `:` commands from the config's `aliases:` (`inv: "find status:to_review"`):
/// a name standing for the start of a command line, expanded before the line is read, so
/// `:inv acme` runs `:find status:to_review acme`. A name may not be a built-in command's (it
/// would hide it), and the line it stands for must start with a built-in command.
public struct CommandAliases: Sendable, Hashable {
    /// Name -> expansion, sorted by name.
    public private(set) var entries: [(name: String, expansion: String)] = []

    public init() {}

    public init(config: [String: String]) throws(ConfigValueError) {
        for (name, expansion) in config.sorted(by: { $0.key < $1.key }) {
            let word = name.lowercased()
            guard !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw ConfigValueError("aliases: \"\(name)\" is not a command name (letters, digits, - and _)")
            }
            if let builtIn = ScreenRegistry.entries.first(where: { $0.names.contains(word) }) {
                throw ConfigValueError("aliases: \"\(name)\" is the built-in command \(builtIn.usage); choose another name")
            }
            let target = expansion.split(separator: " ").first.map { String($0.hasPrefix(":") ? $0.dropFirst() : $0[...]).lowercased() } ?? ""
            guard ScreenRegistry.entries.contains(where: { $0.names.contains(target) }) else {
                throw ConfigValueError("aliases.\(name): \"\(expansion)\" does not start with a command (try " + ScreenRegistry.overview + ")")
            }
            entries.append((word, expansion.hasPrefix(":") ? String(expansion.dropFirst()) : expansion))
        }
    }

    /// The line with a leading alias replaced by what it stands for; other lines as typed.
    public func expand(_ line: String) -> String {
        var words = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard let first = words.first else { return line }
        let word = (first.hasPrefix(":") ? String(first.dropFirst()) : first).lowercased()
        guard let entry = entries.first(where: { $0.name == word }) else { return line }
        words[0] = entry.expansion
        return words.joined(separator: " ")
    }

    public var names: [String] { entries.map(\.name) }

    /// Help lines, as the built-in commands have theirs.
    public var helpNotes: [String] {
        entries.map { "  " + TextWidth.fit(":" + $0.name, to: 16) + "= :" + $0.expansion }
    }

    public static func == (lhs: CommandAliases, rhs: CommandAliases) -> Bool {
        lhs.entries.map(\.name) == rhs.entries.map(\.name) && lhs.entries.map(\.expansion) == rhs.entries.map(\.expansion)
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.name)
            hasher.combine(entry.expansion)
        }
    }
}
