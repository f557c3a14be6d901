import Foundation

/// The `$search` stage (Atlas Search) as the MDH matching queries use it for fuzzy lookups:
/// `{"$search": {"index": "default", "text": {"query": "acme gmbh", "path": "name" | ["a", "b"] |
/// {"wildcard": "*"}, "fuzzy": {"maxEdits": 1, "prefixLength": 0}}}}`.
///
/// What the sandbox does, deterministically and without an index build: text is lowercased and
/// split into tokens of letters and digits (Atlas's standard analyzer, roughly). A query token
/// matches a record token when they are equal, or, with `fuzzy`, when the record token is within
/// `maxEdits` (1 or 2, default 2) insertions, deletions or substitutions and shares its first
/// `prefixLength` characters. A record matches when any query token matches a token of any
/// path (Atlas's `text` is an OR of terms). Results come best first: more query tokens matched,
/// then fewer edits, then the stored order, which stands in for Atlas's score.
struct TextSearch: Sendable {
    let indexName: String
    let terms: [String]
    let paths: [FieldPath]?  // nil: every string field (`{"wildcard": "*"}`)
    let maxEdits: Int
    let prefixLength: Int

    init(_ operand: DocumentValue) throws(QueryError) {
        guard case .object(let spec) = operand else { throw QueryError("$search must be an object") }
        indexName = try Self.string(spec["index"] ?? .string(SearchIndexes.defaultName), "$search.index")
        guard case .object(let text)? = spec["text"] else { throw QueryError("$search needs a text operator (the only one the sandbox knows)") }
        if let other = spec.keys.first(where: { !["index", "text", "returnStoredSource", "scoreDetails"].contains($0) }) {
            throw QueryError("unsupported $search option: \(other)")
        }
        switch text["query"] {
        case .string(let query)?: terms = Self.tokens(query)
        case .array(let items)?:
            var terms: [String] = []
            for item in items { terms += Self.tokens(try Self.string(item, "text.query")) }
            self.terms = terms
        default: throw QueryError("text.query must be a string or an array of strings")
        }
        switch text["path"] {
        case .string(let path)?: paths = [FieldPath(path)]
        case .array(let items)?:
            var paths: [FieldPath] = []
            for item in items { paths.append(FieldPath(try Self.string(item, "text.path"))) }
            self.paths = paths
        case .object(let wildcard)? where wildcard["wildcard"]?.stringValue == "*": paths = nil
        default: throw QueryError("text.path must be a field name, an array of them or {\"wildcard\": \"*\"}")
        }
        switch text["fuzzy"] {
        case nil:
            maxEdits = 0
            prefixLength = 0
        case .object(let fuzzy)?:
            maxEdits = fuzzy["maxEdits"].map { $0.count ?? -1 } ?? 2
            guard (1...2).contains(maxEdits) else { throw QueryError("fuzzy.maxEdits must be 1 or 2") }
            prefixLength = fuzzy["prefixLength"].map { $0.count ?? -1 } ?? 0
            guard prefixLength >= 0 else { throw QueryError("fuzzy.prefixLength must be a non-negative integer") }
        default: throw QueryError("text.fuzzy must be an object")
        }
    }

    /// The matching records, best first.
    func run(_ documents: [Document]) -> [Document] {
        var scored: [(matched: Int, edits: Int, order: Int, document: Document)] = []
        for (order, document) in documents.enumerated() {
            let tokens = Set(strings(in: document).flatMap(Self.tokens))
            var matched = 0, edits = 0
            for term in terms {
                guard let best = tokens.lazy.compactMap({ distance(term, $0) }).min() else { continue }
                matched += 1
                edits += best
            }
            if matched > 0 { scored.append((matched, edits, order, document)) }
        }
        scored.sort { ($1.matched, $0.edits, $0.order) < ($0.matched, $1.edits, $1.order) }
        return scored.map(\.document)
    }

    private func strings(in document: Document) -> [String] {
        var found: [String] = []
        func collect(_ value: DocumentValue) {
            switch value {
            case .string(let text): found.append(text)
            case .array(let items): items.forEach(collect)
            case .object(let nested) where paths == nil: nested.fields.forEach { collect($0.value) }
            default: break
            }
        }
        if let paths {
            for path in paths { path.values(in: document).forEach(collect) }
        } else {
            document.fields.filter { $0.key != "_id" }.forEach { collect($0.value) }
        }
        return found
    }

    /// The edits between a query term and a record token, or nil when they do not match.
    private func distance(_ term: String, _ token: String) -> Int? {
        if term == token { return 0 }
        guard maxEdits > 0, term.prefix(prefixLength) == token.prefix(prefixLength), abs(term.count - token.count) <= maxEdits else { return nil }
        let distance = Self.editDistance(Array(term), Array(token), limit: maxEdits)
        return distance <= maxEdits ? distance : nil
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) once every path exceeds `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            if current.min() ?? 0 > limit { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }

    static func tokens(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    private static func string(_ value: DocumentValue, _ name: String) throws(QueryError) -> String {
        guard case .string(let text) = value, !text.isEmpty else { throw QueryError("\(name) must be a non-empty string") }
        return text
    }
}
