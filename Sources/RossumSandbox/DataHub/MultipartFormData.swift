import Foundation

/// A parsed `multipart/form-data` body (RFC 7578): text fields and file parts.
struct MultipartFormData: Sendable {
    struct Part: Sendable {
        let name: String
        let filename: String?
        let contentType: String?
        let body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct FormatError: Error, Sendable, CustomStringConvertible {
        let description: String
    }

    let parts: [Part]

    func field(_ name: String) -> String? {
        parts.first { $0.name == name && $0.filename == nil }?.text ?? parts.first { $0.name == name }?.text
    }

    /// Every value of a repeated field (`id_keys`), in order.
    func fields(_ name: String) -> [String] {
        parts.filter { $0.name == name }.map(\.text)
    }

    func file(_ name: String) -> Part? {
        parts.first { $0.name == name }
    }

    /// The boundary parameter of a `multipart/form-data` content type, nil for other types.
    static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let type = pieces.first, type.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    init(body: [UInt8], boundary: String) throws(FormatError) {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Part] = []
        guard var position = Self.find(delimiter, in: body, from: 0) else {
            throw FormatError(description: "multipart body has no boundary \(boundary)")
        }
        position += delimiter.count
        let separator = Array("\r\n--\(boundary)".utf8)
        while true {
            // After a boundary: "--" ends the body, CRLF starts a part.
            if body.count >= position + 2, body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-") { break }
            guard body.count >= position + 2, body[position] == 0x0D, body[position + 1] == 0x0A else {
                throw FormatError(description: "malformed multipart boundary line")
            }
            position += 2
            guard let headerEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: position) else {
                throw FormatError(description: "multipart part without a header end")
            }
            let headers = String(decoding: body[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let contentEnd = Self.find(separator, in: body, from: contentStart) else {
                throw FormatError(description: "multipart part without a closing boundary")
            }
            parts.append(try Self.part(headers: headers, body: Array(body[contentStart..<contentEnd])))
            position = contentEnd + separator.count
        }
        self.parts = parts
    }

    private static func part(headers: String, body: [UInt8]) throws(FormatError) -> Part {
        var name: String?, filename: String?, contentType: String?
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let header = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            if header == "content-disposition" {
                name = parameter("name", in: value)
                filename = parameter("filename", in: value)
            } else if header == "content-type" {
                contentType = value
            }
        }
        guard let name else { throw FormatError(description: "multipart part without a name") }
        return Part(name: name, filename: filename, contentType: contentType, body: body)
    }

    /// A parameter of a Content-Disposition value, quoted or not.
    private static func parameter(_ key: String, in value: String) -> String? {
        var index = value.startIndex
        while index < value.endIndex {
            let rest = value[index...]
            guard let range = rest.range(of: key + "=") else { return nil }
            let before = range.lowerBound == value.startIndex ? nil : value[value.index(before: range.lowerBound)]
            index = range.upperBound
            guard before == nil || before == ";" || before == " " else { continue }
            if value[index...].hasPrefix("\"") {
                var result = ""
                var cursor = value.index(after: index)
                while cursor < value.endIndex, value[cursor] != "\"" {
                    if value[cursor] == "\\", value.index(after: cursor) < value.endIndex { cursor = value.index(after: cursor) }
                    result.append(value[cursor])
                    cursor = value.index(after: cursor)
                }
                return result
            }
            let end = value[index...].firstIndex(of: ";") ?? value.endIndex
            return value[index..<end].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// First index of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var index = start
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                while index <= last {
                    if hay[index] == first {
                        var matched = true
                        for offset in 1..<pin.count where hay[index + offset] != pin[offset] {
                            matched = false
                            break
                        }
                        if matched { return index }
                    }
                    index += 1
                }
                return nil
            }
        }
    }
}
