import Foundation

/// A JSON document as the sandbox stores and serves it.
///
/// The sandbox keeps resources as free-form JSON (so unknown fields a client sends survive a
/// round trip) and only interprets the fields it needs. References to other resources are
/// stored host-independently as `"@api/queues/3"` and turned into absolute URLs when served,
/// because the URL depends on the `Host` the client used.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Prefix of stored references; `"@api/queues/3"` is served as `"<base>/api/v1/queues/3"`.
    public static let referencePrefix = "@api/"

    public static func reference(_ path: String) -> JSONValue { .string(referencePrefix + path) }
    public static func reference(_ collection: String, _ id: Int) -> JSONValue {
        .string("\(referencePrefix)\(collection)/\(id)")
    }
    public static func optionalReference(_ collection: String, _ id: Int?) -> JSONValue {
        id.map { reference(collection, $0) } ?? .null
    }

    public subscript(key: String) -> JSONValue? {
        get { if case .object(let dictionary) = self { return dictionary[key] } else { return nil } }
        set {
            guard case .object(var dictionary) = self else { return }
            dictionary[key] = newValue
            self = .object(dictionary)
        }
    }

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d == d.rounded() && abs(d) < 1e15: return Int(d)
        case .string(let s): return Int(s)
        default: return nil
        }
    }
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s): return Double(s)
        default: return nil
        }
    }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
    public var isNull: Bool { self == .null }

    /// The id at the end of a resource URL or stored reference (`…/queues/3` → 3), or a bare id.
    public var referencedID: Int? {
        switch self {
        case .int(let i): return i
        case .string(let s): return JSONValue.idFromURL(s)
        default: return nil
        }
    }

    /// A stored reference as the absolute URL a client sees.
    public func absoluteURL(apiBase: String) -> String {
        guard let s = stringValue else { return "" }
        return s.hasPrefix(JSONValue.referencePrefix) ? apiBase + "/" + s.dropFirst(JSONValue.referencePrefix.count) : s
    }

    static func idFromURL(_ url: String) -> Int? {
        let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
        if let direct = Int(trimmed) { return direct }
        guard let last = trimmed.split(separator: "/").last else { return nil }
        return Int(last)
    }
}

// MARK: - Parsing

extension JSONValue: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let b = try? container.decode(Bool.self) { self = .bool(b); return }
        if let i = try? container.decode(Int.self) { self = .int(i); return }
        if let d = try? container.decode(Double.self) { self = .double(d); return }
        if let s = try? container.decode(String.self) { self = .string(s); return }
        if let a = try? container.decode([JSONValue].self) { self = .array(a); return }
        self = .object(try container.decode([String: JSONValue].self))
    }

    /// Parses a request body; the error says what is wrong in words a client can act on.
    public static func parse(_ data: Data) throws(SandboxHTTPError) -> JSONValue {
        guard let value = try? JSONTextParser<JSONValue>.parse([UInt8](data)) else {
            throw SandboxHTTPError.badRequest("JSON parse error - the request body is not valid JSON.")
        }
        return value
    }
}

extension JSONValue: JSONTextValue {
    /// Of two equal names the last wins, as in the API's own parser.
    static func members(_ members: [(key: String, value: JSONValue)]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        object.reserveCapacity(members.count)
        for (key, value) in members { object[key] = value }
        return .object(object)
    }

    /// A number that is an exact integer (`3`, `1.0`, `1e2`) is an `.int`, as `JSONDecoder`
    /// decided before this parser replaced it (JSON does not tell `1.0` from `1`).
    static func number(_ text: String, integral: Bool) -> JSONValue? {
        if integral, let integer = Int(text) { return .int(integer) }
        guard let double = Double(text), double.isFinite else { return nil }
        return Int(exactly: double).map(JSONValue.int) ?? .double(double)
    }
}

// MARK: - Serialising

