/// A MongoDB projection: either inclusion (`{"name": 1}`, `_id` kept unless `{"_id": 0}`)
/// or exclusion (`{"secret": 0}`); dotted paths reach into sub-documents.
struct Projection: Sendable {
    enum Mode: Sendable { case include, exclude }

    let mode: Mode
    let paths: [FieldPath]
    let includesID: Bool

    /// Nil when the projection leaves documents as they are.
    static func compile(_ spec: Document?) throws(QueryError) -> Projection? {
        guard let spec, !spec.isEmpty else { return nil }
        var includes: [FieldPath] = [], excludes: [FieldPath] = []
        var includesID = true
        for (key, value) in spec.fields {
            if key.hasPrefix("$") { throw QueryError("unsupported projection operator: \(key)") }
            switch value {
            case .bool, .int, .double:
                break
            default:
                throw QueryError("projection values must be 0, 1, true or false (field \(key))")
            }
            if key == "_id" {
                includesID = value.isTruthy
                continue
            }
            if value.isTruthy { includes.append(FieldPath(key)) } else { excludes.append(FieldPath(key)) }
        }
        if !includes.isEmpty, !excludes.isEmpty {
            throw QueryError("cannot mix inclusion and exclusion in a projection")
        }
        if !includes.isEmpty { return Projection(mode: .include, paths: includes, includesID: includesID) }
        if spec["_id"]?.isTruthy == true, excludes.isEmpty {
            // `{"_id": 1}` alone keeps only `_id`.
            return Projection(mode: .include, paths: [], includesID: true)
        }
        return Projection(mode: .exclude, paths: excludes, includesID: includesID)
    }

    /// True when the projection only drops `_id` (the bulk-download case, served without decoding).
    var onlyRemovesID: Bool { mode == .exclude && paths.isEmpty && !includesID }

    /// True when the projection changes nothing.
    var isIdentity: Bool { mode == .exclude && paths.isEmpty && includesID }

    func apply(to document: Document) -> Document {
        switch mode {
        case .exclude:
            var result = document
            for path in paths { result.remove(at: path) }
            if !includesID { result["_id"] = nil }
            return result
        case .include:
            var result = Document()
            if includesID, let id = document["_id"] { result["_id"] = id }
            for field in document.fields where field.key != "_id" {
                let matching = paths.filter { $0.components[0] == field.key }
                guard !matching.isEmpty else { continue }
                if matching.contains(where: { $0.components.count == 1 }) {
                    result[field.key] = field.value
                } else if let projected = Self.include(matching.map { Array($0.components.dropFirst()) }, in: field.value) {
                    result[field.key] = projected
                }
            }
            return result
        }
    }

    /// Keeps the sub-paths of an included field; arrays keep the projected objects among their elements.
    private static func include(_ subpaths: [[String]], in value: DocumentValue) -> DocumentValue? {
        switch value {
        case .object(let document):
            var result = Document()
            for field in document.fields {
                let matching = subpaths.filter { $0[0] == field.key }
                guard !matching.isEmpty else { continue }
                if matching.contains(where: { $0.count == 1 }) {
                    result[field.key] = field.value
                } else if let projected = include(matching.map { Array($0.dropFirst()) }, in: field.value) {
                    result[field.key] = projected
                }
            }
            return .object(result)
        case .array(let items):
            return .array(items.compactMap { item in
                if case .object = item { return include(subpaths, in: item) }
                return nil
            })
        default:
            return nil
        }
    }
}
