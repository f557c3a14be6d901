/// Maps record row ids to ObjectId hex strings and back.
///
/// Every record's `_id` is a fixed 8-hex prefix followed by its SQLite row id in 16 hex digits.
/// Row ids only grow (the table is AUTOINCREMENT), so the `_id` order is the row id order and
/// `_id` sorts and ranges become index range scans instead of decoding records.
enum ObjectIdCodec {
    /// Looks like a 2024 ObjectId timestamp; constant so stored databases stay readable.
    static let prefix = "6740a1c0"

    static func hex(forRowID rowID: Int64) -> String {
        let digits = String(UInt64(rowID), radix: 16)
        return prefix + String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func isObjectIdHex(_ text: String) -> Bool {
        text.utf8.count == 24 && text.utf8.allSatisfy { isHexDigit($0) }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    /// Where an arbitrary ObjectId falls among ours: the smallest row id whose `_id` is `>=`
    /// the given one, and whether that row's `_id` is exactly it.
    static func position(of hex: String) -> (rowID: Int64, exact: Bool) {
        let hex = hex.lowercased()
        let head = String(hex.prefix(8))
        if head < prefix { return (0, false) }
        if head > prefix || hex.count != 24 { return (Int64.max, false) }
        guard let value = UInt64(hex.dropFirst(8), radix: 16) else { return (Int64.max, false) }
        if value > UInt64(Int64.max) { return (Int64.max, false) }
        return (Int64(value), true)
    }
}
