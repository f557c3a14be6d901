/// A MongoDB sort (`{"amount": -1, "_id": 1}`) with its type ordering, and how arrays sort:
/// by their smallest element ascending, by their largest descending.
struct SortSpecification: Sendable {
    struct Key: Sendable {
        let path: FieldPath
        let ascending: Bool
    }

    let keys: [Key]

    static func compile(_ spec: Document?) throws(QueryError) -> SortSpecification? {
        guard let spec, !spec.isEmpty else { return nil }
        var keys: [Key] = []
        for (field, direction) in spec.fields {
            guard let value = direction.doubleValue, value == 1 || value == -1 else {
                throw QueryError("sort direction for \(field) must be 1 or -1")
            }
            keys.append(Key(path: FieldPath(field), ascending: value == 1))
        }
        return SortSpecification(keys: keys)
    }

    /// Direction when the sort is decided by `_id` alone (later keys cannot matter, `_id` is unique).
    var idOnlyDirection: Bool? {
        guard let first = keys.first, first.path.text == "_id" else { return nil }
        return first.ascending
    }

    func sortKey(for key: Key, in document: Document) -> DocumentValue {
        let values = key.path.values(in: document)
        var candidates: [DocumentValue] = []
        for value in values {
            if case .array(let items) = value {
                candidates.append(contentsOf: items.isEmpty ? [.null] : items)
            } else {
                candidates.append(value)
            }
        }
        guard var best = candidates.first else { return .null }
        for candidate in candidates.dropFirst() {
            let order = DocumentValue.compare(candidate, best)
            if key.ascending ? order < 0 : order > 0 { best = candidate }
        }
        return best
    }

    /// Sorts documents stably by all keys.
    func sorted(_ documents: [Document]) -> [Document] {
        let keyed = documents.map { document in (document, keys.map { sortKey(for: $0, in: document) }) }
        let ordered = keyed.enumerated().sorted { lhs, rhs in
            for (index, key) in keys.enumerated() {
                let order = DocumentValue.compare(lhs.element.1[index], rhs.element.1[index])
                if order != 0 { return key.ascending ? order < 0 : order > 0 }
            }
            return lhs.offset < rhs.offset
        }
        return ordered.map { $0.element.0 }
    }
}
