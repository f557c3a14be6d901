/// The grammar of every `/` line: free words, and `key:value,value` tokens combined with AND.
enum FilterLine {
    enum Token {
        case word(String)
        /// `key` lowercased; `token` as typed (it is text after all when the key is not known).
        case keyed(key: String, values: [String], token: String)
    }

    static func tokens(_ line: String) -> [Token] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init).map { token in
            guard let colon = token.firstIndex(of: ":"), colon != token.startIndex else { return .word(token) }
            let values = token[token.index(after: colon)...].split(separator: ",").map(String.init)
            return .keyed(key: token[..<colon].lowercased(), values: values, token: token)
        }
    }

    /// Whether an unknown `key:` is a mistyped filter rather than text: times ("12:30") and
    /// URLs are text to search.
    static func isMistypedKey(_ key: String, token: String) -> Bool {
        key.allSatisfy(\.isLetter) && key.count <= 12 && !token.contains("//")
    }
}
