#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the byte ranges of values in a JSON text without building them, so records can be copied
/// to a file exactly as the server sent them. It validates structure only as far as it needs to
/// skip values correctly; the server's JSON is trusted to be well formed inside strings and numbers.
struct RawJSONScanner {
    let bytes: UnsafeRawBufferPointer

    struct Malformed: Error, CustomStringConvertible {
        let offset: Int
        let expected: String
        var description: String { "malformed JSON at byte \(offset): expected \(expected)" }
    }

    func skipWhitespace(_ index: inout Int) {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// `index` at an opening quote; leaves it after the closing quote.
    func skipString(_ index: inout Int) throws {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let base = bytes.baseAddress else {
            throw Malformed(offset: index, expected: "a string")
        }
        // memchr finds the next quote many bytes at a time (most of a record's bytes are inside
        // strings); a quote after an odd run of backslashes is escaped and the search goes on.
        var position = index + 1
        while position < bytes.count, let found = memchr(base + position, 0x22, bytes.count - position) {
            let quote = base.distance(to: UnsafeRawPointer(found))
            var backslashes = 0
            while quote - backslashes - 1 > index, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 {
                index = quote + 1
                return
            }
            position = quote + 1
        }
        index = bytes.count
        throw Malformed(offset: index, expected: "the end of a string")
    }

    /// Skips any value; `index` ends just after it.
    func skipValue(_ index: inout Int) throws {
        skipWhitespace(&index)
        guard index < bytes.count else { throw Malformed(offset: index, expected: "a value") }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            try skipString(&index)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            // Depth counting is enough: brackets inside strings are skipped with the strings.
            var depth = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    try skipString(&index)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        return
                    }
                default: break
                }
                index += 1
            }
            throw Malformed(offset: index, expected: "the end of an object or array")
        default:
            // number, true, false, null
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: return
                default: index += 1
                }
            }
        }
    }

    /// Calls `body` with (key range without quotes, member range, value range) for each member of
    /// the object starting at `index`.
    func forEachMember(ofObjectAt start: Int, _ body: (Range<Int>, Range<Int>, Range<Int>) throws -> Bool) throws {
        try walkMembers(ofObjectAt: start) { key, memberStart, index in
            let valueStart = index
            try skipValue(&index)
            return try body(key, memberStart..<index, valueStart..<index)
        }
    }

    /// The one loop over an object's members: `visit` gets the key (without quotes), where the
    /// member starts, and `index` at the value, which it must move past; false stops the walk.
    private func walkMembers(ofObjectAt start: Int, _ visit: (Range<Int>, Int, inout Int) throws -> Bool) throws {
        var index = start
        skipWhitespace(&index)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw Malformed(offset: index, expected: "an object") }
        index += 1
        skipWhitespace(&index)
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return }
        while index < bytes.count {
            skipWhitespace(&index)
            let memberStart = index
            try skipString(&index)
            let key = (memberStart + 1)..<(index - 1)
            skipWhitespace(&index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Malformed(offset: index, expected: "a colon") }
            index += 1
            skipWhitespace(&index)
            if try !visit(key, memberStart, &index) { return }
            skipWhitespace(&index)
            guard index < bytes.count else { break }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { return }
            throw Malformed(offset: index, expected: "a comma or the end of an object")
        }
        throw Malformed(offset: index, expected: "the end of an object")
    }

    /// The ranges of the elements of the array starting at `start`; `index` ends after the array.
    func elements(ofArrayAt start: Int, end index: inout Int) throws -> [Range<Int>] {
        index = start
        skipWhitespace(&index)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw Malformed(offset: index, expected: "an array") }
        index += 1
        var ranges: [Range<Int>] = []
        skipWhitespace(&index)
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return ranges }
        while index < bytes.count {
            skipWhitespace(&index)
            let elementStart = index
            try skipValue(&index)
            ranges.append(elementStart..<index)
            skipWhitespace(&index)
            guard index < bytes.count else { break }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return ranges }
            throw Malformed(offset: index, expected: "a comma or the end of an array")
        }
        throw Malformed(offset: index, expected: "the end of an array")
    }

    /// The member named `name` of the object at `start` (its member and value ranges), nil when absent.
    func member(_ name: StaticString, ofObjectAt start: Int) throws -> (member: Range<Int>, value: Range<Int>)? {
        var found: (member: Range<Int>, value: Range<Int>)?
        try forEachMember(ofObjectAt: start) { key, member, value in
            if equals(key, name) {
                found = (member, value)
                return false
            }
            return true
        }
        return found
    }

    /// A Data Storage answer `{"code", "message", "result": [...]}` read in one pass: the code and
    /// message when they are strings, and the ranges of the elements of `result` when present.
    func storageEnvelope() throws -> (code: String?, message: String?, records: [Range<Int>]?) {
        var code: String?
        var message: String?
        var records: [Range<Int>]?
        try walkMembers(ofObjectAt: 0) { key, _, index in
            let valueStart = index
            if equals(key, "result"), index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                // The records are found while the array is skipped: the answer is read once.
                records = try elements(ofArrayAt: valueStart, end: &index)
            } else {
                try skipValue(&index)
                if valueStart < bytes.count, bytes[valueStart] == UInt8(ascii: "\"") {
                    if equals(key, "code") { code = string((valueStart + 1)..<(index - 1)) }
                    if equals(key, "message") { message = string((valueStart + 1)..<(index - 1)) }
                }
            }
            return true
        }
        return (code, message, records)
    }

    func equals(_ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        let pointer = text.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != pointer[offset] { return false }
        return true
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
