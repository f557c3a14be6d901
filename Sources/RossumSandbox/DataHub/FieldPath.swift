/// A dotted field path (`address.city`, `items.0.sku`) resolved the way MongoDB does:
/// through arrays of sub-documents and by numeric index.
struct FieldPath: Sendable, Hashable {
    let components: [String]
    let text: String

    init(_ text: String) {
        self.text = text
        self.components = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// Every value the path reaches in `document`; empty when the field is missing.
    /// Arrays met on the way are traversed; an array at the end is returned whole.
    func values(in document: Document) -> [DocumentValue] {
        var results: [DocumentValue] = []
        Self.collect(components[...], from: .object(document), into: &results)
        return results
    }

    private static func collect(_ path: ArraySlice<String>, from value: DocumentValue, into results: inout [DocumentValue]) {
        guard let head = path.first else {
            results.append(value)
            return
        }
        let rest = path.dropFirst()
        switch value {
        case .object(let document):
            if let child = document[head] { collect(rest, from: child, into: &results) }
        case .array(let items):
            if let index = Int(head), index >= 0 {
                if index < items.count { collect(rest, from: items[index], into: &results) }
            } else {
                for item in items {
                    if case .object = item { collect(path, from: item, into: &results) }
                }
            }
        default:
            break
        }
    }

    /// The single value at this path without array traversal (used by `$group` and sorting keys).
    func firstValue(in document: Document) -> DocumentValue? {
        values(in: document).first
    }
}

extension Document {
    /// Sets a value at a dotted path, creating intermediate objects as needed.
    /// Returns false when the path runs through a non-object value.
    @discardableResult
    mutating func set(_ value: DocumentValue, at path: FieldPath) -> Bool {
        set(value, at: path.components[...])
    }

    private mutating func set(_ value: DocumentValue, at path: ArraySlice<String>) -> Bool {
        guard let head = path.first else { return false }
        let rest = path.dropFirst()
        if rest.isEmpty {
            self[head] = value
            return true
        }
        var child: Document
        switch self[head] {
        case nil, .null?: child = Document()
        case .object(let existing)?: child = existing
        default: return false
        }
        guard child.set(value, at: rest) else { return false }
        self[head] = .object(child)
        return true
    }

    /// Removes the value at a dotted path; true when something was removed.
    @discardableResult
    mutating func remove(at path: FieldPath) -> Bool {
        remove(at: path.components[...])
    }

    private mutating func remove(at path: ArraySlice<String>) -> Bool {
        guard let head = path.first else { return false }
        let rest = path.dropFirst()
        if rest.isEmpty {
            guard self[head] != nil else { return false }
            self[head] = nil
            return true
        }
        guard case .object(var child)? = self[head] else { return false }
        let removed = child.remove(at: rest)
        if removed { self[head] = .object(child) }
        return removed
    }
}
