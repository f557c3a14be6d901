/// The `$group` stage with the accumulators `$sum`, `$avg`, `$min`, `$max`, `$first`, `$last`,
/// `$push`, `$addToSet` and `$count`.
struct AggregationGroup {
    private let key: DocumentValue
    private let accumulators: [(field: String, op: String, expression: DocumentValue)]

    init(_ spec: Document) throws(QueryError) {
        guard let key = spec["_id"] else { throw QueryError("$group needs an _id") }
        self.key = key
        var accumulators: [(String, String, DocumentValue)] = []
        for (field, value) in spec.fields where field != "_id" {
            guard case .object(let accumulator) = value, accumulator.fields.count == 1, let entry = accumulator.fields.first else {
                throw QueryError("$group field \(field) must be an accumulator object")
            }
            let known = ["$sum", "$avg", "$min", "$max", "$first", "$last", "$push", "$addToSet", "$count"]
            guard known.contains(entry.key) else { throw QueryError("unsupported accumulator: \(entry.key)") }
            accumulators.append((field, entry.key, entry.value))
        }
        self.accumulators = accumulators
    }

    func run(_ documents: [Document]) throws(QueryError) -> [Document] {
        var order: [String] = []
        var groups: [String: (key: DocumentValue, members: [Document])] = [:]
        for document in documents {
            let value = try AggregationExpression.evaluate(key, in: document) ?? .null
            let identity = DocumentJSONWriter.string(value)
            if groups[identity] == nil {
                order.append(identity)
                groups[identity] = (value, [])
            }
            groups[identity]!.members.append(document)
        }
        var results: [Document] = []
        for identity in order {
            guard let group = groups[identity] else { continue }
            var result = Document([("_id", group.key)])
            for (field, op, expression) in accumulators {
                result[field] = try accumulate(op, expression, over: group.members)
            }
            results.append(result)
        }
        return results
    }

    private func accumulate(_ op: String, _ expression: DocumentValue, over members: [Document]) throws(QueryError) -> DocumentValue {
        var values: [DocumentValue?] = []
        if op != "$count" {
            for member in members { values.append(try AggregationExpression.evaluate(expression, in: member)) }
        }
        switch op {
        case "$count":
            return .int(Int64(members.count))
        case "$sum", "$avg":
            var integer: Int64 = 0, double = 0.0, isDouble = false, count = 0
            for case let value? in values {
                switch value {
                case .int(let i):
                    let (sum, overflow) = integer.addingReportingOverflow(i)
                    if overflow { isDouble = true } else { integer = sum }
                    double += Double(i)
                    count += 1
                case .double(let d):
                    isDouble = true
                    double += d
                    count += 1
                default:
                    continue  // Non-numeric values are ignored, as in MongoDB.
                }
            }
            if op == "$avg" { return count == 0 ? .null : .double(double / Double(count)) }
            return isDouble ? .double(double) : .int(integer)
        case "$min", "$max":
            var best: DocumentValue?
            for case let value? in values {
                if case .null = value { continue }
                guard let current = best else { best = value; continue }
                let order = DocumentValue.compare(value, current)
                if op == "$min" ? order < 0 : order > 0 { best = value }
            }
            return best ?? .null
        case "$first":
            return values.first.flatMap { $0 } ?? .null
        case "$last":
            return values.last.flatMap { $0 } ?? .null
        case "$push":
            return .array(values.compactMap { $0 })
        default:  // $addToSet
            var seen = Set<String>()
            var unique: [DocumentValue] = []
            for case let value? in values where seen.insert(DocumentJSONWriter.string(value)).inserted {
                unique.append(value)
            }
            return .array(unique)
        }
    }
}
