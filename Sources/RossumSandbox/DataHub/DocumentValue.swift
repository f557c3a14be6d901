/// A value in a stored record or in a query: JSON plus MongoDB's ObjectId, which clients
/// write in Extended JSON as `{"$oid": "<24 hex>"}`.
enum DocumentValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([DocumentValue])
    case object(Document)
    case objectId(String)

    var isNumber: Bool {
        switch self {
        case .int, .double: return true
        default: return false
        }
    }

    var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The largest count a client may give (`$size`, `skip`, `limit`): 2^53, where doubles stop
    /// being exact. Larger numbers cannot count anything real.
    static let maximumCount: Int64 = 1 << 53

    /// A whole number from 0 to `maximumCount` (written as an integer or as a whole double),
    /// nil for anything else. Checked before converting, so `1e300` is refused, not a trap.
    var count: Int? {
        switch self {
        case .int(let i): return (0...Self.maximumCount).contains(i) ? Int(i) : nil
        case .double(let d): return Int64(exactly: d).flatMap { (0...Self.maximumCount).contains($0) ? Int($0) : nil }
        default: return nil
        }
    }

    var documentValue: Document? {
        if case .object(let d) = self { return d }
        return nil
    }

    /// Truthiness as MongoDB uses it for `1`/`0`/`true`/`false` flags in projections.
    var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        default: return true
        }
    }
}

/// A JSON object that keeps its key order, as MongoDB documents do.
struct Document: Sendable {
    var fields: [(key: String, value: DocumentValue)]

    init(_ fields: [(key: String, value: DocumentValue)] = []) {
        self.fields = fields
    }

    var isEmpty: Bool { fields.isEmpty }

    subscript(key: String) -> DocumentValue? {
        get {
            for field in fields where field.key == key { return field.value }
            return nil
        }
        set {
            if let index = fields.firstIndex(where: { $0.key == key }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append((key, newValue))
            }
        }
    }

    var keys: [String] { fields.map(\.key) }
}

// MARK: - MongoDB comparison semantics

extension DocumentValue {
    /// The position of a type in MongoDB's canonical sort order
    /// (null < numbers < strings < objects < arrays < ObjectId < booleans).
    var canonicalTypeRank: Int {
        switch self {
        case .null: return 1
        case .int, .double: return 2
        case .string: return 3
        case .object: return 4
        case .array: return 5
        case .objectId: return 7
        case .bool: return 8
        }
    }

    /// Total order used by `sort`: first by type rank, then by value.
    static func compare(_ lhs: DocumentValue, _ rhs: DocumentValue) -> Int {
        let lr = lhs.canonicalTypeRank, rr = rhs.canonicalTypeRank
        if lr != rr { return lr < rr ? -1 : 1 }
        switch (lhs, rhs) {
        case (.null, .null): return 0
        case (.int(let a), .int(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (!a ? -1 : 1)
        case (.string(let a), .string(let b)): return compareStrings(a, b)
        case (.objectId(let a), .objectId(let b)): return compareStrings(a, b)
        case (.array(let a), .array(let b)):
            for (x, y) in zip(a, b) {
                let c = compare(x, y)
                if c != 0 { return c }
            }
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        case (.object(let a), .object(let b)):
            for (x, y) in zip(a.fields, b.fields) {
                let t = compare(x.value.rankOnly, y.value.rankOnly)
                if t != 0 { return t }
                let k = compareStrings(x.key, y.key)
                if k != 0 { return k }
                let v = compare(x.value, y.value)
                if v != 0 { return v }
            }
            return a.fields.count == b.fields.count ? 0 : (a.fields.count < b.fields.count ? -1 : 1)
        default:
            // Both numeric, at least one double.
            let a = lhs.doubleValue ?? 0, b = rhs.doubleValue ?? 0
            return a == b ? 0 : (a < b ? -1 : 1)
        }
    }

    /// A stand-in carrying only the type rank, to compare field types before names.
    private var rankOnly: DocumentValue {
        switch self {
        case .null: return .null
        case .int, .double: return .int(0)
        case .string: return .string("")
        case .object: return .object(Document())
        case .array: return .array([])
        case .objectId: return .objectId("")
        case .bool: return .bool(false)
        }
    }

    /// Byte-wise comparison of UTF-8, as MongoDB's default (simple) collation does.
    static func compareStrings(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        var ia = a.utf8.makeIterator(), ib = b.utf8.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    /// Equality as MongoDB's `$eq` sees it: numbers by value, objects key order sensitive.
    static func equal(_ lhs: DocumentValue, _ rhs: DocumentValue) -> Bool {
        if lhs.canonicalTypeRank != rhs.canonicalTypeRank { return false }
        return compare(lhs, rhs) == 0
    }
}

/// Records and queries are read with the sandbox's one JSON grammar.
typealias DocumentJSONParser = JSONTextParser<DocumentValue>

extension DocumentValue: JSONTextValue {
    /// `{"$oid": "<hex>"}` alone is an ObjectId (MongoDB's Extended JSON).
    static func members(_ members: [(key: String, value: DocumentValue)]) -> DocumentValue {
        if members.count == 1, members[0].key == "$oid", case .string(let hex) = members[0].value {
            return .objectId(hex.lowercased())
        }
        return .object(Document(members))
    }

    /// Integers stay integers (records keep the distinction the client wrote).
    static func number(_ text: String, integral: Bool) -> DocumentValue? {
        if integral, let integer = Int64(text) { return .int(integer) }
        guard let double = Double(text), double.isFinite else { return nil }
        return .double(double)
    }
}
