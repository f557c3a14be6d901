import GRDB

/// Annotation listing in SQL: filters, ordering and paging run in SQLite on indexed columns,
/// so a page of a 100,000-annotation demo costs a few milliseconds.
struct AnnotationQuery: Sendable {
    var conditions: [String] = []
    var arguments: [DatabaseValue] = []
    var ordering: [String] = []

    /// Query keys of the annotation list, mapped to columns.
    static let referenceFilters: [String: String] = [
        "queue": "queue_id", "document": "document_id", "modifier": "modifier_id", "creator": "creator_id",
        "confirmed_by": "confirmed_by_id", "exported_by": "exported_by_id", "deleted_by": "deleted_by_id",
        "rejected_by": "rejected_by_id", "schema": "schema_id", "id": "id", "upload": "upload_id",
    ]
    static let timeFilters = [
        "created_at", "modified_at", "confirmed_at", "exported_at", "deleted_at", "rejected_at", "export_failed_at",
        "arrived_at", "assigned_at", "purged_at",
    ]
    static let orderingColumns: [String: String] = [
        "id": "id", "status": "status", "queue": "queue_id", "document": "document_id",
        "document__arrived_at": "arrived_at", "arrived_at": "arrived_at",
        "document__original_file_name": "original_file_name", "original_file_name": "original_file_name",
        "modifier": "modifier_id", "modified_by": "modified_by_id", "creator": "creator_id",
        "created_at": "created_at", "modified_at": "modified_at", "assigned_at": "assigned_at",
        "confirmed_at": "confirmed_at", "exported_at": "exported_at", "export_failed_at": "export_failed_at",
        "deleted_at": "deleted_at", "rejected_at": "rejected_at", "purged_at": "purged_at",
        "confirmed_by": "confirmed_by_id", "deleted_by": "deleted_by_id", "exported_by": "exported_by_id",
        "rejected_by": "rejected_by_id", "purged_by": "purged_by_id",
    ]

    mutating func add(_ condition: String, _ values: [any DatabaseValueConvertible]) {
        conditions.append(condition)
        arguments += values.map { $0.databaseValue }
    }

    /// SQLite refuses statements with too many bound values or with expressions nested past
    /// 1,000 levels (long AND chains), and such a request would fail as a server error; these
    /// bounds turn it into a 400 first.
    static let maximumListLength = 10_000
    static let maximumConditions = 200

    mutating func addIn(_ column: String, _ values: [any DatabaseValueConvertible]) throws {
        try Self.checkListLength(values.count, name: column)
        add("\(column) IN (\(databaseQuestionMarks(count: values.count)))", values)
    }

    static func checkListLength(_ count: Int, name: String) throws {
        guard count <= maximumListLength else {
            throw SandboxHTTPError.badRequest("Too many values for \(name): at most \(maximumListLength).")
        }
    }

    /// From the query string of `GET annotations` (and of exports).
    init(query: QueryParameters) throws {
        if let statuses = query.list("status") { try addIn("status", statuses) }
        for (key, column) in Self.referenceFilters {
            if let ids = try query.idList(key) { try addIn(column, ids) }
        }
        for field in Self.timeFilters {
            // Written as the stored times are, so they compare as text; a bad date is a 400.
            if let after = try DiagnosticQuery.timestamp(query, "\(field)_after") { add("\(field) >= ?", [after]) }
            if let before = try DiagnosticQuery.timestamp(query, "\(field)_before") { add("\(field) < ?", [before]) }
        }
        if let text = query["search"] {
            try Self.checkSearchText(text, parameter: "search")
            addContains(text)
        }
        if let automated = query["automated"] { add("automated = ?", [["true", "1"].contains(automated.lowercased())]) }
        try setOrdering(query.list("ordering") ?? [])
    }

    init() {}

