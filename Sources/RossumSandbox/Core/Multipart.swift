import Foundation

/// A parsed `multipart/form-data` body (uploads send `content`, `values`, `metadata` parts).
struct MultipartPart: Sendable {
    var name: String
    var fileName: String?
    var contentType: String?
    var body: Data
}

enum Multipart {
    static func parse(_ data: Data, contentType: String?) throws -> [MultipartPart] {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = parameter("boundary", in: contentType)
        else {
            throw SandboxHTTPError(.unsupportedMediaType, detail: "Multipart form parse error - expected multipart/form-data with a boundary.")
        }
        let delimiter = Data("--\(boundary)".utf8)
        var parts: [MultipartPart] = []
        var cursor = data.startIndex
        guard let first = data.range(of: delimiter, in: cursor..<data.endIndex) else {
            throw SandboxHTTPError.badRequest("Multipart form parse error - boundary not found.")
        }
        cursor = first.upperBound
        let headerEnd = Data("\r\n\r\n".utf8)
        while cursor < data.endIndex {
            if data[cursor...].starts(with: Data("--".utf8)) { break }
            if data[cursor...].starts(with: Data("\r\n".utf8)) { cursor += 2 }
            guard let headersRange = data.range(of: headerEnd, in: cursor..<data.endIndex) else {
                throw SandboxHTTPError.badRequest("Multipart form parse error - part headers not terminated.")
            }
            let headers = String(decoding: data[cursor..<headersRange.lowerBound], as: UTF8.self)
            guard let next = data.range(of: Data("\r\n--\(boundary)".utf8), in: headersRange.upperBound..<data.endIndex) else {
                throw SandboxHTTPError.badRequest("Multipart form parse error - closing boundary missing.")
            }
            var part = MultipartPart(name: "", fileName: nil, contentType: nil, body: Data(data[headersRange.upperBound..<next.lowerBound]))
            for line in headers.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    part.name = parameter("name", in: line) ?? ""
                    part.fileName = parameter("filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    part.contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            parts.append(part)
            cursor = next.upperBound
        }
        return parts
    }

    /// `name="value"` (or unquoted) from a header line.
    static func parameter(_ name: String, in header: String) -> String? {
        for item in header.split(separator: ";") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
