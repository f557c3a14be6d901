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
            return .xlsx
        default:
            if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
            let first = data.first { !Character(UnicodeScalar($0)).isWhitespace }
            if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") { return .json }
            return .csv
        }
    }

    static func validateJSON(_ data: Data, path: String, idKeys: [String]) throws -> Int {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw CommandFailure(.badInput, "\(path) is not valid JSON (\(ProfileStore.shortReason(error))): fix the file")
        }
        guard let records = parsed as? [Any] else {
            throw CommandFailure(.badInput, "\(path) must hold a JSON array of records ([{...}, ...]), not \(jsonKind(parsed))")
        }
        for (index, element) in records.enumerated() {
            guard let record = element as? [String: Any] else {
                throw CommandFailure(.badInput, "\(path): element \(index) is \(jsonKind(element)), not an object: every record must be {...}")
            }
            for key in idKeys {
                guard let value = record[key], !(value is NSNull) else {
                    throw CommandFailure(.badInput, "\(path): record \(index) has no \"\(key)\" (the --id-key): every record needs it")
                }
            }
        }
        return records.count
    }

    static func validateCSV(_ data: Data, path: String, idKeys: [String], delimiter: Character) throws -> Int {
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(.badInput, "\(path) is not UTF-8 text: save the CSV as UTF-8")
        }
        let rows = CSVReader.rows(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, delimiter: delimiter)
        guard let header = rows.first, header.contains(where: { !$0.isEmpty }) else {
            throw CommandFailure(.badInput, "\(path) is empty: a CSV needs a header line with the column names")
        }
        var columns: [Int] = []
        for key in idKeys {
            guard let column = header.firstIndex(of: key) else {
                throw CommandFailure(.badInput, "\(path): the header has no column \"\(key)\" (the --id-key; columns: \(header.prefix(8).joined(separator: ", ")))")
            }
            columns.append(column)
        }
        let records = rows.dropFirst().filter { !($0.count == 1 && $0[0].isEmpty) }
        for (index, row) in records.enumerated() {
            for (key, column) in zip(idKeys, columns) where column >= row.count || row[column].isEmpty {
                throw CommandFailure(.badInput, "\(path): data line \(index + 1) has no value for \"\(key)\" (the --id-key)")
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

/// A small RFC 4180 reader: quoted fields, doubled quotes, newlines inside quotes.
enum CSVReader {
    static func rows(_ text: String, delimiter: Character) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: inQuotes = true
            case delimiter: row.append(field); field = ""
            case "\n", "\r\n", "\r":
                row.append(field); field = ""
                rows.append(row); row = []
            default: field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