    mutating func setOrdering(_ fields: [String]) throws {
        ordering = fields.compactMap { field in
            let descending = field.hasPrefix("-")
            let key = descending ? String(field.dropFirst()) : field
            // Unknown ordering fields are ignored, as Rossum does.
            return Self.orderingColumns[key].map { "\($0) \(descending ? "DESC" : "ASC")" }
        }
    }

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
    /// The requested order, then `id` to make it total (unless the request already ends on it,
    /// which keeps the order an index can serve).
    var orderClause: String {
        let total = ordering.contains { $0.hasPrefix("id ") } ? ordering : ordering + ["id ASC"]
        return "ORDER BY " + total.joined(separator: ", ")
    }

    func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM annotations \(whereClause)", arguments: StatementArguments(arguments)) ?? 0
    }

    func fetch(_ db: Database, limit: Int, offset: Int) throws -> [AnnotationRecord] {
        try Row.fetchAll(
            db, sql: "\(AnnotationRecord.selectSQL) \(whereClause) \(orderClause) LIMIT ? OFFSET ?",
            arguments: StatementArguments(arguments + [limit.databaseValue, offset.databaseValue])
        ).map(AnnotationRecord.init)
    }

    // MARK: annotations/search

    static let searchMetaColumns: [String: String] = [
        "status": "status", "queue": "queue_id", "document": "document_id", "modifier": "modifier_id",
        "creator": "creator_id", "arrived_at": "arrived_at", "created_at": "created_at", "confirmed_at": "confirmed_at",
        "modified_at": "modified_at", "exported_at": "exported_at", "original_file_name": "original_file_name",
        "automated": "automated", "id": "id",
    ]
    static let searchFieldColumns: [String: String] = [
        "sender_name": "supplier_name", "document_id": "invoice_number", "date_issue": "issue_date",
        "date_due": "due_date", "amount_total": "amount_total", "currency": "currency",
    ]
    static let referenceColumns: Set<String> = ["queue_id", "document_id", "modifier_id", "creator_id", "id"]

    /// `{"query": {"$and": [...]}, "query_string": {"string": "..."}}` (a subset of Rossum's search).
    /// Free text is matched word by word; a text of thousands of words would become thousands
    /// of conditions. Such a request is refused as a bad request, not failed as a server error.
    static let maximumSearchLength = 1_000
    static let maximumSearchWords = 20

    /// Free text found in the supplier, invoice number or file name. The text is literal: `%`
    /// and `_` are what they are, not LIKE wildcards.
    private mutating func addContains(_ text: String) {
        let pattern = "%" + SQLFilter.escapeLike(text) + "%"
        add("(supplier_name LIKE ? ESCAPE '\\' OR invoice_number LIKE ? ESCAPE '\\' OR original_file_name LIKE ? ESCAPE '\\')", [pattern, pattern, pattern])
    }

    static func checkSearchText(_ text: String, parameter: String) throws {
        guard text.count <= maximumSearchLength else {
            throw SandboxHTTPError.badRequest("\(parameter) is too long: at most \(maximumSearchLength) characters.")
        }
        guard text.split(separator: " ").count <= maximumSearchWords else {
            throw SandboxHTTPError.badRequest("\(parameter) has too many words: at most \(maximumSearchWords).")
        }
    }

    init(search body: [String: JSONValue], query: QueryParameters) throws {
        let condition = body["query"] ?? .null
        let text = body["query_string"]?["string"]?.stringValue ?? ""
        if condition.isNull && text.isEmpty {
            throw SandboxHTTPError.badRequest("Provide \"query\" or \"query_string\".")
        }
        if !condition.isNull { try addSearchCondition(condition) }
        if !text.isEmpty {
            try Self.checkSearchText(text, parameter: "query_string.string")
            for token in text.split(separator: " ") { addContains(String(token)) }
        }
        try setOrdering(query.list("ordering") ?? [])
        guard conditions.count <= Self.maximumConditions else {
            throw SandboxHTTPError.badRequest("The search has too many conditions: at most \(Self.maximumConditions).")
        }
    }

    private mutating func addSearchCondition(_ condition: JSONValue) throws {
        guard case .object(let object) = condition else { throw SandboxHTTPError.badRequest("\"query\" must be an object.") }
        for (key, value) in object {
            if key == "$and" {
                guard let parts = value.arrayValue else { throw SandboxHTTPError.badRequest("\"$and\" must be a list.") }
                for part in parts { try addSearchCondition(part) }
                continue
            }
            let column: String
            var numeric = false
            if key.hasPrefix("field.") {
                let parts = key.split(separator: ".")
                guard parts.count >= 2, let mapped = Self.searchFieldColumns[String(parts[1])] else {
                    // Rossum searches any datapoint; the sandbox indexes the ones it stores as columns.
                    let known = Self.searchFieldColumns.keys.sorted().map { "field.\($0)" }.joined(separator: ", ")
                    throw SandboxHTTPError.badRequest("Unsupported search field \"\(key)\": the sandbox searches \(known).")
                }
                column = mapped
                numeric = parts.count > 2 && parts[2] == "number"
            } else {
                guard let mapped = Self.searchMetaColumns[key] else {
                    throw SandboxHTTPError.badRequest("Unsupported search field \"\(key)\".")
                }
                column = mapped
            }
            let operators = value.objectValue ?? ["$eq": value]
            for (op, operand) in operators {
                try addOperator(op, operand, column: numeric ? "CAST(\(column) AS REAL)" : column, reference: Self.referenceColumns.contains(column))
            }
        }
    }

    private mutating func addOperator(_ op: String, _ operand: JSONValue, column: String, reference: Bool) throws {
        func scalar(_ value: JSONValue) throws -> any DatabaseValueConvertible {
            if reference, let id = value.referencedID { return id }
            switch value {
            case .string(let s): return s
            case .int(let i): return i
            case .double(let d): return d
            case .bool(let b): return b
            default: throw SandboxHTTPError.badRequest("Unsupported value for \(op).")
            }
        }
        let comparisons = ["$eq": "=", "$ne": "!=", "$gt": ">", "$lt": "<", "$gte": ">=", "$lte": "<="]
        if let sqlOperator = comparisons[op] {
            add("\(column) \(sqlOperator) ?", [try scalar(operand)])
            return
        }
        switch op {
        case "$in", "$nin":
            guard let items = operand.arrayValue, !items.isEmpty else { throw SandboxHTTPError.badRequest("\(op) needs a non-empty list.") }
            try Self.checkListLength(items.count, name: op)
            let values = try items.map(scalar)
            add("\(column) \(op == "$in" ? "IN" : "NOT IN") (\(databaseQuestionMarks(count: values.count)))", values)
        case "$startsWith":
            guard let prefix = operand.stringValue, prefix.count >= 2 else {
                throw SandboxHTTPError.badRequest("$startsWith needs at least 2 characters.")
            }
            add("\(column) LIKE ? ESCAPE '\\'", [SQLFilter.escapeLike(prefix) + "%"])
        case "$anyTokenStartsWith", "$containsPrefixes":
            guard let prefix = operand.stringValue, !prefix.isEmpty else { throw SandboxHTTPError.badRequest("\(op) needs a string.") }
            let literal = SQLFilter.escapeLike(prefix)
            add("(\(column) LIKE ? ESCAPE '\\' OR \(column) LIKE ? ESCAPE '\\')", [literal + "%", "% " + literal + "%"])
        case "$emptyOrMissing":
            let wanted = operand.boolValue ?? true
            add(wanted ? "(\(column) IS NULL OR \(column) = '')" : "(\(column) IS NOT NULL AND \(column) != '')", [])
        default:
            throw SandboxHTTPError.badRequest("Unsupported search operator \"\(op)\".")
        }
    }
}
