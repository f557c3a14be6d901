import Foundation
import GRDB

/// A `WHERE` clause built from query filters, with its arguments.
struct SQLFilter: Sendable {
    private(set) var clauses: [String] = []
    private(set) var values: [DatabaseValue] = []

    mutating func add(_ clause: String, _ values: [any DatabaseValueConvertible]) {
        clauses.append(clause)
        self.values += values.map(\.databaseValue)
    }

    /// The filter's arguments followed by `extra` (limit, offset).
    func arguments(_ extra: any DatabaseValueConvertible...) -> StatementArguments {
        StatementArguments(values + extra.map(\.databaseValue))
    }

    /// `ordering=a,-b` as SQL over `columns` (name → expression), `id` breaking ties; nil when
    /// it names no known field. Unknown fields are ignored, as Rossum's lists do.
    static func orderBy(_ query: QueryParameters, _ columns: [String: String]) -> String? {
        let named = (query.list("ordering") ?? []).compactMap { field -> String? in
            let descending = field.hasPrefix("-")
            return columns[descending ? String(field.dropFirst()) : field].map { $0 + (descending ? " DESC" : "") }
        }
        return named.isEmpty ? nil : (named + ["id"]).joined(separator: ", ")
    }

    /// How many rows of `table` the filter keeps.
    func count(_ db: Database, table: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) \(whereClause)", arguments: arguments()) ?? 0
    }

    /// The ids of one page of the rows of `table` the filter keeps.
    func ids(_ db: Database, table: String, orderBy: String, limit: Int, offset: Int) throws -> [Int] {
        try Int.fetchAll(
            db, sql: "SELECT id FROM \(table) \(whereClause) ORDER BY \(orderBy) LIMIT ? OFFSET ?", arguments: arguments(limit, offset))
    }

    mutating func addIn(_ column: String, _ values: [any DatabaseValueConvertible]) {
        add("\(column) IN (\(databaseQuestionMarks(count: values.count)))", values)
    }

    /// `<prefix>_before` / `<prefix>_after` on a timestamp column (stored in `DemoClock` form).
    mutating func addTimeRange(_ column: String, query: QueryParameters, prefix: String) throws {
        if let before = try DiagnosticQuery.timestamp(query, "\(prefix)_before") { add("\(column) < ?", [before]) }
        if let after = try DiagnosticQuery.timestamp(query, "\(prefix)_after") { add("\(column) > ?", [after]) }
    }

    var whereClause: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

/// Parsing of the diagnostic endpoints' query filters: a malformed value is a 400 that names it.
enum DiagnosticQuery {
    static func integers(_ query: QueryParameters, _ key: String) throws -> [Int]? {
        try query.list(key).map { items in
            try items.map { item in
                guard let number = Int(item) else { throw SandboxHTTPError.fieldErrors([key: "Enter a whole number; \"\(item)\" is not one."]) }
                return number
            }
        }
    }

    static func choices(_ query: QueryParameters, _ key: String, _ allowed: [String], uppercase: Bool = false) throws -> [String]? {
        try query.list(key).map { items in
            try items.map { raw in
                let item = uppercase ? raw.uppercased() : raw
                guard allowed.contains(item) else {
                    throw SandboxHTTPError.fieldErrors([key: "Select a valid choice. \"\(raw)\" is not one of \(allowed.joined(separator: ", "))."])
                }
                return item
            }
        }
    }

    static func bool(_ query: QueryParameters, _ key: String) throws -> Bool? {
        guard let raw = query[key] else { return nil }
        switch raw.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw SandboxHTTPError.fieldErrors([key: "Must be a valid boolean (true or false)."])
        }
    }

    /// An ISO 8601 date or date-time, as the stored timestamps are written (so they compare as text).
    static func timestamp(_ query: QueryParameters, _ key: String) throws -> String? {
        guard let raw = query[key] else { return nil }
        guard let date = parseDate(raw) else {
            throw SandboxHTTPError.fieldErrors([key: "Enter a valid date/time (ISO 8601), not \"\(raw)\"."])
        }
        return DemoClock.timestamp(date)
    }

    static func parseDate(_ raw: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        let dateOnly = ISO8601DateFormatter()
        dateOnly.formatOptions = [.withFullDate]
        // Rossum's own examples leave out the zone; such times are UTC.
        let zoned = raw.count >= 19 && !raw.hasSuffix("Z") && !raw.dropFirst(19).contains(where: { $0 == "+" || $0 == "-" }) ? raw + "Z" : raw
        return withFraction.date(from: zoned) ?? plain.date(from: zoned) ?? dateOnly.date(from: raw)
    }

    /// Endpoints whose page size defaults to something other than 20 (hook logs: 100).
    static func defaultingPageSize(_ query: QueryParameters, to size: Int) -> QueryParameters {
        var values = query.values
        if query["page_size"] == nil { values["page_size"] = String(size) }
        return QueryParameters(values: values)
    }
}
