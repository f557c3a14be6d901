import Foundation

/// What a request carries.
public enum RequestBody: Sendable {
    /// A JSON document, written with its keys in order.
    case json(JSONValue)
    /// Any `Encodable` value, written with `JSONEncoder`.
    case encodable(any Encodable & Sendable)
    /// `application/x-www-form-urlencoded` fields.
    case form([(String, String)])
    /// `multipart/form-data` parts.
    case multipart(MultipartForm)
    /// Raw bytes with their content type.
    case bytes([UInt8], contentType: String)

    func encoded() throws -> (bytes: [UInt8], contentType: String) {
        switch self {
        case .json(let value):
            return (JSONWriter.bytes(value), "application/json")
        case .encodable(let value):
            do {
                return (Array(try JSONEncoder().encode(value)), "application/json")
            } catch {
                throw RossumError.configuration("could not encode the request body: \(error)")
            }
        case .form(let fields):
            let text = fields.map { "\(URLText.percentEncodeQuery($0.0))=\(URLText.percentEncodeQuery($0.1))" }
                .joined(separator: "&")
            return (Array(text.utf8), "application/x-www-form-urlencoded")
        case .multipart(let form):
            return (form.encoded(), form.contentType)
        case .bytes(let bytes, let contentType):
            return (bytes, contentType)
        }
    }
}

/// A `multipart/form-data` body: file parts and plain fields in the order added.
public struct MultipartForm: Sendable {
    public struct Part: Sendable {
        public var name: String
        public var filename: String?
        public var contentType: String?
        public var data: [UInt8]
    }

    public private(set) var parts: [Part] = []
    public let boundary: String

    public init(boundary: String = "rossumkit-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()) {
        self.boundary = boundary
    }

    public mutating func addField(_ name: String, _ value: String) {
        parts.append(Part(name: name, filename: nil, contentType: nil, data: Array(value.utf8)))
    }

    /// A file part. `filename` may be empty (the Rossum upload API wants `""` on its JSON parts).
    public mutating func addFile(_ name: String, filename: String, contentType: String, data: [UInt8]) {
        parts.append(Part(name: name, filename: filename, contentType: contentType, data: data))
    }

    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.data.count + 200 })
        for part in parts {
            out.append(contentsOf: Array("--\(boundary)\r\n".utf8))
            var disposition = "Content-Disposition: form-data; name=\"\(Self.quoted(part.name))\""
            if let filename = part.filename { disposition += "; filename=\"\(Self.quoted(filename))\"" }
            out.append(contentsOf: Array((disposition + "\r\n").utf8))
            if let contentType = part.contentType {
                out.append(contentsOf: Array("Content-Type: \(contentType)\r\n".utf8))
            }
            out.append(contentsOf: Array("\r\n".utf8))
            out.append(contentsOf: part.data)
            out.append(contentsOf: Array("\r\n".utf8))
        }
        out.append(contentsOf: Array("--\(boundary)--\r\n".utf8))
        return out
    }

    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }
}
