/// A black-and-white bitmap written as a PNG (1 bit per pixel, zlib with stored blocks: no
/// compressor is needed, and a page of text bars stays around 60 KB).
struct PNGImage {
    let width: Int
    let height: Int
    /// Row-major, `true` is black.
    private var pixels: [Bool]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        pixels = Array(repeating: false, count: width * height)
    }

    subscript(x: Int, y: Int) -> Bool {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// Blackens the rectangle, clipped to the image.
    mutating func fill(x0: Int, y0: Int, x1: Int, y1: Int) {
        let left = max(0, min(x0, x1)), right = min(width - 1, max(x0, x1))
        let top = max(0, min(y0, y1)), bottom = min(height - 1, max(y0, y1))
        guard left <= right, top <= bottom else { return }
        for y in top...bottom { for x in left...right { self[x, y] = true } }
    }

    /// The image turned clockwise by a multiple of 90 degrees.
    func rotated(clockwise degrees: Int) -> PNGImage {
        let turns = ((degrees / 90) % 4 + 4) % 4
        guard turns > 0 else { return self }
        var result = PNGImage(width: turns == 2 ? width : height, height: turns == 2 ? height : width)
        for y in 0..<height {
            for x in 0..<width where self[x, y] {
                switch turns {
                case 1: result[height - 1 - y, x] = true
                case 2: result[width - 1 - x, height - 1 - y] = true
                default: result[y, width - 1 - x] = true
                }
            }
        }
        return result
    }

    var bytes: [UInt8] {
        var raw: [UInt8] = []
        let rowBytes = (width + 7) / 8
        raw.reserveCapacity((rowBytes + 1) * height)
        for y in 0..<height {
            raw.append(0)  // filter: none
            for byteIndex in 0..<rowBytes {
                var byte: UInt8 = 0
                for bit in 0..<8 {
                    let x = byteIndex * 8 + bit
                    // Grayscale 1-bit: 1 is white.
                    if x < width, !self[x, y] { byte |= 0x80 >> UInt8(bit) }
                }
                raw.append(byte)
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += Self.chunk("IHDR", Self.be32(UInt32(width)) + Self.be32(UInt32(height)) + [1, 0, 0, 0, 0])
        png += Self.chunk("IDAT", Self.zlibStored(raw))
        png += Self.chunk("IEND", [])
        return png
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return be32(UInt32(data.count)) + typed + be32(CRC32.checksum(typed))
    }

    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            out += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + be32(b << 16 | a)
    }

    private static func be32(_ value: UInt32) -> [UInt8] { (0..<4).reversed().map { UInt8((value >> (8 * $0)) & 0xFF) } }
}
