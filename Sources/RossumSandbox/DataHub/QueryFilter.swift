/// A compiled MongoDB-style query filter (`{"name": "ACME", "amount": {"$gt": 10}}`).
indirect enum QueryFilter: Sendable {
    case all
    case and([QueryFilter])
    case or([QueryFilter])
    case nor([QueryFilter])
    case field(FieldPath, FieldCondition)

    /// Compiles a query document; throws `QueryError` for unknown operators or malformed operands.
    /// Every `$regex` in it draws on `budget`: pass the request's one, so all its filters share it.
    init(_ query: Document, budget: RegexBudget = RegexBudget()) throws(QueryError) {
        var clauses: [QueryFilter] = []
        for (key, value) in query.fields {
            switch key {
            case "$and", "$or", "$nor":
                guard case .array(let items) = value, !items.isEmpty else {
                    throw QueryError("\(key) must be a nonempty array")
                }
                var parts: [QueryFilter] = []
                for item in items {
                    guard case .object(let sub) = item else { throw QueryError("\(key) entries must be objects") }
                    parts.append(try QueryFilter(sub, budget: budget))
                }
                clauses.append(key == "$and" ? .and(parts) : key == "$or" ? .or(parts) : .nor(parts))
            case "$comment":
                continue
            default:
                if key.hasPrefix("$") { throw QueryError("unknown top level operator: \(key)") }
                let path = FieldPath(key)
                clauses.append(.field(path, try FieldCondition(value, path: path, budget: budget)))
            }
        }
        switch clauses.count {
        case 0: self = .all
        case 1: self = clauses[0]
        default: self = .and(clauses)
        }
    }

    /// Throws only when a `$regex` has used up the request's budget.
    func matches(_ document: Document) throws(QueryError) -> Bool {
        switch self {
        case .all: return true
        case .and(let parts):
            for part in parts where try !part.matches(document) { return false }
            return true
        case .or(let parts):
            for part in parts where try part.matches(document) { return true }
            return false
        case .nor(let parts):
            for part in parts where try part.matches(document) { return false }
            return true
        case .field(let path, let condition): return try condition.matches(path.values(in: document))
        }
    }

    var isAll: Bool {
        if case .all = self { return true }
        return false
    }
}

/// The condition on one field: a value to equal, or operators such as `$gt`, `$in`, `$regex`.
indirect enum FieldCondition: Sendable {
    case equals(DocumentValue)
    case notEquals(DocumentValue)
    case compare(ComparisonOperator, DocumentValue)
    case inList([DocumentValue])
    case notInList([DocumentValue])
    case exists(Bool)
    case regex(RegexPattern)
    case size(Int)
    case all([DocumentValue])
    case elementMatch(QueryFilter)
    case not(FieldCondition)
    case allOf([FieldCondition])

    enum ComparisonOperator: String, Sendable {
        case gt = "$gt", gte = "$gte", lt = "$lt", lte = "$lte"
    }

    init(_ value: DocumentValue, path: FieldPath, budget: RegexBudget) throws(QueryError) {
        // `_id` given as a bare 24-hex string is taken as an ObjectId: clients often drop the `$oid` wrapper.
        func normalized(_ operand: DocumentValue) -> DocumentValue {
            if path.text == "_id", case .string(let s) = operand, ObjectIdCodec.isObjectIdHex(s) {
                return .objectId(s.lowercased())
            }
            return operand
        }
        guard case .object(let document) = value, let firstKey = document.fields.first?.key, firstKey.hasPrefix("$") else {
            self = .equals(normalized(value))
            return
        }
        var conditions: [FieldCondition] = []
        let options = document["$options"]?.stringValue ?? ""
        for (op, operand) in document.fields {
            switch op {
            case "$eq": conditions.append(.equals(normalized(operand)))
            case "$ne": conditions.append(.notEquals(normalized(operand)))
            case "$gt", "$gte", "$lt", "$lte":
                conditions.append(.compare(ComparisonOperator(rawValue: op)!, normalized(operand)))
            case "$in", "$nin":
                guard case .array(let items) = operand else { throw QueryError("\(op) needs an array") }
                let list = items.map(normalized)
                conditions.append(op == "$in" ? .inList(list) : .notInList(list))
            case "$exists":
                conditions.append(.exists(operand.isTruthy))
            case "$regex":
                guard case .string(let pattern) = operand else { throw QueryError("$regex needs a string") }
                conditions.append(.regex(try RegexPattern(pattern, options: options, budget: budget)))
            case "$options":
                guard document["$regex"] != nil else { throw QueryError("$options needs a $regex") }
            case "$size":
                guard let size = operand.count else {
                    throw QueryError("$size needs a whole number from 0 to \(DocumentValue.maximumCount)")
                }
                conditions.append(.size(size))
            case "$all":
                guard case .array(let items) = operand else { throw QueryError("$all needs an array") }
                conditions.append(.all(items))
            case "$elemMatch":
                guard case .object(let sub) = operand else { throw QueryError("$elemMatch needs an object") }
                conditions.append(.elementMatch(try QueryFilter(sub, budget: budget)))
            case "$not":
                conditions.append(.not(try FieldCondition(operand, path: path, budget: budget)))
            default:
                throw QueryError("unknown operator: \(op)")
            }
        }
        self = conditions.count == 1 ? conditions[0] : .allOf(conditions)
    }

    /// `values` are what the field path reached (empty when the field is missing).
    func matches(_ values: [DocumentValue]) throws(QueryError) -> Bool {
        switch self {
        case .equals(let target):
            if case .null = target, values.isEmpty { return true }
            return Self.anyCandidate(values) { DocumentValue.equal($0, target) }
        case .notEquals(let target):
            return try !FieldCondition.equals(target).matches(values)
        case .compare(let op, let target):
            return Self.anyCandidate(values) { candidate in
                // Only values of the same type bracket compare, as in MongoDB.
                guard candidate.canonicalTypeRank == target.canonicalTypeRank else { return false }
                let order = DocumentValue.compare(candidate, target)
                switch op {
                case .gt: return order > 0
                case .gte: return order >= 0
                case .lt: return order < 0
                case .lte: return order <= 0
                }
            }
        case .inList(let targets):
            for target in targets where try FieldCondition.equals(target).matches(values) { return true }
            return false
        case .notInList(let targets):
            return try !FieldCondition.inList(targets).matches(values)
        case .exists(let shouldExist):
            return values.isEmpty != shouldExist
        case .regex(let pattern):
            for value in values {
                if case .string(let text) = value, try pattern.matches(text) { return true }
                guard case .array(let items) = value else { continue }
                for case .string(let text) in items where try pattern.matches(text) { return true }
            }
            return false
        case .size(let size):
            return values.contains { if case .array(let items) = $0 { return items.count == size } else { return false } }
        case .all(let targets):
            guard !targets.isEmpty else { return false }
            for target in targets where try !FieldCondition.equals(target).matches(values) { return false }
            return true
        case .elementMatch(let filter):
            for case .array(let items) in values {
                for case .object(let sub) in items where try filter.matches(sub) { return true }
            }
            return false
        case .not(let condition):
            return try !condition.matches(values)
        case .allOf(let conditions):
            for condition in conditions where try !condition.matches(values) { return false }
            return true
        }
    }

    /// True when a reached value, or an element of a reached array, satisfies `test`.
    private static func anyCandidate(_ values: [DocumentValue], _ test: (DocumentValue) -> Bool) -> Bool {
        for value in values {
            if test(value) { return true }
            if case .array(let items) = value, items.contains(where: test) { return true }
        }
        return false
    }
}
