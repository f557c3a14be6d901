import Foundation

/// Form fields of an MDH upload that say how to read the file.
struct DatasetFileOptions: Sendable {
    var encoding: String.Encoding = .utf8
    var csv = CSVParser()

    /// Validates the form fields; a bad value is the client's mistake (400), not the file's.
    init(encoding: String?, fieldDelimiter: String?, quoteChar: String?, escapeChar: String?) throws(QueryError) {
        if let name = encoding {
            guard let parsed = Self.encoding(named: name) else { throw QueryError("unsupported encoding: \(name)") }
            self.encoding = parsed
        }
        func asciiByte(_ text: String?, _ field: String, default value: UInt8?) throws(QueryError) -> UInt8? {
            guard let text else { return value }
            if text.isEmpty { return nil }
            if text == "\\t" || text.lowercased() == "tab" { return 0x09 }
            guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80, byte != 0x0A, byte != 0x0D else {
                throw QueryError("\(field) must be a single ASCII character")
            }
            return byte
        }
        guard let delimiter = try asciiByte(fieldDelimiter, "field_delimiter", default: UInt8(ascii: ",")) else {
            throw QueryError("field_delimiter must not be empty")
        }
        csv = CSVParser(
            delimiter: delimiter,
            quote: try asciiByte(quoteChar, "quotechar", default: UInt8(ascii: "\"")),
            escape: try asciiByte(escapeChar, "escapechar", default: nil))
    }

    init() {}

    static func encoding(named name: String) -> String.Encoding? {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8", "utf-8-sig": return .utf8
        case "ascii", "us-ascii": return .ascii
        case "latin-1", "latin1", "iso-8859-1", "iso8859-1": return .isoLatin1
        case "cp1252", "windows-1252": return .windowsCP1252
        case "utf-16", "utf16": return .utf16
        case "utf-16le": return .utf16LittleEndian
        case "utf-16be": return .utf16BigEndian
        default: return nil
        }
    }
}

/// Why an uploaded file cannot be loaded; the text becomes the operation's `error`.
struct DatasetFileError: Error, Sendable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Turns the bytes of an MDH upload into records.
enum DatasetFileReader {
    enum Format: String, Sendable { case json, csv }

    static func format(filename: String?, contentType: String?, bytes: [UInt8]) throws(DatasetFileError) -> Format {
        let lowerName = filename?.lowercased() ?? ""
        if lowerName.hasSuffix(".json") { return .json }
        if lowerName.hasSuffix(".csv") || lowerName.hasSuffix(".tsv") || lowerName.hasSuffix(".txt") { return .csv }
        for unsupported in [".xlsx", ".xls", ".xml"] where lowerName.hasSuffix(unsupported) {
            throw DatasetFileError("unsupported file format \(unsupported): the sandbox reads JSON and CSV files")
        }
        let type = contentType?.lowercased() ?? ""
        if type.contains("json") { return .json }
        if type.contains("csv") { return .csv }
        let firstByte = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        return firstByte == UInt8(ascii: "[") || firstByte == UInt8(ascii: "{") ? .json : .csv
    }

    static func records(
        from bytes: [UInt8], filename: String?, contentType: String?, options: DatasetFileOptions
    ) throws(DatasetFileError) -> [Document] {
        let text = try decode(bytes, encoding: options.encoding)
        switch try format(filename: filename, contentType: contentType, bytes: bytes) {
        case .json:
            let value: DocumentValue
            do {
                value = try DocumentJSONParser.parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
            } catch {
                throw DatasetFileError("the file is not valid JSON: \(error)")
            }
            guard case .array(let items) = value else {
                throw DatasetFileError("the JSON file must contain an array of objects")
            }
            var records: [Document] = []
            records.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                guard case .object(var record) = item else {
                    throw DatasetFileError("record \(index + 1) of the JSON file is not an object")
                }
                record["_id"] = nil  // MDH assigns `_id`; matched records keep theirs.
                records.append(record)
            }
            return records
        case .csv:
            do {
                return try options.csv.records(text)
            } catch {
                throw DatasetFileError("the file is not valid CSV: \(error)")
            }
        }
    }

    private static func decode(_ bytes: [UInt8], encoding: String.Encoding) throws(DatasetFileError) -> String {
        if encoding == .utf8 {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let offset = firstInvalidUTF8Offset(bytes)
                throw DatasetFileError("the file is not valid utf-8 (first bad byte at offset \(offset)); set the encoding form field")
            }
            return text
        }
        guard let text = String(data: Data(bytes), encoding: encoding) else {
            throw DatasetFileError("the file cannot be decoded as \(encoding)")
        }
        return text
    }

    private static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}
