import Foundation

/// A raw RFC 822 / MIME message read the way an inbox reads it: the envelope headers, the text
/// bodies and the attached files. Tolerant like a mail server: a header or part it cannot read
/// is skipped rather than refused, since the raw message is kept and served as it came.
struct EmailMessage: Sendable, Equatable {
    struct Address: Sendable, Equatable {
        var email: String
        var name: String
    }

    struct Attachment: Sendable, Equatable {
        var fileName: String
        var mimeType: String
        var data: Data
    }

    var subject = ""
    var from: Address?
    var to: [Address] = []
    var cc: [Address] = []
    var bcc: [Address] = []
    var textPlain = ""
    var textHTML = ""
    var attachments: [Attachment] = []
    /// `Message-ID`, and the ids of the messages this one answers (`In-Reply-To`, `References`),
    /// without angle brackets: what puts an e-mail into its thread.
    var messageID: String?
    var answers: [String] = []

    /// Rossum shortens the served bodies to 4 kB.
    static let bodyLimit = 4096

    init(subject: String = "", from: Address? = nil, to: [Address] = []) {
        self.subject = subject
        self.from = from
        self.to = to
    }

    init(raw: Data) {
        let (headers, body) = Self.split(raw)
        subject = headers.value("subject").map(Self.decodeWords) ?? ""
        from = headers.value("from").flatMap { Self.addresses($0).first }
        to = headers.value("to").map(Self.addresses) ?? []
        cc = headers.value("cc").map(Self.addresses) ?? []
        bcc = headers.value("bcc").map(Self.addresses) ?? []
        messageID = headers.value("message-id").flatMap { Self.messageIDs($0).first }
        answers = (headers.value("in-reply-to").map(Self.messageIDs) ?? []) + (headers.value("references").map(Self.messageIDs) ?? [])
        read(headers: headers, body: body)
        textPlain = String(textPlain.prefix(Self.bodyLimit))
        textHTML = String(textHTML.prefix(Self.bodyLimit))
    }

    /// `<a@x> <b@y>` -> ["a@x", "b@y"]; a bare id is taken whole.
    static func messageIDs(_ value: String) -> [String] {
        let bracketed = value.split(separator: "<").compactMap { $0.split(separator: ">").first.map(String.init) }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if !bracketed.isEmpty { return bracketed }
        let bare = value.trimmingCharacters(in: .whitespaces)
        return bare.isEmpty ? [] : [bare]
    }

    // MARK: Headers

    struct Headers: Sendable {
        var fields: [(name: String, value: String)] = []

