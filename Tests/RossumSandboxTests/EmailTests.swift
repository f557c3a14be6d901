import Foundation
import Testing

@Suite struct EmailTests {
    /// A multipart body as the Python SDK's `import_email` sends it.
    static func importBody(raw: Data, recipient: String, values: String? = nil) -> (Data, String) {
        let boundary = "email-import-boundary"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"raw_message\"; filename=\"email.eml\"\r\n\r\n".utf8)
        body.append(raw)
        body.append(Data("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"recipient\"\r\n\r\n\(recipient)".utf8))
        if let values { body.append(Data("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"values\"\r\n\r\n\(values)".utf8)) }
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    /// A message with a PDF invoice and a small logo the inbox should drop.
    static func rawMessage(to recipient: String) -> Data {
        let pdf = Data("%PDF-1.4 emailed invoice".utf8).base64EncodedString()
        let logo = Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]).base64EncodedString()
        return Data("""
            From: "Acme Billing" <billing@acme.example>\r
            To: \(recipient)\r
            Cc: ap@customer.example\r
            Subject: =?utf-8?B?RmFrdHVyYSDEjS4gNDI=?=\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="outer"\r
            \r
            --outer\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Please pay.\r
            --outer\r
            Content-Type: application/pdf; name="invoice-42.pdf"\r
            Content-Disposition: attachment; filename="invoice-42.pdf"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(pdf)\r
            --outer\r
            Content-Type: image/png\r
            Content-Disposition: inline; filename="logo.png"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(logo)\r
            --outer--\r

            """.utf8)
    }

    @Test func importedEmailBringsItsAttachmentIntoTheInboxQueue() async throws {
        try await SandboxHarness.with { sandbox in
            let queue = try await sandbox.get("queues/1").object
            let inbox = try await sandbox.get(try #require(queue["inbox"] as? String)).object
            let address = try #require(inbox["email"] as? String)
            let (body, type) = Self.importBody(raw: Self.rawMessage(to: address), recipient: address)
            let answer = try await sandbox.request("POST", "emails/import", body: body, contentType: type)
            #expect(answer.status == 200, "\(answer.text)")
            let taskURL = try #require(answer.object["url"] as? String)
            #expect(try await eventually { try await sandbox.get(taskURL + "?no_redirect=true").object["status"] as? String == "succeeded" })
            let task = try await sandbox.get(taskURL + "?no_redirect=true").object
            #expect(task["type"] as? String == "email_imported")
            let emailURL = try #require(task["result_url"] as? String)

            let email = try await sandbox.get(emailURL).object
            #expect(email["subject"] as? String == "Faktura č. 42")
            #expect((email["from"] as? [String: Any])?["email"] as? String == "billing@acme.example")
            #expect((email["from"] as? [String: Any])?["name"] as? String == "Acme Billing")
            #expect(((email["cc"] as? [[String: Any]])?.first)?["email"] as? String == "ap@customer.example")
            #expect(email["queue"] as? String == queue["url"] as? String)
            #expect(email["body_text_plain"] as? String == "Please pay.")
            #expect(email["filtered_out_document_count"] as? Int == 1, "the logo is not a document")
            #expect(email["type"] as? String == "incoming")
            let documents = try #require(email["documents"] as? [String])
            let annotations = try #require(email["annotations"] as? [String])
            #expect(documents.count == 1 && annotations.count == 1)

            let annotation = try await sandbox.get(annotations[0]).object
            #expect(annotation["email"] as? String == emailURL)
            #expect(annotation["status"] as? String == "to_review")
            let document = try await sandbox.get(documents[0]).object
            #expect(document["original_file_name"] as? String == "invoice-42.pdf")
            #expect(document["email"] as? String == emailURL)
            #expect(try await sandbox.get(document["content"] as! String).text == "%PDF-1.4 emailed invoice")

            let content = try await sandbox.get(try #require(email["content"] as? String))
            #expect(content.headers["Content-Type"].first == "message/rfc822")
            #expect(content.body == Self.rawMessage(to: address))
        }
    }

    @Test func importRefusesUnknownRecipientsBadValuesAndNonAdministrators() async throws {
        try await SandboxHarness.with { sandbox in
            let raw = Data("From: a@example.com\r\nSubject: Hi\r\n\r\nHello".utf8)
            let (unknown, type) = Self.importBody(raw: raw, recipient: "nobody@sandbox.rossum.local")
            let refused = try await sandbox.request("POST", "emails/import", body: unknown, contentType: type)
            #expect(refused.status == 400 && refused.text.contains("recipient"))
            let (badValues, _) = Self.importBody(raw: raw, recipient: "sandbox-1@sandbox.rossum.local", values: "{\"x\": 1}")
            #expect(try await sandbox.request("POST", "emails/import", body: badValues, contentType: type).status == 400)
            let annotator = try await sandbox.loggedIn(as: "lukas.mueller@rossum.local")
            let (good, _) = Self.importBody(raw: raw, recipient: "sandbox-1@sandbox.rossum.local")
            let forbidden = try await annotator.request("POST", "emails/import", body: good, contentType: type)
            #expect(forbidden.status == 403)
        }
    }

    @Test func messageWithoutAttachmentsIsAnEmailWithNoDocuments() async throws {
        try await SandboxHarness.with { sandbox in
            let raw = Data("From: a@example.com\r\nTo: sandbox-1@sandbox.rossum.local\r\nSubject: Question\r\n\r\nWhen do you pay?".utf8)
            let (body, type) = Self.importBody(raw: raw, recipient: "sandbox-1@sandbox.rossum.local")
            let answer = try await sandbox.request("POST", "emails/import", body: body, contentType: type)
            let taskURL = try #require(answer.object["url"] as? String)
            #expect(try await eventually { try await sandbox.get(taskURL + "?no_redirect=true").object["status"] as? String == "succeeded" })
            let found = try await sandbox.results("emails?subject=Question&has_documents=false")
            #expect(found.count == 1)
            #expect((found.first?["documents"] as? [Any])?.isEmpty == true)
            #expect(found.first?["body_text_plain"] as? String == "When do you pay?")
        }
    }

    @Test func seededEmailsLinkTheirAnnotationsAndFilter() async throws {
        try await SandboxHarness.with { sandbox in
            let all = try await sandbox.results("emails?page_size=100")
            #expect(all.count >= 6)
            let withDocuments = try await sandbox.results("emails?has_documents=true&page_size=100")
            let withoutDocuments = try await sandbox.results("emails?has_documents=false&page_size=100")
            #expect(withDocuments.count + withoutDocuments.count == all.count)
            #expect(withoutDocuments.count >= 2)
            #expect(all.contains { ($0["filtered_out_document_count"] as? Int ?? 0) > 0 })
            #expect(withDocuments.contains { ($0["annotations"] as? [String])?.count == 2 }, "one e-mail brought two invoices")

            // Every linked annotation points back to its e-mail.
            for email in withDocuments {
                for annotationURL in email["annotations"] as? [String] ?? [] {
                    #expect(try await sandbox.get(annotationURL).object["email"] as? String == email["url"] as? String)
                }
            }
            let first = try #require(withDocuments.first)
            let sender = try #require((first["from"] as? [String: Any])?["email"] as? String)
            let bySender = try await sandbox.results("emails?from__email=\(sender)")
            #expect(bySender.allSatisfy { ($0["from"] as? [String: Any])?["email"] as? String == sender } && !bySender.isEmpty)
            let queueID = try #require((first["queue"] as? String)?.split(separator: "/").last)
            let byQueue = try await sandbox.results("emails?queue=\(queueID)")
            #expect(byQueue.allSatisfy { $0["queue"] as? String == first["queue"] as? String })

            let newestFirst = try await sandbox.results("emails?ordering=-created_at&page_size=100")
            let dates = newestFirst.compactMap { $0["created_at"] as? String }
            #expect(dates == dates.sorted(by: >))
            let late = try await sandbox.results("emails?created_at_after=\(dates[dates.count / 2])&page_size=100")
            #expect(late.count < all.count && !late.isEmpty)

            // The raw message says what the e-mail says.
            let raw = try await sandbox.get(try #require(first["content"] as? String)).text
            #expect(raw.contains(first["subject"] as? String ?? "?"))
        }
    }

    @Test func patchChangesWritableFieldsAndRefusesUnknownOnes() async throws {
        try await SandboxHarness.with { sandbox in
            let email = try #require(try await sandbox.results("emails").first)
            let url = try #require(email["url"] as? String)
            let patched = try await sandbox.request("PATCH", url, json: ["metadata": ["ticket": "SUP-7"], "labels": ["forwarded"]])
            #expect(patched.status == 200)
            #expect((patched.object["metadata"] as? [String: Any])?["ticket"] as? String == "SUP-7")
            #expect(try await sandbox.get(url).object["labels"] as? [String] == ["forwarded"])
            #expect(try await sandbox.request("PATCH", url, json: ["labels": ["spam"]]).status == 400)
            #expect(try await sandbox.request("PATCH", url, json: ["colour": "red"]).status == 400)
            #expect(try await sandbox.request("PATCH", "emails/999999", json: ["metadata": [:]]).status == 404)
        }
    }
}
