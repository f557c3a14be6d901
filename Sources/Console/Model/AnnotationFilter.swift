/// What the `/` line of the annotation list asks for: `status:to_review`, `id:123`,
/// `status:to_review,postponed`, conditions on a field or the file name (`field.invoice_id:123`,
/// `file:scan*`, see `SearchCondition`), and free text (file name, extracted values), combined
/// with AND.
public struct AnnotationFilter: Sendable, Hashable {
    public var statuses: [String]
    public var ids: [Int]
    public var conditions: [SearchCondition]
    public var text: String

    public init(statuses: [String] = [], ids: [Int] = [], conditions: [SearchCondition] = [], text: String = "") {
        self.statuses = statuses
        self.ids = ids
        self.conditions = conditions
        self.text = text
    }

    public static let none = AnnotationFilter()

    /// What the search API takes as free text.
    public static let maximumTextLength = 1_000
    public static let maximumWords = 20

    public var isEmpty: Bool { statuses.isEmpty && ids.isEmpty && conditions.isEmpty && text.isEmpty }

    /// Free text and field conditions need the search endpoint; the rest the plain list.
    public var needsSearch: Bool { !text.isEmpty || !conditions.isEmpty }

    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case unknownStatus(String)
        case badID(String)
        case unknownKey(String)
        case emptyValue(String)
        case shortPrefix(String)
        case badField(String)
        case unclosedQuote
        case textTooLong

        public var description: String {
            switch self {
            case .unknownStatus(let s): return "unknown status \"\(s)\" (try status:to_review, status:postponed, status:failed_export)"
            case .badID(let s): return "\"\(s)\" is not an annotation id (try id:123)"
            case .unknownKey(let k): return "unknown filter \"\(k):\" (use status:, id:, field.ID:, file:, plain text, or \"quotes\" for text with a colon)"
            case .emptyValue(let k): return "\(k): needs a value (e.g. \(Self.example(k)))"
            case .badField(let k): return "\"\(k):\" names no field: field. takes a schema id (e.g. field.document_id:INV-7)"
            case .unclosedQuote: return "a \" is not closed: quote text as \"like this\""
            case .shortPrefix(let k): return "\(k): a prefix needs 2 characters before the * (e.g. \(k):AB*)"
            case .textTooLong: return "the text is too long to search: at most \(AnnotationFilter.maximumWords) words and \(AnnotationFilter.maximumTextLength) characters"
            }
        }

        static func example(_ key: String) -> String {
            switch key {
            case "id": return "id:123"
            case "status", "s": return "status:to_review"
            case "file": return "file:scan_*"
            default: return "\(key):12345"
            }
        }
    }

    /// Parses the filter line. Words without a known `key:` are free text.
    public static func parse(_ line: String) throws(ParseError) -> AnnotationFilter {
        var filter = AnnotationFilter()
        var words: [String] = []
        if FilterLine.hasUnclosedQuote(line) { throw .unclosedQuote }
        for token in FilterLine.tokens(line) {
            guard case .keyed(let key, let values, let typed) = token else {
                if case .word(let word) = token { words.append(word) }
                continue
            }
            if ["status", "s", "id"].contains(key) && values.isEmpty { throw .emptyValue(key) }
            if key.hasPrefix("field."), SearchCondition.target(forKey: key) == nil { throw .badField(key) }
            if let target = SearchCondition.target(forKey: key) {
                let condition = try SearchCondition.parse(target: target, key: key, value: values.joined(separator: ","))
                if !filter.conditions.contains(condition) { filter.conditions.append(condition) }
                continue
            }
            switch key {
            case "status", "s":
                for value in values {
                    guard let status = StatusCatalog.parse(value) else { throw .unknownStatus(value) }
                    if !filter.statuses.contains(status) { filter.statuses.append(status) }
                }
            case "id":
                for value in values {
                    guard let id = Int(value.hasPrefix("#") ? String(value.dropFirst()) : value), id > 0 else { throw .badID(value) }
                    if !filter.ids.contains(id) { filter.ids.append(id) }
                }
            default:
                if FilterLine.isMistypedKey(key, token: typed) { throw .unknownKey(key) }
                words.append(typed)
            }
        }
        filter.text = words.joined(separator: " ")
        // Free text is searched word by word; the API takes so much and no more.
        if filter.text.count > maximumTextLength || words.count > maximumWords { throw .textTooLong }
        return filter
    }

    /// The filter written back as the user would type it.
    public var description: String {
        var parts: [String] = []
        if !statuses.isEmpty { parts.append("status:" + statuses.joined(separator: ",")) }
        if !ids.isEmpty { parts.append("id:" + ids.map(String.init).joined(separator: ",")) }
        parts += conditions.map(\.description)
        if !text.isEmpty { parts.append(text) }
        return parts.joined(separator: " ")
    }

    /// Whether a row already loaded matches (used to drop rows that left the filter after an action).
    public func matches(_ row: AnnotationRow) -> Bool {
        if !statuses.isEmpty && !statuses.contains(row.status) { return false }
        if !ids.isEmpty && !ids.contains(row.id) { return false }
        if !conditions.allSatisfy({ $0.matches(row) }) { return false }
        if !text.isEmpty {
            let needle = text.lowercased()
            let haystack = ([row.fileName, String(row.id), row.modifier ?? ""] + row.fields.values).joined(separator: " ").lowercased()
            if !needle.split(separator: " ").allSatisfy({ haystack.contains($0) }) { return false }
        }
        return true
    }
}
