/// A MongoDB update document with `$set`, `$unset` and `$inc`.
struct UpdateSpecification: Sendable {
    enum Change: Sendable {
        case set(FieldPath, DocumentValue)
        case unset(FieldPath)
        case increment(FieldPath, DocumentValue)
    }

    let changes: [Change]

    init(_ update: DocumentValue) throws(QueryError) {
        guard case .object(let document) = update else {
            throw QueryError("update must be an object with update operators ($set, $unset, $inc)")
        }
        var changes: [Change] = []
        for (op, operand) in document.fields {
            guard case .object(let fields) = operand else { throw QueryError("\(op) needs an object") }
            for (path, value) in fields.fields {
                if path == "_id" || path.hasPrefix("_id.") { throw QueryError("the field _id cannot be modified") }
                switch op {
                case "$set": changes.append(.set(FieldPath(path), value))
                case "$unset": changes.append(.unset(FieldPath(path)))
                case "$inc":
                    guard value.isNumber else { throw QueryError("$inc needs numbers") }
                    changes.append(.increment(FieldPath(path), value))
                default:
                    throw QueryError(op.hasPrefix("$") ? "unsupported update operator: \(op)"
                        : "update document requires atomic operators ($set, $unset, $inc)")
                }
            }
        }
        if changes.isEmpty { throw QueryError("update document must not be empty") }
        self.changes = changes
    }

    /// Applies the changes; throws when a path runs through a non-object or `$inc` meets a non-number.
    func apply(to document: Document) throws(QueryError) -> Document {
        var result = document
        for change in changes {
            switch change {
            case .set(let path, let value):
                guard result.set(value, at: path) else { throw QueryError("cannot set \(path.text): a parent is not an object") }
            case .unset(let path):
                result.remove(at: path)
            case .increment(let path, let amount):
                let current = path.values(in: result).first ?? .int(0)
                let sum: DocumentValue
                switch (current, amount) {
                case (.int(let a), .int(let b)):
                    let (value, overflow) = a.addingReportingOverflow(b)
                    sum = overflow ? .double(Double(a) + Double(b)) : .int(value)
                default:
                    guard let a = current.doubleValue, let b = amount.doubleValue else {
                        throw QueryError("cannot $inc the non-numeric field \(path.text)")
                    }
                    sum = .double(a + b)
                }
                // JSON has no infinity: stored, it would silently become null.
                if case .double(let value) = sum, !value.isFinite {
                    throw QueryError("$inc of \(path.text) overflows the range of a double")
                }
                guard result.set(sum, at: path) else { throw QueryError("cannot set \(path.text): a parent is not an object") }
            }
        }
        return result
    }
}
