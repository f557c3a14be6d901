/// The small subset of aggregation expressions the pipeline stages evaluate:
/// `"$field.path"` references, literals, nested objects and arrays, and a few operators.
enum AggregationExpression {
    /// The value of `expression` for `document`; nil means "missing".
    static func evaluate(_ expression: DocumentValue, in document: Document) throws(QueryError) -> DocumentValue? {
        switch expression {
        case .string(let text) where text.hasPrefix("$$"):
            if text == "$$ROOT" || text == "$$CURRENT" { return .object(document) }
            throw QueryError("unsupported variable: \(text)")
        case .string(let text) where text.hasPrefix("$"):
            let path = FieldPath(String(text.dropFirst()))
            let values = path.values(in: document)
            if values.isEmpty { return nil }
            if values.count == 1, !traversesArray(path, in: document) { return values[0] }
            return .array(values)
        case .array(let items):
            var results: [DocumentValue] = []
            for item in items { results.append(try evaluate(item, in: document) ?? .null) }
            return .array(results)
        case .object(let object):
            if object.fields.count == 1, let op = object.fields.first, op.key.hasPrefix("$") {
                return try apply(op.key, op.value, in: document)
            }
            var result = Document()
            for (key, value) in object.fields {
                if let evaluated = try evaluate(value, in: document) { result[key] = evaluated }
            }
            return .object(result)
        default:
            return expression
        }
    }

    private static func traversesArray(_ path: FieldPath, in document: Document) -> Bool {
        var current: DocumentValue = .object(document)
        for component in path.components.dropLast() {
            guard case .object(let object) = current, let next = object[component] else { return false }
            if case .array = next { return true }
            current = next
        }
        return false
    }

    private static func arguments(_ operand: DocumentValue, in document: Document) throws(QueryError) -> [DocumentValue?] {
        if case .array(let items) = operand {
            var results: [DocumentValue?] = []
            for item in items { results.append(try evaluate(item, in: document)) }
            return results
        }
        return [try evaluate(operand, in: document)]
    }

    private static func apply(_ op: String, _ operand: DocumentValue, in document: Document) throws(QueryError) -> DocumentValue? {
        switch op {
        case "$literal":
            return operand
        case "$concat":
            var text = ""
            for argument in try arguments(operand, in: document) {
                guard case .string(let part)? = argument else { return .null }
                text += part
            }
            return .string(text)
        case "$toUpper", "$toLower":
            guard let argument = try arguments(operand, in: document).first else { return .string("") }
            let text: String
            switch argument {
            case .string(let s)?: text = s
            case nil, .null?: text = ""
            case let other?: text = DocumentJSONWriter.string(other)
            }
            return .string(op == "$toUpper" ? text.uppercased() : text.lowercased())
        case "$add", "$multiply":
            var integer: Int64 = op == "$add" ? 0 : 1
            var double: Double = op == "$add" ? 0 : 1
            var isDouble = false
            for argument in try arguments(operand, in: document) {
                switch argument {
                case .int(let i)?:
                    let (value, overflow) = op == "$add" ? integer.addingReportingOverflow(i) : integer.multipliedReportingOverflow(by: i)
                    if overflow { isDouble = true }
                    integer = value
                    double = op == "$add" ? double + Double(i) : double * Double(i)
                case .double(let d)?:
                    isDouble = true
                    double = op == "$add" ? double + d : double * d
                case nil, .null?: return .null
                default: throw QueryError("\(op) only supports numeric types")
                }
            }
            return isDouble ? .double(double) : .int(integer)
        case "$ifNull":
            for argument in try arguments(operand, in: document) {
                if let value = argument, !isNull(value) { return value }
            }
            return .null
        case "$size":
            guard case .array(let items)? = try arguments(operand, in: document).first else {
                throw QueryError("the argument to $size must be an array")
            }
            return .int(Int64(items.count))
        default:
            throw QueryError("unsupported expression operator: \(op)")
        }
    }

    private static func isNull(_ value: DocumentValue) -> Bool {
        if case .null = value { return true }
        return false
    }
}
