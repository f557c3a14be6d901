/// Serialises `DocumentValue`s to compact JSON bytes. Stored record bodies are written by this
/// writer, so a value always has exactly one textual form inside them.
struct DocumentJSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// Makes room for `count` more bytes at once, so a large result is not copied each time the
    /// array doubles.
    mutating func reserve(_ count: Int) {
        bytes.reserveCapacity(bytes.count + count)
    }

    static func encode(_ value: DocumentValue) -> [UInt8] {
        var writer = DocumentJSONWriter()
        writer.write(value)
        return writer.bytes
    }

    static func string(_ value: DocumentValue) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    static func string(_ document: Document) -> String {
        string(.object(document))
    }

    mutating func write(_ value: DocumentValue) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .int(let i): append(String(i))
        case .double(let d):
            if d.isFinite { append(d.description) } else { append("null") }
        case .string(let s): writeString(s)
        case .objectId(let hex):
            append("{\"$oid\":")
            writeString(hex)
            bytes.append(UInt8(ascii: "}"))
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let document):
            bytes.append(UInt8(ascii: "{"))
            for (index, field) in document.fields.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(field.key)
                bytes.append(UInt8(ascii: ":"))
                write(field.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func appendRaw(_ raw: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    mutating func appendRaw(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    private static let objectIdLead = Array("{\"_id\":{\"$oid\":\"\(ObjectIdCodec.prefix)".utf8)

    /// Writes `{"_id":{"$oid":"<hex>"}` for a row id without building a String (it runs for every
    /// record of a download page, so the digits and the closing `"}` go in as one write).
    mutating func appendObjectIdPrefix(rowID: Int64) {
        bytes.append(contentsOf: Self.objectIdLead)
        let value = UInt64(bitPattern: rowID)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 18) { tail in
            for position in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * position)) & 0xF
                tail[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
            }
            tail[16] = UInt8(ascii: "\"")
            tail[17] = UInt8(ascii: "}")
            bytes.append(contentsOf: tail)
        }
    }

    mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(0x5C); bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            case 0x00..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