extension JSONValue {
    /// Serialises compactly; stored references become absolute URLs under `apiBase`
    /// (for example `http://127.0.0.1:8080/api/v1`); with `nil` they stay stored references.
    public func serialized(apiBase: String?) -> String {
        String(decoding: serializedBytes(apiBase: apiBase), as: UTF8.self)
    }

    /// The same as bytes, written straight into a byte array (lists of 100 annotations are
    /// serialised on every page, so this path is kept cheap).
    public func serializedBytes(apiBase: String?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out, apiBase: apiBase.map { Array($0.utf8) + [UInt8(ascii: "/")] })
        return out
    }

    func write(into out: inout [UInt8], apiBase: [UInt8]?) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d):
            if d.isFinite {
                if d == d.rounded(), abs(d) < 1e15 {
                    out.append(contentsOf: String(Int(d)).utf8)
                    out.append(contentsOf: ".0".utf8)
                } else {
                    out.append(contentsOf: "\(d)".utf8)
                }
            } else {
                out.append(contentsOf: "null".utf8)
            }
        case .string(let s):
            if let apiBase, s.hasPrefix(JSONValue.referencePrefix) {
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: apiBase)
                JSONValue.appendEscapedBody(s.utf8.dropFirst(JSONValue.referencePrefix.utf8.count), into: &out)
                out.append(UInt8(ascii: "\""))
            } else {
                JSONValue.writeEscaped(s, into: &out)
            }
        case .array(let items):
            out.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                item.write(into: &out, apiBase: apiBase)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let dictionary):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONValue.writeEscaped(key, into: &out)
                out.append(UInt8(ascii: ":"))
                value.write(into: &out, apiBase: apiBase)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeEscaped(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendEscapedBody(string.utf8[...], into: &out)
        out.append(UInt8(ascii: "\""))
    }

    static func appendEscapedBody(_ bytes: Substring.UTF8View, into out: inout [UInt8]) {
        // Native strings are contiguous UTF-8: escaped over their own bytes, with no copy.
        let done: Void? = bytes.withContiguousStorageIfAvailable { appendEscapedBody($0, into: &out) }
        if done == nil { Array(bytes).withUnsafeBufferPointer { appendEscapedBody($0, into: &out) } }
    }

    /// Appends the bytes between escapes as whole runs: hook logs carry whole request bodies
    /// (full of quotes) as strings, and appending them byte by byte made that the cost of a log.
    static func appendEscapedBody(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            runStart = index + 1
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case 0x22: out.append(UInt8(ascii: "\""))
            case 0x5C: out.append(UInt8(ascii: "\\"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                let digits = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
            }
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// Turns absolute URLs under `apiBase` that a client sent back into stored references,
    /// so stored data never depends on the host name the client happened to use.
    public func normalizingReferences(apiBase: String) -> JSONValue {
        switch self {
        case .string(let s):
            let prefix = apiBase + "/"
            if s.hasPrefix(prefix) { return .string(JSONValue.referencePrefix + s.dropFirst(prefix.count)) }
            if let range = s.range(of: "/api/v1/"), s.hasPrefix("http") {
                return .string(JSONValue.referencePrefix + s[range.upperBound...])
            }
            return self
        case .array(let items): return .array(items.map { $0.normalizingReferences(apiBase: apiBase) })
        case .object(let dictionary): return .object(dictionary.mapValues { $0.normalizingReferences(apiBase: apiBase) })
        default: return self
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringInterpolation
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSONValue {
    /// A stored JSON column back into a value; an unreadable column is served as `{}` rather than failing a list.
    static func stored(_ text: String?) -> JSONValue {
        // Most stored metadata and labels are empty: skip the decoder for them (lists stay fast).
        if text == "{}" { return .object([:]) }
        if text == "[]" { return .array([]) }
        guard let text else { return .object([:]) }
        return (try? JSONTextParser<JSONValue>.parse(text)) ?? .object([:])
    }

    /// Stored form: references stay as `@api/` markers.
    var storageText: String { serialized(apiBase: nil) }
}
