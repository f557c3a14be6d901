import Foundation

/// The file an MDH job sends, checked locally first so obvious mistakes fail in a second
/// instead of after a 60-second round trip through the server.
public struct RecordFile: Sendable, Equatable {
    public enum Format: String, Sendable, Equatable, CaseIterable {
        case json, csv, xlsx

        /// The MIME type sent with the file part.
        public var contentType: String {
            switch self {
            case .json: "application/json"
            case .csv: "text/csv"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    /// MDH refuses larger files.
    public static let maximumSize = 50 * 1024 * 1024

    public let path: String
    public let format: Format
    public let data: Data
    /// Records counted locally (nil for XLSX, which is passed through unread).
    public let recordCount: Int?
    public let checksum: String

    public var fileName: String { (path as NSString).lastPathComponent }

    /// Reads and validates `path`: JSON must be an array of objects, CSV must have a header, and
    /// every id key must be present (and not empty) in every record.
    public static func load(path: String, idKeys: [String] = [], csvDelimiter: Character = ",") throws -> RecordFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure(.noInput, "\(path): no such file (check the path)")
        }
        guard !isDirectory.boolValue else { throw CommandFailure(.noInput, "\(path) is a directory, not a file") }
        // The size first: a file MDH would refuse is not worth reading into memory.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.int64Value > Int64(maximumSize) {
            throw tooLarge(path, bytes: size.int64Value)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.noInput, "\(path): cannot read the file (check its permissions)")
        }
        // Checked again on what was read: the file may have grown in between.
        guard data.count <= maximumSize else { throw tooLarge(path, bytes: Int64(data.count)) }
        let format = try detectFormat(path: path, data: data)
        let count: Int?
        switch format {
        case .json: count = try validateJSON(data, path: path, idKeys: idKeys)
        case .csv: count = try validateCSV(data, path: path, idKeys: idKeys, delimiter: csvDelimiter)
        case .xlsx: count = nil
        }
        return RecordFile(path: path, format: format, data: data, recordCount: count, checksum: SHA256Digest.hexDigest(of: data))
    }

    static func tooLarge(_ path: String, bytes: Int64) -> CommandFailure {
        CommandFailure(.badInput, "\(path) has \(bytes / 1_048_576) MB; MDH accepts at most 50 MB per file: split it")
    }

    static func detectFormat(path: String, data: Data) throws -> Format {
        switch (path as NSString).pathExtension.lowercased() {
        case "json": return .json
        case "csv", "txt", "tsv": return .csv
        case "xlsx":
            guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
                throw CommandFailure(.badInput, "\(path) is not an XLSX workbook (no zip signature): export it again as .xlsx")
            }
            // A workbook is a zip holding xl/workbook.xml (its name is stored uncompressed in
            // the zip's directory); any other zip renamed .xlsx fails on the server.
            guard data.range(of: Data("xl/workbook.xml".utf8)) != nil else {
                throw CommandFailure(.badInput, "\(path) is a zip archive but not an XLSX workbook (no xl/workbook.xml): export it again as .xlsx")
            }
            return .xlsx
        default:
            if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
            let first = data.first { !Character(UnicodeScalar($0)).isWhitespace }
            if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") { return .json }
            return .csv
        }
    }

    static func validateJSON(_ data: Data, path: String, idKeys: [String]) throws -> Int {
        // The upload says UTF-8 and MDH reads it so; JSONSerialization would also take UTF-16
        // or UTF-32, which the server then fails.
        guard String(validating: data, as: UTF8.self) != nil else {
            let bom = data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])
            throw CommandFailure(.badInput, "\(path) is \(bom ? "UTF-16 text (it starts with a UTF-16 byte-order mark)" : "not UTF-8 text"): MDH reads JSON as UTF-8; save the file as UTF-8")
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw CommandFailure(.badInput, "\(path) is not valid JSON (\(ProfileStore.shortReason(error))): fix the file")
        }
        guard let records = parsed as? [Any] else {
            throw CommandFailure(.badInput, "\(path) must hold a JSON array of records ([{...}, ...]), not \(jsonKind(parsed))")
        }
        var duplicates = DuplicateKeyCheck(idKeys: idKeys)
        for (index, element) in records.enumerated() {
            guard let record = element as? [String: Any] else {
                throw CommandFailure(.badInput, "\(path): element \(index) is \(jsonKind(element)), not an object: every record must be {...}")
            }
            var values: [Any] = []
            for key in idKeys {
                guard let value = record[key], !(value is NSNull) else {
                    throw CommandFailure(.badInput, "\(path): record \(index) has no \"\(key)\" (the --id-key): every record needs it")
                }
                values.append(value)
            }
            if let earlier = duplicates.note(values, at: index) {
                throw duplicates.failure(path: path, earlier: earlier, later: index, values: values)
            }
        }
        return records.count
    }

    /// What MDH's CSV reader checks: UTF-8, quoting, a header of distinct non-empty names, as
    /// many fields in every line as in the header; plus the id keys, present and distinct.
    static func validateCSV(_ data: Data, path: String, idKeys: [String], delimiter: Character) throws -> Int {
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(.badInput, "\(path) is not UTF-8 text: save the CSV as UTF-8")
        }
        let rows: [[String]]
        do {
            rows = try CSVReader.rows(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, delimiter: delimiter)
        } catch {
            throw CommandFailure(.badInput, "\(path), line \(error.line): \(error.reason): fix the quoting")
        }
        guard let header = rows.first, header.contains(where: { !$0.isEmpty }) else {
            throw CommandFailure(.badInput, "\(path) is empty: a CSV needs a header line with the column names")
        }
        var seen = Set<String>()
        for (column, name) in header.enumerated() {
            if name.isEmpty { throw CommandFailure(.badInput, "\(path): column \(column + 1) of the header has no name") }
            if !seen.insert(name).inserted { throw CommandFailure(.badInput, "\(path): the header names the column \"\(name)\" twice") }
        }
        var columns: [Int] = []
        for key in idKeys {
            guard let column = header.firstIndex(of: key) else {
                throw CommandFailure(.badInput, "\(path): the header has no column \"\(key)\" (the --id-key; columns: \(header.prefix(8).joined(separator: ", ")))")
            }
            columns.append(column)
        }
        let records = rows.dropFirst().filter { !($0.count == 1 && $0[0].isEmpty) }
        var duplicates = DuplicateKeyCheck(idKeys: idKeys)
        for (index, row) in records.enumerated() {
            guard row.count == header.count else {
                throw CommandFailure(.badInput, "\(path): data line \(index + 1) has \(row.count) fields, the header has \(header.count) (check the delimiter and the quoting)")
            }
            for (key, column) in zip(idKeys, columns) where row[column].isEmpty {
                throw CommandFailure(.badInput, "\(path): data line \(index + 1) has no value for \"\(key)\" (the --id-key)")
            }
            let values: [Any] = columns.map { row[$0] }
            if let earlier = duplicates.note(values, at: index) {
                throw duplicates.failure(path: path, earlier: earlier, later: index, values: values)
            }
        }
        return records.count
    }

    private static func jsonKind(_ value: Any) -> String {
        switch value {
        case is [String: Any]: "an object"
        case is [Any]: "an array"
        case is String: "a string"
        case is NSNull: "null"
        default: "a number or boolean"
        }
    }
}
