import Foundation
import RossumKit

/// How every list command writes its rows: `--output table|json|ndjson|csv`, `--sort FIELD`
/// (`-FIELD` descending) and `--limit N`, decided here once for all of them.
///
/// - table: aligned columns for people (the default);
/// - json: one array of objects;
/// - ndjson: one object per line (what `--json` has always meant);
/// - csv: RFC 4180, a header of the field names, then one record per row; a nested value
///   (an array or object) is its compact JSON in one cell.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, json, ndjson, csv
}

/// `--sort FIELD` / `--sort -FIELD`.
public struct ListSort: Sendable, Hashable {
    public var field: String
    public var descending: Bool

    public init(field: String, descending: Bool = false) {
        self.field = field
        self.descending = descending
    }

    /// `created_at`, `-created_at`; nil for an empty field.
    public init?(_ text: String) {
        let descending = text.hasPrefix("-")
        let field = descending ? String(text.dropFirst()) : text
        guard !field.isEmpty, !field.hasPrefix("-"), !field.contains(where: \.isWhitespace) else { return nil }
        self.init(field: field, descending: descending)
    }
}

/// The format, order and length a list command was asked for.
public struct ListOptions: Sendable, Hashable {
    public var format: OutputFormat
    public var sort: ListSort?
    public var limit: Int?

    public init(format: OutputFormat = .table, sort: ListSort? = nil, limit: Int? = nil) {
        self.format = format
        self.sort = sort
        self.limit = limit
    }
}

/// One field of a list: its key (JSON key, CSV header, `--sort` name) and, when people see it
/// in the table, the column's title.
public struct ListColumn: Sendable, Hashable {
    public var key: String
    public var title: String?

    public init(_ key: String, _ title: String? = nil) {
        self.key = key
        self.title = title
    }
}

/// A list command's shape: its fields and where `--sort` runs.
public struct ListDefinition: Sendable {
    /// Where `--sort` is done. `server`: the API's `ordering`, so a limit takes the first rows
    /// of the whole sorted list; its keys are the fields that can be sorted by, its values the
    /// API's ordering names. `client`: the fetched rows are sorted here, by any field.
    public enum Sorting: Sendable {
        case server([String: String])
        case client
    }

    public var columns: [ListColumn]
    public var sorting: Sorting

    public init(columns: [ListColumn], sorting: Sorting) {
        self.columns = columns
        self.sorting = sorting
    }

    public var keys: [String] { columns.map(\.key) }

    /// The API's `ordering` for `sort` (`["-created_at"]`), empty for client-sorted lists; a
    /// field the list cannot be sorted by is a usage error naming the ones it can.
    public func ordering(for sort: ListSort?, default fallback: [String] = []) throws -> [String] {
        guard let sort else { return fallback }
        switch sorting {
        case .server(let orderings):
            guard let name = orderings[sort.field] else {
                throw CommandFailure(.usage, "cannot sort by \"\(sort.field)\": the server sorts by \(orderings.keys.sorted().joined(separator: ", "))")
            }
            return [(sort.descending ? "-" : "") + name]
        case .client:
            guard keys.contains(sort.field) else {
                throw CommandFailure(.usage, "cannot sort by \"\(sort.field)\": the fields are \(keys.joined(separator: ", "))")
            }
            return []
        }
    }
}

/// Writes the rows of one list in the asked format. JSON, NDJSON and CSV rows are written as
/// they come; table rows wait for `flush()` (the columns are as wide as the widest cell). A
/// `--follow` adds rows and flushes after each poll: the table and CSV headers are written
/// once, and `finish()` closes the JSON array.
public final class ListWriter {
    private let definition: ListDefinition
    private let options: ListOptions
    private let output: OutputStreams
    private var written = 0
    private var pending: [JSONObject] = []
    private var headerWritten = false

    public init(_ definition: ListDefinition, options: ListOptions, output: OutputStreams) {
        self.definition = definition
        self.options = options
        self.output = output
    }

