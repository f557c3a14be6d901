/// What a parsed JSON text is built into. The sandbox has two trees (`JSONValue` for API
/// resources, `DocumentValue` for MDH and Data Storage records) and one grammar, so the
/// grammar lives here once and each tree says how its values are made.
protocol JSONTextValue {
    static var null: Self { get }
    static func bool(_ value: Bool) -> Self
    static func string(_ value: String) -> Self
    static func array(_ items: [Self]) -> Self
    /// Members in the order written; a tree decides what equal names mean.
    static func members(_ members: [(key: String, value: Self)]) -> Self
    /// A number as written (already checked against the JSON grammar); nil when it is out of
    /// range. `integral`: no fraction and no exponent.
    static func number(_ text: String, integral: Bool) -> Self?
}

struct JSONSyntaxError: Error, CustomStringConvertible {
    let offset: Int
    let reason: String
    var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

/// A JSON parser written by hand: Foundation's parsers lose key order and the integer/float
/// distinction, decoding through `Decodable` tries each type in turn at the price of a thrown
/// error per miss, and this is on the hot path of every request (stored resources are parsed
/// on every read, records on every query that looks inside them). It is strict where Python's
/// `json` (the API's own parser) is: no trailing commas, no leading zeros, no lone surrogates.
/// Every entry point parses one JSON value that must span the whole input (surrounding
/// whitespace allowed); nesting deeper than 512 levels is refused.
struct JSONTextParser<Value: JSONTextValue> {
    typealias SyntaxError = JSONSyntaxError

    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> Value {
        try bytes.withUnsafeBufferPointer { buffer throws(SyntaxError) in try parse(buffer: buffer) }
    }

