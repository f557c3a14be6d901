/// A small RFC 4180 reader: quoted fields, doubled quotes, newlines inside quotes. It is as
/// strict as MDH's reader, so a quoting mistake fails here, in a second, not in an operation
/// the server fails minutes later.
enum CSVReader {
    struct QuotingError: Error, Equatable {
        /// 1-based line of the file.
        var line: Int
        var reason: String
    }

    static func rows(_ text: String, delimiter: Character) throws(QuotingError) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        // A quoted field just closed: only a delimiter or the end of the line may follow.
        var closedQuote = false
        var line = 1
        var rowStartLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.append("\"") } else { inQuotes = false; closedQuote = true; pending = next }
                } else {
                    if character.isNewline { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case delimiter:
                row.append(field); field = ""; closedQuote = false
            case "\n", "\r\n", "\r":
                row.append(field); field = ""; closedQuote = false
                rows.append(row); row = []
                line += 1
                rowStartLine = line
            case _ where closedQuote:
                throw QuotingError(line: line, reason: "a character after the closing quote of a field (a quote inside a quoted field must be doubled: \"\")")
            case "\"" where field.isEmpty:
                inQuotes = true
            default:
                field.append(character)
            }
        }
        if inQuotes { throw QuotingError(line: rowStartLine, reason: "a quoted field is never closed") }
        if !field.isEmpty || !row.isEmpty || closedQuote {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