        func value(_ name: String) -> String? {
            fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        /// `Content-Type: text/plain; charset=utf-8` -> ("text/plain", parameters).
        func typed(_ name: String) -> (value: String, parameters: [String: String])? {
            guard let raw = value(name) else { return nil }
            let items = raw.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            var parameters: [String: String] = [:]
            for item in items.dropFirst() {
                let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                parameters[pair[0].lowercased()] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            return ((items.first ?? "").lowercased(), parameters)
        }
    }

    /// Headers (folded lines joined) and the body after the first empty line.
    static func split(_ data: Data) -> (Headers, Data) {
        let separators = [Data("\r\n\r\n".utf8), Data("\n\n".utf8)]
        let found = separators.compactMap { data.range(of: $0) }.min { $0.lowerBound < $1.lowerBound }
        let headerData = found.map { data[data.startIndex..<$0.lowerBound] } ?? data[...]
        let body = found.map { Data(data[$0.upperBound...]) } ?? Data()
        var headers = Headers()
        for line in String(decoding: headerData, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n") {
            if line.first == " " || line.first == "\t", let last = headers.fields.indices.last {
                headers.fields[last].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.fields.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return (headers, body)
    }

    /// `"Name" <a@b.c>, d@e.f` -> addresses; commas inside quotes do not split.
    static func addresses(_ raw: String) -> [Address] {
        var items: [String] = [], current = "", quoted = false
        for character in raw {
            if character == "\"" { quoted.toggle() }
            if character == ",", !quoted { items.append(current); current = "" } else { current.append(character) }
        }
        items.append(current)
        return items.compactMap { item in
            let text = item.trimmingCharacters(in: .whitespaces)
            if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
                let email = String(text[text.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
                let name = decodeWords(text[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
                return email.isEmpty ? nil : Address(email: email, name: name)
            }
            return text.contains("@") ? Address(email: text, name: "") : nil
        }
    }

    /// RFC 2047 encoded words (`=?utf-8?B?...?=`, `=?utf-8?Q?...?=`) in headers.
    static func decodeWords(_ text: String) -> String {
        guard text.contains("=?") else { return text }
        var result = "", rest = Substring(text)
        while let start = rest.range(of: "=?") {
            let afterStart = rest[start.upperBound...]
            let parts = afterStart.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, parts[3].hasPrefix("="), let encoding = parts[1].first?.uppercased() else { break }
            // Whitespace between two encoded words is not part of the text.
            let between = rest[..<start.lowerBound]
            if result.isEmpty || !between.allSatisfy(\.isWhitespace) { result += between }
            let encoded = String(parts[2])
            let bytes = encoding == "B"
                ? Data(base64Encoded: encoded, options: .ignoreUnknownCharacters)
                : quotedPrintable(encoded.replacingOccurrences(of: "_", with: " "))
            result += bytes.map { String(decoding: $0, as: UTF8.self) } ?? encoded
            rest = parts[3].dropFirst()
        }
        return result + rest
    }

    // MARK: Bodies and attachments

    /// Walks the MIME tree: text parts become the bodies, files become attachments.
    mutating func read(headers: Headers, body: Data) {
        let type = headers.typed("content-type") ?? ("text/plain", [:])
        if type.value.hasPrefix("multipart/"), let boundary = type.parameters["boundary"] {
            for part in Self.parts(of: body, boundary: boundary) {
                let (partHeaders, partBody) = Self.split(part)
                read(headers: partHeaders, body: partBody)
            }
            return
        }
        let decoded = Self.decode(body, transferEncoding: headers.value("content-transfer-encoding"))
        let disposition = headers.typed("content-disposition")
        let fileName = disposition?.parameters["filename"] ?? type.parameters["name"]
        if disposition?.value == "attachment" || fileName != nil || !type.value.hasPrefix("text/") {
            let name = fileName.map(Self.decodeWords) ?? "attachment-\(attachments.count + 1)"
            attachments.append(Attachment(fileName: name, mimeType: type.value, data: decoded))
        } else if type.value == "text/html" {
            textHTML += String(decoding: decoded, as: UTF8.self)
        } else {
            textPlain += String(decoding: decoded, as: UTF8.self)
        }
    }

    /// The parts between `--boundary` lines, up to `--boundary--`.
    static func parts(of body: Data, boundary: String) -> [Data] {
        let delimiter = Data("--\(boundary)".utf8)
        var parts: [Data] = []
        var cursor = body.startIndex
        guard let first = body.range(of: delimiter, in: cursor..<body.endIndex) else { return [] }
        cursor = first.upperBound
        while cursor < body.endIndex, !body[cursor...].starts(with: Data("--".utf8)) {
            let start = body[cursor...].starts(with: Data("\r\n".utf8)) ? cursor + 2 : (body[cursor...].starts(with: Data("\n".utf8)) ? cursor + 1 : cursor)
            guard let next = body.range(of: delimiter, in: start..<body.endIndex) else {
                parts.append(Data(body[start...]))
                break
            }
            var end = next.lowerBound
            if end > start, body[end - 1] == UInt8(ascii: "\n") { end -= 1 }
            if end > start, body[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            parts.append(Data(body[start..<end]))
            cursor = next.upperBound
        }
        return parts
    }

    static func decode(_ body: Data, transferEncoding: String?) -> Data {
        switch transferEncoding?.lowercased() {
        case "base64": Data(base64Encoded: String(decoding: body, as: UTF8.self), options: .ignoreUnknownCharacters) ?? body
        case "quoted-printable": quotedPrintable(String(decoding: body, as: UTF8.self)) ?? body
        default: body
        }
    }

    /// `=3D` escapes and `=` soft line breaks.
    static func quotedPrintable(_ text: String) -> Data? {
        var bytes: [UInt8] = []
        let source = Array(text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=\n", with: "").utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "="), index + 2 < source.count,
               let value = UInt8(String(decoding: source[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return Data(bytes)
    }
}
