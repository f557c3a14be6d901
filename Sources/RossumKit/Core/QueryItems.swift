/// Query parameters in the order they were given (filters, ordering, paging).
///
/// Values are written with literals: `["status": ["to_review", "postponed"], "queue": 12, "automated": true]`.
/// Arrays are joined with commas, as the Rossum API expects for multi-value filters.
public struct QueryItems: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    public private(set) var items: [(name: String, value: String)] = []

    public init() {}

    public init(_ items: [(String, String)]) {
        self.items = items.map { (name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, QueryValue)...) {
        for (name, value) in elements { append(name, value) }
    }

    public mutating func append(_ name: String, _ value: QueryValue) {
        items.append((name, value.text))
    }

    /// Replaces every existing value of `name` with `value`.
    public mutating func set(_ name: String, _ value: QueryValue) {
        items.removeAll { $0.name == name }
        items.append((name, value.text))
    }

    public func value(of name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    public func appending(_ other: QueryItems) -> QueryItems {
        var copy = self
        copy.items.append(contentsOf: other.items)
        return copy
    }

    public var isEmpty: Bool { items.isEmpty }

    /// `a=1&b=x%20y`, percent-encoded for a query string.
    public var encoded: String {
        items.map { "\(URLText.percentEncodeQuery($0.name))=\(URLText.percentEncodeQuery($0.value))" }
            .joined(separator: "&")
    }

    public static func == (lhs: QueryItems, rhs: QueryItems) -> Bool {
        lhs.items.elementsEqual(rhs.items) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for item in items {
            hasher.combine(item.name)
            hasher.combine(item.value)
        }
    }
}

/// One query parameter value; see `QueryItems`.
public struct QueryValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
    public let text: String

    public init(_ text: String) { self.text = text }
    public init(_ number: Int) { self.text = String(number) }
    public init(_ flag: Bool) { self.text = flag ? "true" : "false" }
    public init(_ values: [String]) { self.text = values.joined(separator: ",") }
    public init(stringLiteral value: String) { self.init(value) }
    public init(integerLiteral value: Int) { self.init(value) }
    public init(booleanLiteral value: Bool) { self.init(value) }
    public init(arrayLiteral elements: String...) { self.init(elements) }
}
