import Glibc

/// Reads a JSON document front to back, value by value, straight from its bytes: no tree, no
/// dictionary per object, nothing allocated for what the caller skips. For answers read many
/// times over (a list of 100,000 annotations is 1,000 pages) where a handful of fields matter.
///
/// Every value is checked as it is read or skipped: a truncated or malformed document throws,
/// it never yields a partial result.
public struct JSONPullReader: ~Copyable {
    public struct Failure: Error, Sendable, Equatable {
        public var offset: Int
        public var reason: String

        public init(offset: Int, reason: String) {
            self.offset = offset
            self.reason = reason
        }
    }

    /// The kind of the next value.
    public enum Kind: Sendable, Equatable { case object, array, string, number, bool, null }

    private let bytes: UnsafeRawBufferPointer
    public private(set) var offset = 0
    /// Nesting that `skipValue` may still enter: a hostile document cannot exhaust the stack.
    private static let maximumDepth = 512

    public init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    // MARK: - Structure

    /// What the next value is, after white space.
    public mutating func peek() throws(Failure) -> Kind {
        skipWhitespace()
        guard offset < bytes.count else { throw fail("unexpected end of document") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw fail("unexpected character")
        }
    }

    /// Reads an object, calling `member` with each key; `member` must read or skip the value.
    public mutating func readObject(_ member: (inout JSONPullReader, Key) throws(Failure) -> Void) throws(Failure) {
        skipWhitespace()
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return }
        while true {
            skipWhitespace()
            let key = try readKey()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    /// Reads an array, calling `element` once per element; it must read or skip the value.
    public mutating func readArray(_ element: (inout JSONPullReader) throws(Failure) -> Void) throws(Failure) {
        skipWhitespace()
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return }
        while true {
            try element(&self)
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    /// Passes over the next value, checking it is well formed.
    public mutating func skipValue() throws(Failure) {
        try skipValue(depth: 0)
    }

    /// True (and consumed) when the next value is `null`.
    public mutating func readNull() throws(Failure) -> Bool {
        guard try peek() == .null else { return false }
        try expectLiteral("null")
        return true
    }

    // MARK: - Scalars

    /// A string, or nil for `null`; any other kind throws.
    public mutating func readString() throws(Failure) -> String? {
        switch try peek() {
        case .null: try expectLiteral("null"); return nil
        case .string: return try scanString()
        default: throw fail("expected a string")
        }
    }

    /// An integer, or nil for `null`; a fraction, an exponent or an out-of-range number throws.
    public mutating func readInt() throws(Failure) -> Int? {
        switch try peek() {
        case .null: try expectLiteral("null"); return nil
        case .number:
            let start = offset
            try scanNumber()
            var value = 0
            var index = start
            let negative = bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            while index < offset {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw fail("expected an integer", at: start) }
                let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
                let digit = Int(byte - UInt8(ascii: "0"))
                let (next, overflowB) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                guard !overflowA, !overflowB else { throw fail("integer out of range", at: start) }
                value = next
                index += 1
            }
            return value
        default: throw fail("expected an integer")
        }
    }

    /// A number's text as sent (`12`, `-0.5`, `1e3`), or nil for `null`.
    public mutating func readNumberText() throws(Failure) -> String? {
        switch try peek() {
        case .null: try expectLiteral("null"); return nil
        case .number:
            let start = offset
            try scanNumber()
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        default: throw fail("expected a number")
        }
    }

    /// A boolean, or nil for `null`.
    public mutating func readBool() throws(Failure) -> Bool? {
        switch try peek() {
        case .null: try expectLiteral("null"); return nil
        case .bool:
            if bytes[offset] == UInt8(ascii: "t") { try expectLiteral("true"); return true }
            try expectLiteral("false")
            return false
        default: throw fail("expected true or false")
        }
    }

    /// The document holds nothing after its value but white space.
    public mutating func expectEnd() throws(Failure) {
        skipWhitespace()
        guard offset == bytes.count else { throw fail("unexpected data after the document") }
    }

    // MARK: - Keys

    /// An object key, compared without making a `String` (keys are almost always plain ASCII).
    /// Valid only inside the `readObject` call that hands it out.
    public struct Key {
        let raw: UnsafeRawBufferPointer
        /// The key's text when it held escapes; `raw` is then unused.
        let unescaped: String?

        public static func == (key: Key, name: StaticString) -> Bool {
            if let unescaped = key.unescaped { return unescaped == name.description }
            guard key.raw.count == name.utf8CodeUnitCount else { return false }
            return name.withUTF8Buffer { name in
                memcmp(name.baseAddress!, key.raw.baseAddress!, name.count) == 0
            }
        }

        public var text: String { unescaped ?? String(decoding: raw, as: UTF8.self) }
    }

    private mutating func readKey() throws(Failure) -> Key {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw fail("expected a key") }
        let start = offset + 1
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                offset = index + 1
                return Key(raw: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), unescaped: nil)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            index += 1
        }
        // Escapes (or an error): the slow path builds the text.
        let text = try scanString()
        return Key(raw: UnsafeRawBufferPointer(start: nil, count: 0), unescaped: text)
    }

    // MARK: - Scanning

    private mutating func skipValue(depth: Int) throws(Failure) {
        guard depth < Self.maximumDepth else { throw fail("nesting too deep") }
        switch try peek() {
        case .object: try readObject { reader, _ throws(Failure) in try reader.skipValue(depth: depth + 1) }
        case .array: try readArray { reader throws(Failure) in try reader.skipValue(depth: depth + 1) }
        case .string: try skipString()
        case .number: try scanNumber()
        case .bool: if bytes[offset] == UInt8(ascii: "t") { try expectLiteral("true") } else { try expectLiteral("false") }
        case .null: try expectLiteral("null")
        }
    }

    private mutating func skipString() throws(Failure) {
        let start = offset
        offset += 1
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") { offset += 1; return }
            if byte < 0x20 { throw fail("control character in a string") }
            if byte == UInt8(ascii: "\\") {
                offset += 1
                guard offset < bytes.count else { break }
                if bytes[offset] == UInt8(ascii: "u") {
                    guard offset + 4 < bytes.count else { break }
                    for digit in 1...4 where Self.hexValue(bytes[offset + digit]) == nil { throw fail("bad \\u escape") }
                    offset += 4
                } else if !Self.simpleEscapes.contains(bytes[offset]) {
                    throw fail("bad escape")
                }
            }
            offset += 1
        }
        throw fail("unterminated string", at: start)
    }

    private mutating func scanString() throws(Failure) -> String {
        let start = offset
        offset += 1
        // Plain strings (no escapes) are copied in one go.
        var plainEnd = offset
        while plainEnd < bytes.count, bytes[plainEnd] != UInt8(ascii: "\""), bytes[plainEnd] != UInt8(ascii: "\\"), bytes[plainEnd] >= 0x20 {
            plainEnd += 1
        }
        if plainEnd < bytes.count, bytes[plainEnd] == UInt8(ascii: "\"") {
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<plainEnd]), as: UTF8.self)
            offset = plainEnd + 1
            return text
        }
        var utf8: [UInt8] = Array(UnsafeRawBufferPointer(rebasing: bytes[offset..<min(plainEnd, bytes.count)]))
        offset = plainEnd
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return String(decoding: utf8, as: UTF8.self)
            }
            if byte < 0x20 { throw fail("control character in a string") }
            guard byte == UInt8(ascii: "\\") else {
                utf8.append(byte)
                offset += 1
                continue
            }
            offset += 1
            guard offset < bytes.count else { break }
            let escape = bytes[offset]
            offset += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try readHex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate pairs with a following `\uDC00`-`\uDFFF`; alone it is U+FFFD.
                    if offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") {
                        let saved = offset
                        offset += 2
                        let low = try readHex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            offset = saved
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(scalar) {
                    scalar = 0xFFFD
                }
                utf8.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default:
                throw fail("bad escape", at: offset - 2)
            }
        }
        throw fail("unterminated string", at: start)
    }

    private mutating func readHex4() throws(Failure) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw fail("bad \\u escape") }
        var value: UInt32 = 0
        for index in offset..<(offset + 4) {
            guard let digit = Self.hexValue(bytes[index]) else { throw fail("bad \\u escape", at: index) }
            value = value << 4 | UInt32(digit)
        }
        offset += 4
        return value
    }

    /// Passes over a number, checking its grammar (`-? int frac? exp?`).
    private mutating func scanNumber() throws(Failure) {
        let start = offset
        _ = consume(UInt8(ascii: "-"))
        let integerStart = offset
        let integerDigits = digits()
        // JSON allows no leading zero: `0` alone, or `0.5`, but never `01`.
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw fail("bad number", at: start) }
        if consume(UInt8(ascii: ".")) {
            guard digits() > 0 else { throw fail("bad number", at: start) }
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard digits() > 0 else { throw fail("bad number", at: start) }
        }
    }

    private mutating func digits() -> Int {
        let start = offset
        while offset < bytes.count, bytes[offset] >= UInt8(ascii: "0"), bytes[offset] <= UInt8(ascii: "9") { offset += 1 }
        return offset - start
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        let matches = offset + count <= bytes.count && literal.withUTF8Buffer { text in
            memcmp(text.baseAddress!, bytes.baseAddress! + offset, count) == 0
        }
        guard matches else { throw fail("expected \(literal)") }
        offset += count
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard offset < bytes.count, bytes[offset] == byte else { return false }
        offset += 1
        return true
    }

    private mutating func expect(_ byte: UInt8) throws(Failure) {
        guard consume(byte) else {
            throw fail(offset < bytes.count ? "expected \"\(Character(Unicode.Scalar(byte)))\"" : "unexpected end of document")
        }
    }

    private func fail(_ reason: String, at position: Int? = nil) -> Failure {
        Failure(offset: position ?? offset, reason: reason)
    }

    private static let simpleEscapes: Set<UInt8> = Set("\"\\/bfnrt".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A type that reads itself with a `JSONPullReader`; `RossumClient.request(_:_:as:)` decodes
/// it that way, with the same error reporting as `Decodable` answers.
public protocol JSONPullDecodable {
    init(reading reader: inout JSONPullReader) throws(JSONPullReader.Failure)
}

extension JSONPullDecodable {
    /// Reads a whole document: one value, then nothing else.
    public static func read(_ bytes: UnsafeRawBufferPointer) throws(JSONPullReader.Failure) -> Self {
        var reader = JSONPullReader(bytes)
        let value = try Self(reading: &reader)
        try reader.expectEnd()
        return value
    }
}
