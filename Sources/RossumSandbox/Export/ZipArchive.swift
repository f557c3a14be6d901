/// A minimal ZIP writer (stored entries, no compression): enough for the XLSX export, whose
/// readers (Excel, LibreOffice, openpyxl) accept stored parts. Sizes stay under 4 GB.
struct ZipArchive {
    private var data: [UInt8] = []
    private var central: [UInt8] = []
    private var count: UInt16 = 0

    mutating func add(_ name: String, _ content: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(content)
        let offset = UInt32(data.count)
        // Local file header: version 2.0, no flags, stored, fixed DOS time (1 Jan 2024).
        data += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x5821)
        data += le32(crc) + le32(UInt32(content.count)) + le32(UInt32(content.count))
        data += le16(UInt16(nameBytes.count)) + le16(0) + nameBytes + content
        central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x5821)
        central += le32(crc) + le32(UInt32(content.count)) + le32(UInt32(content.count))
        central += le16(UInt16(nameBytes.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + nameBytes
        count += 1
    }

    /// The archive: entries, central directory, end record.
    var bytes: [UInt8] {
        let directoryOffset = UInt32(data.count)
        return data + central + le32(0x0605_4B50) + le16(0) + le16(0) + le16(count) + le16(count)
            + le32(UInt32(central.count)) + le32(directoryOffset) + le16(0)
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
}

enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