    /// Whether `--limit` rows were taken: the caller can stop fetching.
    public var isFull: Bool { options.limit.map { written + pending.count >= $0 } ?? false }

    /// Writes a whole list: sorted here when the list sorts client-side, cut to `--limit`, closed.
    public func writeAll(_ rows: [JSONObject]) throws {
        var rows = rows
        if case .client = definition.sorting, let sort = options.sort {
            _ = try definition.ordering(for: sort)
            rows = Self.sorted(rows, by: sort)
        }
        rows.forEach(add)
        finish()
    }

    /// Takes one row, unless `--limit` rows were taken already.
    public func add(_ row: JSONObject) {
        guard !isFull else { return }
        switch options.format {
        case .table:
            pending.append(row)
        case .ndjson:
            output.line(Self.json(row))
        case .json:
            output.writeOut((written == 0 ? "[" : ",\n") + Self.json(row))
        case .csv:
            writeHeader()
            output.writeOut(Self.csvRecord(definition.keys.map { Self.csvCell(row[$0]) }))
        }
        if options.format != .table { written += 1 }
    }

    /// Writes the table rows taken since the last flush (a header the first time).
    public func flush() {
        guard options.format == .table, !(headerWritten && pending.isEmpty) else { return }
        let shown = definition.columns.filter { $0.title != nil }
        let text = TableFormatter.render(header: shown.compactMap(\.title), rows: pending.map { row in shown.map { Self.tableCell(row[$0.key]) } })
        // Later batches (a follow) are aligned among themselves, under the header written once.
        output.writeOut(headerWritten ? text.split(separator: "\n").dropFirst().map { $0 + "\n" }.joined() : text)
        headerWritten = true
        written += pending.count
        pending = []
    }

    /// Ends the list: the table's rows, the CSV header of an empty list, the JSON array's end.
    public func finish() {
        flush()
        if options.format == .csv { writeHeader() }
        if options.format == .json { output.line(written > 0 ? "]" : "[]") }
    }

    private func writeHeader() {
        guard !headerWritten else { return }
        headerWritten = true
        output.writeOut(Self.csvRecord(definition.keys))
    }

    // MARK: the formats

    static func json(_ row: JSONObject) -> String {
        JSONLines.line(.object(row))
    }

    /// A cell on one line: a message's line breaks would break the table's rows.
    static func tableCell(_ value: JSONValue?) -> String {
        (value.map(\.cellText) ?? "").split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    static func csvCell(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: ""
        case .string(let text)?: text
        case .bool(let flag)?: flag ? "true" : "false"
        case let other?: other.description
        }
    }

    /// One RFC 4180 record: fields holding a comma, quote or line break are quoted, quotes
    /// doubled; records end with CRLF.
    public static func csvRecord(_ fields: [String]) -> String {
        fields.map { field in
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) || field.hasPrefix(" ") || field.hasSuffix(" ") else {
                return field
            }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }

    /// Rows in the order of `sort`: numbers by value, text by its characters, missing values last.
    static func sorted(_ rows: [JSONObject], by sort: ListSort) -> [JSONObject] {
        func before(_ a: JSONValue?, _ b: JSONValue?) -> Bool? {
            switch (a, b) {
            case (nil, nil), (.null?, .null?), (nil, .null?), (.null?, nil): return nil
            case (nil, _), (.null?, _): return false
            case (_, nil), (_, .null?): return true
            case (let x?, let y?):
                if let p = x.doubleValue, let q = y.doubleValue { return p == q ? nil : (p < q) != sort.descending }
                let p = x.cellText, q = y.cellText
                return p == q ? nil : (p < q) != sort.descending
            }
        }
        // Stable: rows that compare equal keep the order they came in.
        return rows.enumerated().sorted { a, b in
            before(a.element[sort.field], b.element[sort.field]) ?? (a.offset < b.offset)
        }.map(\.element)
    }
}