    static func parse(_ text: String) throws(SyntaxError) -> Value {
        var text = text
        let result = text.withUTF8 { buffer in Result { () throws(SyntaxError) in try parse(buffer: buffer) } }
        return try result.get()
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> Value {
        var parser = Cursor(buffer: buffer)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position != buffer.count {
            throw SyntaxError(offset: parser.position, reason: "unexpected data after the value")
        }
        return value
    }

    private struct Cursor {
        let buffer: UnsafeBufferPointer<UInt8>
        var position = 0
        static var maximumDepth: Int { 512 }

        init(buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

        mutating func skipWhitespace() {
            while position < buffer.count {
                switch buffer[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }

        func fail(_ reason: String) -> SyntaxError { SyntaxError(offset: position, reason: reason) }

        mutating func parseValue(depth: Int) throws(SyntaxError) -> Value {
            guard position < buffer.count else { throw fail("unexpected end of input") }
            if depth > Self.maximumDepth { throw fail("nesting too deep") }
            switch buffer[position] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
            case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
            case UInt8(ascii: "n"): try expectLiteral("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            default: throw fail("unexpected character")
            }
        }

        mutating func expectLiteral(_ literal: StaticString) throws(SyntaxError) {
            let count = literal.utf8CodeUnitCount
            guard position + count <= buffer.count else { throw fail("unexpected end of input") }
            let start = literal.utf8Start
            for i in 0..<count where buffer[position + i] != start[i] {
                throw fail("invalid literal")
            }
            position += count
        }

        mutating func parseObject(depth: Int) throws(SyntaxError) -> Value {
            position += 1
            var fields: [(key: String, value: Value)] = []
            skipWhitespace()
            if position < buffer.count, buffer[position] == UInt8(ascii: "}") {
                position += 1
                return .members([])
            }
            while true {
                skipWhitespace()
                guard position < buffer.count, buffer[position] == UInt8(ascii: "\"") else {
                    throw fail("expected a string key")
                }
                let key = try parseString()
                skipWhitespace()
                guard position < buffer.count, buffer[position] == UInt8(ascii: ":") else {
                    throw fail("expected ':'")
                }
                position += 1
                skipWhitespace()
                let value = try parseValue(depth: depth + 1)
                fields.append((key, value))
                skipWhitespace()
                guard position < buffer.count else { throw fail("unexpected end of input") }
                if buffer[position] == UInt8(ascii: ",") { position += 1; continue }
                if buffer[position] == UInt8(ascii: "}") { position += 1; break }
                throw fail("expected ',' or '}'")
            }
            return .members(fields)
        }

        mutating func parseArray(depth: Int) throws(SyntaxError) -> Value {
            position += 1
            var items: [Value] = []
            skipWhitespace()
            if position < buffer.count, buffer[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                skipWhitespace()
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard position < buffer.count else { throw fail("unexpected end of input") }
                if buffer[position] == UInt8(ascii: ",") { position += 1; continue }
                if buffer[position] == UInt8(ascii: "]") { position += 1; break }
                throw fail("expected ',' or ']'")
            }
            return .array(items)
        }

        mutating func parseString() throws(SyntaxError) -> String {
            position += 1
            let start = position
            // Fast path: no escapes, so the bytes are the string.
            while position < buffer.count {
                let byte = buffer[position]
                if byte == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: buffer[start..<position])
                    position += 1
                    guard let text = String(validating: slice, as: UTF8.self) else {
                        throw SyntaxError(offset: start, reason: "invalid UTF-8 in string")
                    }
                    return text
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                position += 1
            }
            var bytes = Array(buffer[start..<position])
            while position < buffer.count {
                let byte = buffer[position]
                switch byte {
                case UInt8(ascii: "\""):
                    position += 1
                    guard let text = String(validating: bytes, as: UTF8.self) else {
                        throw SyntaxError(offset: start, reason: "invalid UTF-8 in string")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    position += 1
                    guard position < buffer.count else { throw fail("unterminated escape") }
                    let escaped = buffer[position]
                    position += 1
                    switch escaped {
                    case UInt8(ascii: "\""): bytes.append(0x22)
                    case UInt8(ascii: "\\"): bytes.append(0x5C)
                    case UInt8(ascii: "/"): bytes.append(0x2F)
                    case UInt8(ascii: "b"): bytes.append(0x08)
                    case UInt8(ascii: "f"): bytes.append(0x0C)
                    case UInt8(ascii: "n"): bytes.append(0x0A)
                    case UInt8(ascii: "r"): bytes.append(0x0D)
                    case UInt8(ascii: "t"): bytes.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try parseHex4()
                        if (0xD800...0xDBFF).contains(scalar) {
                            // A high surrogate must be followed by an escaped low surrogate.
                            guard position + 1 < buffer.count, buffer[position] == UInt8(ascii: "\\"),
                                buffer[position + 1] == UInt8(ascii: "u")
                            else { throw fail("lone surrogate") }
                            position += 2
                            let low = try parseHex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid surrogate pair") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(scalar) {
                            throw fail("lone surrogate")
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid escape") }
                        bytes.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default: throw fail("invalid escape")
                    }
                default:
                    if byte < 0x20 { throw fail("control character in string") }
                    bytes.append(byte)
                    position += 1
                }
            }
            throw fail("unterminated string")
        }

        mutating func parseHex4() throws(SyntaxError) -> UInt32 {
            guard position + 4 <= buffer.count else { throw fail("short \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = buffer[position]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw fail("invalid hex digit")
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }

        mutating func parseNumber() throws(SyntaxError) -> Value {
            let start = position
            var isInteger = true
            if buffer[position] == UInt8(ascii: "-") { position += 1 }
            let digitsStart = position
            while position < buffer.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(buffer[position]) {
                position += 1
            }
            if position == digitsStart { throw fail("expected digits") }
            if buffer[digitsStart] == UInt8(ascii: "0"), position - digitsStart > 1 { throw fail("leading zero") }
            if position < buffer.count, buffer[position] == UInt8(ascii: ".") {
                isInteger = false
                position += 1
                let fractionStart = position
                while position < buffer.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(buffer[position]) {
                    position += 1
                }
                if position == fractionStart { throw fail("expected fraction digits") }
            }
            if position < buffer.count, buffer[position] == UInt8(ascii: "e") || buffer[position] == UInt8(ascii: "E") {
                isInteger = false
                position += 1
                if position < buffer.count, buffer[position] == UInt8(ascii: "+") || buffer[position] == UInt8(ascii: "-") {
                    position += 1
                }
                let exponentStart = position
                while position < buffer.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(buffer[position]) {
                    position += 1
                }
                if position == exponentStart { throw fail("expected exponent digits") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<position]), as: UTF8.self)
            guard let number = Value.number(text, integral: isInteger) else {
                throw SyntaxError(offset: start, reason: "number out of range")
            }
            return number
        }
    }
}
