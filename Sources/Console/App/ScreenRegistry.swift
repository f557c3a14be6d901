import Foundation
import TerminalUI

/// Everything the `:` command line knows, in one list: screens and app commands, with their
/// aliases, arguments and summaries. Completion, the help overlay and the error for an unknown
/// command are all derived from it; a new screen adds its line here.
public enum ScreenRegistry {
    public struct Entry: Sendable {
        /// The first name is the one help shows; the others are aliases (k9s style).
        public var names: [String]
        /// `ID`, `NAME`, or nil when the command takes none; in brackets (`[IDS]`) it may be left out.
        public var argument: String?
        public var summary: String
        /// Runs the command with its argument (validated against `argument`).
        public var run: @Sendable (_ argument: String?, _ state: inout AppState) -> [Effect]

        public var usage: String { ":" + names[0] + (argument.map { " " + $0 } ?? "") }
    }

    public static let entries: [Entry] = [
        Entry(names: ["ws", "workspaces", "queues", "tree"], argument: nil, summary: "workspaces and queues") { _, state in
            state.popToRoot()
        },
        Entry(names: ["queue", "q"], argument: "ID|NAME", summary: "open queue by ID or name") { argument, state in
            let text = argument ?? ""
            if let id = Int(text) { return AnnotationListScreen.open(queueID: id, &state) }
            do throws(QueueLookupError) {
                return AnnotationListScreen.open(queueID: try state.catalog.queue(named: text).id, &state)
            } catch {
                state.flash(":queue " + error.description, .error)
                return []
            }
        },
        Entry(names: ["ann", "annotation", "a"], argument: "ID", summary: "open annotation ID") { argument, state in
            state.open(DetailScreen(annotationID: Int(argument ?? "") ?? 0))
        },
        Entry(names: ["find", "search"], argument: "TEXT", summary: "all queues: text, field.ID:, file:") { argument, state in
            let text = argument ?? ""
            do {
                return state.open(AnnotationListScreen(organizationWide: "Found \"\(text)\"", filter: try AnnotationFilter.parse(text)))
            } catch {
                // The reason first: a long text would push it off the line.
                state.flash("\(error) (in :find \(TextWidth.truncate(text, to: 40)))", .error)
                return []
            }
        },
        Entry(names: ["recent", "r", "history"], argument: nil, summary: "annotations opened lately") { _, state in
            state.open(RecentScreen())
        },
        Entry(names: ["failed-exports", "fe"], argument: nil, summary: "failed exports, all queues") { _, state in
            state.open(AnnotationListScreen(organizationWide: "Failed exports", tab: "failed_export"))
        },
        Entry(names: ["failed-imports", "fi"], argument: nil, summary: "failed imports, all queues") { _, state in
            state.open(AnnotationListScreen(organizationWide: "Failed imports", tab: "failed_import"))
        },
        Entry(names: ["stuck"], argument: nil, summary: "in review past the session timeout") { _, state in
            // One list across queues: the cut-off is the shortest of the queues' timeouts, so no
            // review that has outlived its queue's session is left out.
            let timeouts = state.catalog.workspaces.flatMap(\.queues).compactMap(\.sessionTimeout)
            return state.open(AnnotationListScreen(organizationWide: "In review past the session timeout", tab: "reviewing", sort: .modified,
                                                   ascending: true, unchangedFor: timeouts.min() ?? AnnotationQuery.defaultSessionTimeout))
        },
        Entry(names: ["datasets", "ds", "mdh"], argument: nil, summary: "MDH datasets") { _, state in
            state.open(DatasetsScreen())
        },
        Entry(names: ["logs", "hooklogs"], argument: nil, summary: "hook runs (L: of the selection)") { _, state in
            state.open(HookLogsScreen())
        },
        Entry(names: ["columns", "cols"], argument: "[IDS]", summary: "a queue's field columns (none: list)") { argument, state in
            guard state.top is AnnotationListScreen else {
                state.flash(":columns works on a queue's annotation list", .warn)
                return []
            }
            return state.withTop { screen, context in
                guard var list = screen as? AnnotationListScreen else { return [] }
                let effects = list.chooseColumns(argument ?? "", &context)
                screen = list
                return effects
            }
        },
        Entry(names: ["emails", "mail"], argument: nil, summary: "emails, newest first (/ from: docs:no)") { _, state in
            state.open(EmailsScreen())
        },
        Entry(names: ["ops", "operations", "monitor"], argument: nil, summary: "operation monitor, full screen") { _, state in
            state.open(OperationsScreen())
        },
        Entry(names: ["profile", "ctx"], argument: "NAME", summary: "switch to profile NAME") { argument, _ in
            [.switchProfile(argument ?? "")]
        },
        Entry(names: ["theme", "skin"], argument: "NAME", summary: "switch to theme NAME") { argument, state in
            let name = argument ?? ""
            // A theme is a name, never a path.
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                state.flash("theme names are letters, digits, - and _ (built in: \(BuiltinThemes.names.joined(separator: ", ")))", .error)
                return []
            }
            return [.loadTheme(name)]
        },
        Entry(names: ["help", "h", "?"], argument: nil, summary: "keys") { _, state in
            state.showHelp()
            return []
        },
        Entry(names: ["quit", "q!", "exit"], argument: nil, summary: "quit") { _, state in
            state.requestQuit()
        },
    ]

    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case empty
        case unknown(String)
        case missingArgument(usage: String)
        case badNumber(usage: String, value: String)
        case unexpectedArgument(usage: String)

        public var description: String {
            switch self {
            case .empty: return "type a command: " + ScreenRegistry.overview
            case .unknown(let c): return "unknown command \":\(c)\" (try " + ScreenRegistry.overview + ")"
            case .missingArgument(let usage):
                return "\(usage) needs its argument, e.g. " + usage.replacingOccurrences(of: "ID|NAME", with: "123")
                    .replacingOccurrences(of: "ID", with: "123").replacingOccurrences(of: "TEXT", with: "INV-2026-001")
            case .badNumber(let usage, let v): return "\(usage): \"\(v)\" is not a positive number"
            case .unexpectedArgument(let usage): return "\(usage) takes no argument"
            }
        }
    }

    /// `:ws :queue ID :ann ID ...`, the canonical names.
    public static var overview: String { entries.map(\.usage).joined(separator: " ") }

    /// The entry and argument for a typed line; `:q` alone quits, `:q 12` opens queue 12.
    public static func parse(_ line: String) throws(ParseError) -> (Entry, String?) {
        var words = line.split(separator: " ").map(String.init)
        if words.first?.hasPrefix(":") == true { words[0].removeFirst() }
        words.removeAll { $0.isEmpty }
        guard let word = words.first?.lowercased() else { throw .empty }
        var argument = words.count > 1 ? words[1...].joined(separator: " ") : nil
        if word == "q" && argument == nil { return (entries.first { $0.names.contains("quit") }!, nil) }
        guard let entry = entries.first(where: { $0.names.contains(word) }) else { throw .unknown(word) }
        switch entry.argument {
        case nil:
            if argument != nil { throw .unexpectedArgument(usage: entry.usage) }
        case "ID"?:
            guard let text = argument else { throw .missingArgument(usage: entry.usage) }
            let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
            guard let value = Int(digits), value > 0 else { throw .badNumber(usage: entry.usage, value: text) }
            argument = String(value)
        case "ID|NAME"?:
            // A number (`12`, `#12`) is an id; anything else is a name, looked up when run.
            guard let text = argument else { throw .missingArgument(usage: entry.usage) }
            let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
            if let value = Int(digits) {
                guard value > 0 else { throw .badNumber(usage: entry.usage, value: text) }
                argument = String(value)
            }
        case let optional? where optional.hasPrefix("["):
            break
        default:
            if argument == nil { throw .missingArgument(usage: entry.usage) }
        }
        return (entry, argument)
    }

    /// What each command's argument completes to after its word and a space, under every
    /// name of the command: queue names (and `Workspace/Queue`) for `:queue`, the built-in
    /// themes for `:theme`.
    public static func argumentCompletions(_ catalog: Catalog) -> [String: [String]] {
        var values: [String: [String]] = [:]
        for entry in entries {
            let completions: [String]
            switch entry.names[0] {
            case "queue": completions = catalog.queueNameCompletions
            case "theme": completions = BuiltinThemes.names
            default: continue
            }
            for name in entry.names { values[name] = completions }
        }
        return values
    }

    /// Command words that start with what is typed, for tab completion (canonical names first).
    public static var completionWords: [String] {
        var seen = Set<String>()
        return (entries.map { $0.names[0] } + entries.flatMap { $0.names.dropFirst() }).filter { seen.insert($0).inserted }
    }

    /// Help lines for the command line.
    public static var helpNotes: [String] {
        entries.map { "  " + TextWidth.fit($0.usage, to: 16) + $0.summary }
    }

    /// The `poll_intervals:` keys of the config and the interval each sets.
    public static let pollIntervalKeys: [(key: String, path: any WritableKeyPath<RefreshIntervals, TimeInterval> & Sendable)] = [
        ("tree", \.tree), ("list", \.list), ("detail", \.detail), ("monitor", \.monitor), ("datasets", \.datasets),
    ]
}

extension RefreshIntervals {
    /// Intervals from the config's `poll_intervals:`; an unknown key is an error, not ignored.
    public init(config: [String: Double]) throws(ConfigValueError) {
        self.init()
        for (key, value) in config.sorted(by: { $0.key < $1.key }) {
            guard let entry = ScreenRegistry.pollIntervalKeys.first(where: { $0.key == key }) else {
                throw ConfigValueError("poll_intervals: unknown key \"\(key)\" (known: \(ScreenRegistry.pollIntervalKeys.map(\.key).joined(separator: ", ")))")
            }
            guard value.isFinite, value > 0 else { throw ConfigValueError("poll_intervals.\(key): \(value) is not a positive number of seconds") }
            self[keyPath: entry.path] = max(Self.floor, value)
        }
    }
}

/// A config value the console cannot use, said plainly.
public struct ConfigValueError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
