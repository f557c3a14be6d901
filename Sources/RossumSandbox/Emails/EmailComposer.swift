import Foundation

/// Writes a message as a mail client would send it (`multipart/mixed`, base64 attachments), so
/// the demo's e-mails have a real raw `.eml` behind them that reads back the same.
extension EmailMessage {
    func composed(date: String, messageID: String) -> Data {
        // Deterministic: the same seed writes the same bytes.
        let boundary = "=_part_\(messageID.filter { $0.isLetter || $0.isNumber })"
        func header(_ address: Address) -> String { address.name.isEmpty ? address.email : "\"\(address.name)\" <\(address.email)>" }
        var lines = [
            "From: \(from.map(header) ?? "")", "To: \(to.map(header).joined(separator: ", "))",
            "Subject: \(subject)", "Date: \(date)", "Message-ID: <\(messageID)>", "MIME-Version: 1.0",
        ]
        if !cc.isEmpty { lines.append("Cc: \(cc.map(header).joined(separator: ", "))") }
        lines.append("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
        var text = lines.joined(separator: "\r\n") + "\r\n\r\n"
        text += "--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(textPlain)\r\n"
        for attachment in attachments {
            let encoded = attachment.data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            text += "--\(boundary)\r\nContent-Type: \(attachment.mimeType); name=\"\(attachment.fileName)\"\r\n"
            text += "Content-Disposition: attachment; filename=\"\(attachment.fileName)\"\r\nContent-Transfer-Encoding: base64\r\n\r\n\(encoded)\r\n"
        }
        text += "--\(boundary)--\r\n"
        return Data(text.utf8)
    }
}
