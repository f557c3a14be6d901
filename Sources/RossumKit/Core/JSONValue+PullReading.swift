extension JSONValue {
    /// Nesting deeper than this is refused, so a hostile answer cannot exhaust the stack.
    static let maximumReadDepth = 512

    /// Reads one value of any kind with the pull reader. `Decodable` has no way to ask which
    /// kind comes next, so `init(from:)` tries each in turn and pays for a thrown error per
    /// miss; answers polled every few seconds (MDH operations) are read here instead.
    public init(reading reader: inout JSONPullReader) throws(JSONPullReader.Failure) {
        self = try Self.read(&reader, depth: 0)
    }

    private static func read(_ reader: inout JSONPullReader, depth: Int) throws(JSONPullReader.Failure) -> JSONValue {
        guard depth <= maximumReadDepth else {
            throw JSONPullReader.Failure(offset: reader.offset, reason: "nested deeper than \(maximumReadDepth) levels")
        }
        switch try reader.peek() {
        case .null:
            _ = try reader.readNull()
            return .null
        case .bool:
            return .bool(try reader.readBool() ?? false)
        case .string:
            return .string(try reader.readString() ?? "")
        case .number:
            let start = reader.offset
            guard let text = try reader.readNumberText(), let number = Double(text), number.isFinite else {
                throw JSONPullReader.Failure(offset: start, reason: "number out of range")
            }
            return .number(number)
        case .array:
            var items: [JSONValue] = []
            try reader.readArray { reader throws(JSONPullReader.Failure) in items.append(try read(&reader, depth: depth + 1)) }
            return .array(items)
        case .object:
            var object = JSONObject()
            try reader.readObject { reader, key throws(JSONPullReader.Failure) in
                object[key.text] = try read(&reader, depth: depth + 1)
            }
            return .object(object)
        }
    }
}

/// A whole answer read as a `JSONValue` with the pull reader (a separate type, because
/// `JSONValue` is also `Decodable` and `RossumClient.decode` would not know which to use).
struct JSONDocument: JSONPullDecodable {
    var value: JSONValue
    init(reading reader: inout JSONPullReader) throws(JSONPullReader.Failure) {
        value = try JSONValue(reading: &reader)
    }
}
