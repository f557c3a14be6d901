import Foundation

/// What the emails' `/` line asks the API for: `from:ADDRESS`, `subject:"exact subject"`,
/// `queue:ID`, `docs:no` (emails that brought no document), `type:incoming|outgoing`. The API
/// has no free-text search over emails, so a bare word is an error that says what to type.
public struct EmailFilter: Sendable, Hashable {
    public var from: String?
    public var subject: String?
    public var queueID: Int?
    public var hasDocuments: Bool?
    public var type: String?

    public init() {}

    public var isEmpty: Bool { self == EmailFilter() }

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    public static let hint = "whole values, as the API matches: from:ADDRESS  subject:\"TEXT\"  queue:ID  docs:no  type:outgoing"

    public static func parse(_ line: String) throws(ParseError) -> EmailFilter {
        var filter = EmailFilter()
        if FilterLine.hasUnclosedQuote(line) { throw ParseError(description: "a \" is not closed: quote a subject as subject:\"like this\"") }
        for token in FilterLine.tokens(line) {
            guard case .keyed(let key, let values, _) = token else {
                if case .word(let word) = token {
                    throw ParseError(description: "emails are found by their fields, not by words (\"\(word)\"): \(hint)")
                }
                continue
            }
            let value = values.joined(separator: ",")
            guard !value.isEmpty else { throw ParseError(description: "\(key): needs a value (\(hint))") }
            switch key {
            case "from": filter.from = value
            case "subject": filter.subject = value
            case "queue":
                guard let id = Int(value), id > 0 else { throw ParseError(description: "\"\(value)\" is not a queue id (try queue:12)") }
                filter.queueID = id
            case "docs", "documents":
                switch value.lowercased() {
                case "yes", "true": filter.hasDocuments = true
                case "no", "false", "none": filter.hasDocuments = false
                default: throw ParseError(description: "docs: is yes or no, not \"\(value)\"")
                }
            case "type":
                guard ["incoming", "outgoing"].contains(value.lowercased()) else {
                    throw ParseError(description: "type: is incoming or outgoing, not \"\(value)\"")
                }
                filter.type = value.lowercased()
            default:
                throw ParseError(description: "unknown filter \"\(key):\" (\(hint))")
            }
        }
        return filter
    }

    /// The filter written back as it would be typed.
    public var description: String {
        var parts: [String] = []
        if let from { parts.append("from:" + from) }
        if let subject { parts.append("subject:" + (subject.contains(" ") ? "\"\(subject)\"" : subject)) }
        if let queueID { parts.append("queue:\(queueID)") }
        if let hasDocuments { parts.append("docs:" + (hasDocuments ? "yes" : "no")) }
        if let type { parts.append("type:" + type) }
        return parts.joined(separator: " ")
    }

    /// The list filters of `GET emails`.
    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let from { items.append(("from__email", from)) }
        if let subject { items.append(("subject", subject)) }
        if let queueID { items.append(("queue", String(queueID))) }
        if let hasDocuments { items.append(("has_documents", hasDocuments ? "true" : "false")) }
        if let type { items.append(("type", type)) }
        return items
    }
}
