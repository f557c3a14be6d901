import RossumKit

/// What the hook logs screen asks `hooks/logs` for, typed on its `/` line as a person would
/// say it: `hook:12 annotation:3101 status:failed level:error code:500 timeout`.
public struct HookLogFilter: Sendable, Hashable {
    public var hooks: [Int] = []
    public var queues: [Int] = []
    public var annotations: [Int] = []
    public var statuses: [String] = []
    public var levels: [String] = []
    public var codes: [Int] = []
    /// Searched over every field of the entry (the API's `search`).
    public var text = ""

    public init(hooks: [Int] = [], queues: [Int] = [], annotations: [Int] = [], statuses: [String] = [], levels: [String] = [],
                codes: [Int] = [], text: String = "") {
        self.hooks = hooks
        self.queues = queues
        self.annotations = annotations
        self.statuses = statuses
        self.levels = levels
        self.codes = codes
        self.text = text
    }

    static let statusNames = ["waiting", "running", "completed", "cancelled", "failed"]
    static let levelNames = ["INFO", "WARNING", "ERROR"]

    public var isEmpty: Bool { self == HookLogFilter() }

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// Parses the `/` line. `hook:` takes an id or a hook's name (`hook:erp`: an exact name or
    /// a prefix only one hook's name starts with). A word before a colon that is no filter is
    /// text: log messages are full of them (`KeyError: 'sender'`).
    public static func parse(_ line: String, hookNames: [Int: String] = [:]) throws(ParseError) -> HookLogFilter {
        var filter = HookLogFilter()
        var words: [String] = []
        func ids(_ values: [String], _ what: String) throws(ParseError) -> [Int] {
            var out: [Int] = []
            for value in values {
                guard let id = Int(value.hasPrefix("#") ? String(value.dropFirst()) : value), id > 0 else {
                    throw ParseError(description: "\"\(value)\" is not \(what) id (try \(what):123)")
                }
                out.append(id)
            }
            return out
        }
        func hooks(_ values: [String]) throws(ParseError) -> [Int] {
            var out: [Int] = []
            for value in values {
                if let id = Int(value.hasPrefix("#") ? String(value.dropFirst()) : value), id > 0 {
                    out.append(id)
                    continue
                }
                let wanted = value.lowercased()
                let exact = hookNames.filter { $0.value.lowercased() == wanted }
                let prefixed = hookNames.filter { $0.value.lowercased().hasPrefix(wanted) }
                let found = exact.isEmpty ? prefixed : exact
                guard found.count == 1, let id = found.first?.key else {
                    let named = (found.isEmpty ? hookNames : found).sorted { $0.key < $1.key }.prefix(6)
                        .map { "\($0.value) (\($0.key))" }.joined(separator: ", ")
                    throw ParseError(description: found.isEmpty ? "no hook is named \"\(value)\"" + (named.isEmpty ? "" : "; hooks: \(named)")
                                     : "\"\(value)\" names several hooks: \(named)")
                }
                out.append(id)
            }
            return out
        }
        func choices(_ values: [String], _ allowed: [String], _ key: String) throws(ParseError) -> [String] {
            var out: [String] = []
            for value in values {
                guard let match = allowed.first(where: { $0.lowercased() == value.lowercased() }) else {
                    throw ParseError(description: "unknown \(key) \"\(value)\" (one of \(allowed.map { $0.lowercased() }.joined(separator: ", ")))")
                }
                out.append(match)
            }
            return out
        }
        let keys: Set<String> = ["hook", "queue", "annotation", "ann", "id", "status", "level", "code"]
        for token in FilterLine.tokens(line) {
            guard case .keyed(let key, let values, _) = token, keys.contains(key) else {
                switch token {
                case .word(let word): words.append(word)
                case .keyed(_, _, let typed): words.append(typed)
                }
                continue
            }
            guard !values.isEmpty else { throw ParseError(description: "\(key): needs a value (e.g. \(key):\(key == "status" ? "failed" : key == "level" ? "error" : "123"))") }
            switch key {
            case "hook": filter.hooks += try hooks(values)
            case "queue": filter.queues += try ids(values, "queue")
            case "status": filter.statuses += try choices(values, statusNames, "status")
            case "level": filter.levels += try choices(values, levelNames, "level")
            case "code":
                for value in values {
                    guard let code = Int(value), (100...599).contains(code) else {
                        throw ParseError(description: "\"\(value)\" is not an HTTP status code (try code:500)")
                    }
                    filter.codes.append(code)
                }
            default: filter.annotations += try ids(values, "annotation")
            }
        }
        filter.text = words.joined(separator: " ")
        return filter
    }

    /// The filter written back as it would be typed.
    public var description: String {
        var parts: [String] = []
        func add(_ key: String, _ values: [String]) { if !values.isEmpty { parts.append(key + ":" + values.joined(separator: ",")) } }
        add("hook", hooks.map(String.init))
        add("queue", queues.map(String.init))
        add("annotation", annotations.map(String.init))
        add("status", statuses)
        add("level", levels.map { $0.lowercased() })
        add("code", codes.map(String.init))
        if !text.isEmpty { parts.append(text) }
        return parts.joined(separator: " ")
    }

    /// The API's query for this filter.
    var query: QueryItems {
        var items = QueryItems()
        func add(_ name: String, _ values: [String]) { if !values.isEmpty { items.append(name, QueryValue(values.joined(separator: ","))) } }
        add("hook", hooks.map(String.init))
        add("queue", queues.map(String.init))
        add("annotation", annotations.map(String.init))
        add("status", statuses)
        add("log_level", levels)
        add("status_code", codes.map(String.init))
        if !text.isEmpty { items.append("search", QueryValue(text)) }
        return items
    }
}
