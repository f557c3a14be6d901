/// A CSV reader with the knobs MDH uploads have: delimiter, quote character and an optional
/// escape character. Quoted fields may contain delimiters, line breaks and doubled quotes.
struct CSVParser: Sendable {
    struct ParseError: Error, Sendable, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "CSV line \(line): \(reason)" }
    }

    let delimiter: UInt8
    let quote: UInt8?
    let escape: UInt8?

    /// Delimiter, quote and escape must be single ASCII characters (checked by `DatasetUploadOptions`).
    init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8? = UInt8(ascii: "\""), escape: UInt8? = nil) {
        self.delimiter = delimiter
        self.quote = quote
        self.escape = escape
    }

    /// All rows of `text`; blank lines are skipped.
    func rows(_ text: String) throws(ParseError) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var rowStartLine = 1
        let bytes = Array(text.utf8)
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0

        func finishField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func finishRow() {
            finishField()
            if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
            row = []
        }

        while index < bytes.count {
            let byte = bytes[index]
            if let escape, byte == escape, index + 1 < bytes.count {
                field.append(bytes[index + 1])
                index += 2
                continue
            }
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                index += 1
                continue
            }
            if byte == quote, field.isEmpty, !fieldWasQuoted {
                inQuotes = true
                fieldWasQuoted = true
            } else if byte == delimiter {
                finishField()
            } else if byte == 0x0A || byte == 0x0D {
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                finishRow()
                line += 1
                rowStartLine = line
            } else if fieldWasQuoted {
                throw ParseError(line: line, reason: "unexpected character after a closing quote")
            } else {
                field.append(byte)
            }
            index += 1
        }
        if inQuotes { throw ParseError(line: rowStartLine, reason: "unterminated quoted field") }
        if !field.isEmpty || !row.isEmpty || fieldWasQuoted { finishRow() }
        return rows
    }

    /// Records keyed by the header row; every value is a string, as in MDH.
    func records(_ text: String) throws(ParseError) -> [Document] {
        let rows = try rows(text)
        guard let header = rows.first else { throw ParseError(line: 1, reason: "the file has no header row") }
        var seen = Set<String>()
        for (column, name) in header.enumerated() {
            if name.isEmpty { throw ParseError(line: 1, reason: "column \(column + 1) of the header is empty") }
            if !seen.insert(name).inserted { throw ParseError(line: 1, reason: "the header repeats the column \"\(name)\"") }
        }
        var records: [Document] = []
        records.reserveCapacity(rows.count - 1)
        for (offset, row) in rows.dropFirst().enumerated() {
            guard row.count == header.count else {
                throw ParseError(line: offset + 2, reason: "record \(offset + 1) has \(row.count) fields, the header has \(header.count)")
            }
            records.append(Document(zip(header, row).map { ($0, .string($1)) }))
        }
        return records
    }
}
