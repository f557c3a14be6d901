import Foundation

/// The grammar of every `/` line: free words, `"quoted text"` taken as it is, and
/// `key:value,value` tokens combined with AND. Text is put in composed form (NFC): a name
/// pasted decomposed (as macOS pastes it) finds what the server stores composed.
enum FilterLine {
    enum Token: Equatable {
        case word(String)
        /// `key` lowercased; `token` as typed (it is text after all when the key is not known).
        case keyed(key: String, values: [String], token: String)
    }

    static func tokens(_ line: String) -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(line.precomposedStringWithCanonicalMapping)
        while let start = rest.firstIndex(where: { $0 != " " && $0 != "\t" }) {
            rest = rest[start...]
            if rest.first == "\"" {
                // A quoted phrase (an error message with a colon in it) is one piece of text.
                let body = rest.dropFirst()
                let close = body.firstIndex(of: "\"") ?? body.endIndex
                tokens.append(.word(String(body[..<close])))
                rest = close < body.endIndex ? body[body.index(after: close)...] : body[body.endIndex...]
                continue
            }
            if let quoted = quotedValue(&rest) {
                tokens.append(quoted)
                continue
            }
            let end = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? rest.endIndex
            let token = String(rest[..<end])
            rest = rest[end...]
            guard let colon = token.firstIndex(of: ":"), colon != token.startIndex else {
                tokens.append(.word(token))
                continue
            }
            let values = token[token.index(after: colon)...].split(separator: ",").map(String.init)
            tokens.append(.keyed(key: token[..<colon].lowercased(), values: values, token: token))
        }
        return tokens
    }

    /// `key:"a value with spaces"` is one token whose single value is the quoted text (a
    /// supplier's name). Consumes it from `rest`; nil (and `rest` untouched) otherwise.
    static func quotedValue(_ rest: inout Substring) -> Token? {
        let end = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? rest.endIndex
        guard let colon = rest[..<end].firstIndex(of: ":"), colon != rest.startIndex else { return nil }
        let open = rest.index(after: colon)
        guard open < rest.endIndex, rest[open] == "\"" else { return nil }
        let body = rest[rest.index(after: open)...]
        let close = body.firstIndex(of: "\"") ?? body.endIndex
        let key = String(rest[..<colon])
        let value = String(body[..<close])
        let after = close < body.endIndex ? body.index(after: close) : body.endIndex
        let token = String(rest[..<after])
        rest = rest[after...]
        return .keyed(key: key.lowercased(), values: value.isEmpty ? [] : [value], token: token)
    }

    /// Whether a `"` opens text it never closes (the search would silently take the rest).
    static func hasUnclosedQuote(_ line: String) -> Bool {
        line.filter { $0 == "\"" }.count % 2 == 1
    }

    /// Whether an unknown `key:` is a mistyped filter rather than text: times ("12:30") and
    /// URLs are text to search.
    static func isMistypedKey(_ key: String, token: String) -> Bool {
        key.allSatisfy(\.isLetter) && key.count <= 12 && !token.contains("//")
    }
}
