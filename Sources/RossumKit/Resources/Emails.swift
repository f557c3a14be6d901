extension RossumClient {
    /// E-mails: list, retrieve, plus `importEmail`.
    public var emails: ResourceGroup<Email> { ResourceGroup(client: self, path: "emails") }
    /// E-mail templates: list, retrieve, create, update, partial update, delete.
    public var emailTemplates: ResourceGroup<EmailTemplate> { ResourceGroup(client: self, path: "email_templates") }
}

extension ResourceGroup where Model == Email {
    /// Imports a raw e-mail (`emails/import`) for `recipient` (an inbox address); returns the URL
    /// of the task processing it.
    public func importEmail(rawMessage: [UInt8], recipient: String, mimeType: String = "message/rfc822") async throws -> String {
        var form = MultipartForm()
        form.addFile("raw_message", filename: "email.eml", contentType: mimeType, data: rawMessage)
        form.addField("recipient", recipient)
        let answer = try await client.request("POST", "emails/import", body: .multipart(form), as: JSONValue.self)
        guard let url = answer["url"]?.stringValue else {
            throw RossumError.decoding(type: "EmailImport", path: "url", reason: "missing task URL", snippet: answer.description)
        }
        return url
    }
}
