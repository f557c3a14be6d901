/// What a `:` command line asks for. Aliases follow k9s: short and forgiving.
public enum CommandLineRequest: Sendable, Hashable {
    case workspaces
    case queue(Int)
    case annotation(Int)
    case datasets
    case operations
    case profile(String)
    case theme(String)
    case help
    case quit

    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case empty
        case unknown(String)
        case missingArgument(command: String, example: String)
        case badNumber(command: String, value: String)

        public var description: String {
            switch self {
            case .empty: return "type a command, e.g. :ws, :queue 123, :ann 456, :datasets, :ops, :q"
            case .unknown(let c): return "unknown command \":\(c)\" (try :ws, :queues, :queue ID, :ann ID, :datasets, :ops, :profile NAME, :theme NAME, :q)"
            case .missingArgument(let c, let example): return ":\(c) needs an argument, e.g. :\(example)"
            case .badNumber(let c, let v): return ":\(c) needs a number, not \"\(v)\""
            }
        }
    }

    /// Every command word with what it does, for completion and help.
    public static let commands: [(name: String, summary: String)] = [
        ("ws", "workspaces and queues"), ("workspaces", "workspaces and queues"), ("queues", "workspaces and queues"),
        ("queue", "open queue ID"), ("ann", "open annotation ID"), ("annotation", "open annotation ID"),
        ("datasets", "MDH datasets"), ("ds", "MDH datasets"), ("ops", "operation monitor, full screen"),
        ("operations", "operation monitor, full screen"), ("profile", "switch to profile NAME"),
        ("theme", "switch to theme NAME"), ("help", "keys"), ("q", "quit"), ("quit", "quit"),
    ]

    public static func parse(_ line: String) throws(ParseError) -> CommandLineRequest {
        var words = line.split(separator: " ").map(String.init)
        if words.first?.hasPrefix(":") == true { words[0].removeFirst() }
        words.removeAll { $0.isEmpty }
        guard let command = words.first?.lowercased() else { throw .empty }
        let argument = words.dropFirst().first
        func number(_ example: String) throws(ParseError) -> Int {
            guard let argument else { throw .missingArgument(command: command, example: example) }
            guard let value = Int(argument.hasPrefix("#") ? String(argument.dropFirst()) : argument), value > 0 else {
                throw .badNumber(command: command, value: argument)
            }
            return value
        }
        switch command {
        case "ws", "workspace", "workspaces", "queues", "tree": return .workspaces
        case "queue": return .queue(try number("queue 123"))
        case "q" where argument != nil: return .queue(try number("queue 123"))
        case "ann", "annotation", "a": return .annotation(try number("ann 456"))
        case "datasets", "dataset", "ds", "mdh": return .datasets
        case "ops", "operations", "monitor": return .operations
        case "profile", "ctx":
            guard let argument else { throw .missingArgument(command: command, example: "profile production") }
            return .profile(argument)
        case "theme", "skin":
            guard let argument else { throw .missingArgument(command: command, example: "theme light") }
            return .theme(argument)
        case "help", "h", "?": return .help
        case "q", "quit", "exit", "q!": return .quit
        default: throw .unknown(command)
        }
    }

    /// Command words that start with what is typed, for tab completion.
    public static func completions(for prefix: String) -> [String] {
        let typed = prefix.hasPrefix(":") ? String(prefix.dropFirst()) : prefix
        guard !typed.contains(" ") else { return [] }
        var seen = Set<String>()
        return commands.map(\.name).filter { $0.hasPrefix(typed.lowercased()) && seen.insert($0).inserted }
    }
}
