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
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw SandboxHTTPError.badRequest("JSON parse error - the request body is not valid JSON.")
        }
    }
}

// MARK: - Serialising

extension JSONValue {
    /// Serialises compactly; stored references become absolute URLs under `apiBase`
    /// (for example `http://127.0.0.1:8080/api/v1`); with `nil` they stay stored references.
    public func serialized(apiBase: String?) -> String {
        var out = ""
        out.reserveCapacity(256)
        write(into: &out, apiBase: apiBase)
        return out
    }

    func write(into out: inout String, apiBase: String?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if d.isFinite {
                if d == d.rounded(), abs(d) < 1e15 { out += String(Int(d)); out += ".0" } else { out += "\(d)" }
            } else {
                out += "null"
            }
        case .string(let s):
            if let apiBase, s.hasPrefix(JSONValue.referencePrefix) {
                JSONValue.writeEscaped(apiBase + "/" + s.dropFirst(JSONValue.referencePrefix.count), into: &out)
            } else {
                JSONValue.writeEscaped(s, into: &out)
            }
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(into: &out, apiBase: apiBase)
            }
            out += "]"
        case .object(let dictionary):
            out += "{"
            var first = true
            for key in dictionary.keys.sorted() {
                if !first { out += "," }
                first = false
                JSONValue.writeEscaped(key, into: &out)
                out += ":"
                dictionary[key]!.write(into: &out, apiBase: apiBase)
            }
            out += "}"
        }
    }

    static func writeEscaped<S: StringProtocol>(_ string: S, into out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
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
        guard let text, let data = text.data(using: .utf8) else { return .object([:]) }
        return (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .object([:])
    }

    /// Stored form: references stay as `@api/` markers.
    var storageText: String { serialized(apiBase: nil) }
}
