/// A compiled `data/find` request.
struct FindQuery: Sendable {
    var filter: QueryFilter = .all
    var projection: Projection?
    var sort: SortSpecification?
    var skip: Int = 0
    /// 0 means no limit, as in MongoDB.
    var limit: Int = 0

    init(filter: QueryFilter = .all, projection: Projection? = nil, sort: SortSpecification? = nil, skip: Int = 0, limit: Int = 0) {
        self.filter = filter
        self.projection = projection
        self.sort = sort
        self.skip = skip
        self.limit = limit
    }

    /// Compiles the JSON parts of a request body; its `$regex` patterns draw on `budget`.
    init(
        query: DocumentValue?, projection: DocumentValue?, sort: DocumentValue?, skip: DocumentValue?, limit: DocumentValue?,
        budget: RegexBudget = RegexBudget()
    ) throws(QueryError) {
        func object(_ value: DocumentValue?, _ name: String) throws(QueryError) -> Document? {
            switch value {
            case nil, .null?: return nil
            case .object(let document)?: return document
            default: throw QueryError("\(name) must be an object")
            }
        }
        func count(_ value: DocumentValue?, _ name: String) throws(QueryError) -> Int {
            switch value {
            case nil, .null?: return 0
            case .some(let v):
                guard let number = v.count else {
                    throw QueryError("\(name) must be a whole number from 0 to \(DocumentValue.maximumCount)")
                }
                return number
            }
        }
        self.filter = try QueryFilter(try object(query, "query") ?? Document(), budget: budget)
        self.projection = try Projection.compile(try object(projection, "projection"))
        self.sort = try SortSpecification.compile(try object(sort, "sort"))
        self.skip = try count(skip, "skip")
        self.limit = try count(limit, "limit")
    }
}

/// Splits a filter into the part SQLite answers from the primary key (conditions on `_id`)
/// and the rest, which has to look inside records.
enum FindPlanner {
    static func split(_ filter: QueryFilter) -> (range: RowIDRange, residual: QueryFilter) {
        var range = RowIDRange.all
        let parts: [QueryFilter]
        switch filter {
        case .and(let items): parts = items
        case .all: return (range, .all)
        default: parts = [filter]
        }
        var residual: [QueryFilter] = []
        for part in parts {
            if case .field(let path, let condition) = part, path.text == "_id", narrow(&range, by: condition) {
                continue
            }
            residual.append(part)
        }
        switch residual.count {
        case 0: return (range, .all)
        case 1: return (range, residual[0])
        default: return (range, .and(residual))
        }
    }

    /// Narrows `range` when `condition` is fully expressible as a row id range.
    private static func narrow(_ range: inout RowIDRange, by condition: FieldCondition) -> Bool {
        switch condition {
        case .allOf(let conditions):
            guard conditions.allSatisfy(isRangeCondition) else { return false }
            for item in conditions { _ = narrow(&range, by: item) }
            return true
        case .equals(.objectId(let hex)):
            let (row, exact) = ObjectIdCodec.position(of: hex)
            if exact {
                range.lower = max(range.lower, row)
                range.upper = min(range.upper, row)
            } else {
                range = RowIDRange(lower: 1, upper: 0)
            }
            return true
        case .compare(let op, .objectId(let hex)):
            let (row, exact) = ObjectIdCodec.position(of: hex)
            switch op {
            case .gte: range.lower = max(range.lower, row)
            case .gt: range.lower = max(range.lower, exact && row < Int64.max ? row + 1 : row)
            case .lt: range.upper = min(range.upper, row == 0 ? -1 : row - 1)
            case .lte: range.upper = min(range.upper, exact ? row : (row == 0 ? -1 : row - 1))
            }
            return true
        default:
            return false
        }
    }

    /// Texts a stored body must contain for the residual filter to match, as groups of
    /// alternatives: `{"name": "ACME"}` needs `"ACME"` (quoted, escaped as stored) somewhere in
    /// the body. SQLite checks these with `instr` before a record is parsed, so a selective
    /// string match does not parse the whole collection. A prefilter only: false hits are
    /// filtered out by the real matcher afterwards.
    /// Bounds of the prefilter: SQLite refuses an expression nested past 1,000 levels, which a
    /// long `$in` list (ORs) or a filter of many fields (ANDs) reached, failing the request.
    /// Beyond them conditions are simply not prefiltered; the matcher still checks them.
    static let maximumPrefilterGroups = 8
    static let maximumPrefilterAlternatives = 64

    static func requiredTexts(_ residual: QueryFilter) -> [[String]] {
        let parts: [QueryFilter]
        switch residual {
        case .and(let items): parts = items
        case .field: parts = [residual]
        default: return []
        }
        var groups: [[String]] = []
        func add(_ condition: FieldCondition) {
            guard groups.count < maximumPrefilterGroups else { return }
            switch condition {
            case .equals(.string(let text)):
                groups.append([DocumentJSONWriter.string(.string(text))])
            case .inList(let values) where !values.isEmpty && values.count <= maximumPrefilterAlternatives:
                let texts = values.compactMap { $0.stringValue }
                if texts.count == values.count { groups.append(texts.map { DocumentJSONWriter.string(.string($0)) }) }
            case .allOf(let conditions):
                conditions.forEach(add)
            default:
                break
            }
        }
        for part in parts {
            if case .field(_, let condition) = part { add(condition) }
        }
        return groups
    }

    private static func isRangeCondition(_ condition: FieldCondition) -> Bool {
        switch condition {
        case .equals(.objectId), .compare(_, .objectId): return true
        default: return false
        }
    }
}
