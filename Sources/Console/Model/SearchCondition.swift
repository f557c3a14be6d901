/// A condition of `annotations/search` typed on the `/` line or after `:find`:
/// `field.invoice_id:12345`, `field.sender_name:"ACME corp"`, `file:scan_*`. A value that ends
/// in `*` matches by prefix (the API's `$startsWith`, which wants two characters at least);
/// any other value matches exactly.
public struct SearchCondition: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// An extracted value, by the schema id of its datapoint.
        case field(String)
        case fileName
    }

    public var target: Target
    public var value: String
    public var prefix: Bool

    public init(target: Target, value: String, prefix: Bool = false) {
        self.target = target
        self.value = value
        self.prefix = prefix
    }

    /// The key the search API filters on.
    public var apiKey: String {
        switch target {
        case .field(let schemaID): return "field.\(schemaID).string"
        case .fileName: return "original_file_name"
        }
    }

    public var apiOperator: String { prefix ? "$startsWith" : "$eq" }

    /// The key as typed on the line.
    public var key: String {
        switch target {
        case .field(let schemaID): return "field.\(schemaID)"
        case .fileName: return "file"
        }
    }

    /// Written back as the person would type it.
    public var description: String {
        let text = value + (prefix ? "*" : "")
        return key + ":" + (text.contains(" ") ? "\"\(text)\"" : text)
    }

    /// Whether a row already loaded can be said to match; a field the row does not carry
    /// cannot be checked here and is left to the server.
    func matches(_ row: AnnotationRow) -> Bool {
        let actual: String?
        switch target {
        case .field(let schemaID): actual = row.fields[schemaID]
        case .fileName: actual = row.fileName
        }
        guard let actual else { return true }
        return prefix ? actual.hasPrefix(value) : actual == value
    }

    /// The target a `key:` names, if it names one: `file`, or `field.` and a schema id.
    static func target(forKey key: String) -> Target? {
        if key == "file" { return .fileName }
        guard key.hasPrefix("field.") else { return nil }
        let schemaID = String(key.dropFirst("field.".count))
        guard !schemaID.isEmpty, schemaID.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        return .field(schemaID)
    }

    /// The condition for `key:value`; the value is everything after the colon, commas and all
    /// (an amount's `1,234.50` is one value).
    static func parse(target: Target, key: String, value: String) throws(AnnotationFilter.ParseError) -> SearchCondition {
        guard !value.isEmpty else { throw .emptyValue(key) }
        guard value.hasSuffix("*") else { return SearchCondition(target: target, value: value) }
        let stem = String(value.dropLast())
        guard stem.count >= 2 else { throw .shortPrefix(key) }
        return SearchCondition(target: target, value: stem, prefix: true)
    }
}
