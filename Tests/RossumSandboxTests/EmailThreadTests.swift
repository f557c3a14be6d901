import Foundation
import Testing

/// Email threads (`email_threads`, their counts, e-mails linking them) and `emails/counts`.
@Suite struct EmailThreadTests {
    typealias H = SandboxHarness
    static let inbox = "sandbox-1@sandbox.rossum.local"

    /// Imports a message without attachments; returns the stored e-mail.
    static func deliver(_ sandbox: H, subject: String, messageID: String, inReplyTo: String? = nil) async throws -> [String: Any] {
        var headers = "From: \"Acme Billing\" <billing@acme.example>\r\nTo: \(inbox)\r\nSubject: \(subject)\r\nMessage-ID: <\(messageID)>\r\n"
        if let inReplyTo { headers += "In-Reply-To: <\(inReplyTo)>\r\nReferences: <\(inReplyTo)>\r\n" }
        let (body, type) = EmailTests.importBody(raw: Data((headers + "\r\nHello.").utf8), recipient: inbox)
        let answer = try await sandbox.request("POST", "emails/import", body: body, contentType: type)
        #expect(answer.status == 200, "\(answer.text)")
        let found = try await sandbox.results("emails?subject=\(subject.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? subject)")
        return try #require(found.last)
    }

    static func id(_ url: Any?) -> Int? { (url as? String)?.split(separator: "/").last.flatMap { Int($0) } }

    @Test func aReplyJoinsTheThreadOfTheMessageItAnswers() async throws {
        try await H.with { sandbox in
            let root = try await Self.deliver(sandbox, subject: "Question", messageID: "q-1@acme.example")
            let threadURL = try #require(root["email_thread"] as? String)
            let threadID = try #require(Self.id(threadURL))
            var thread = try await sandbox.get(threadURL).object
            #expect(thread["root_email"] as? String == root["url"] as? String)
            #expect(thread["has_replies"] as? Bool == false && thread["has_new_replies"] as? Bool == false)
            #expect(thread["subject"] as? String == "Question" && (thread["from"] as? [String: Any])?["email"] as? String == "billing@acme.example")
            #expect(thread["last_email_created_at"] as? String == root["created_at"] as? String)
            #expect((thread["annotation_counts"] as? [String: Any])?.int("annotations") == 0)
            var counts = try await sandbox.get("email_threads/counts?id=\(threadID)").object
            #expect(counts.int("with_replies") == 0 && counts.int("recent_with_no_documents_not_replied") == 1)
            var emailCounts = try await sandbox.get("emails/counts?email_thread=\(threadID)").object["incoming"] as? [String: Any]
            #expect(emailCounts?.int("total") == 1 && emailCounts?.int("no_documents") == 1)
            #expect(emailCounts?.int("recent_with_no_documents_not_replied") == 1)

            let reply = try await Self.deliver(sandbox, subject: "Re: Question", messageID: "q-2@acme.example", inReplyTo: "q-1@acme.example")
            #expect(reply["email_thread"] as? String == threadURL)
            let other = try await Self.deliver(sandbox, subject: "Unrelated", messageID: "u-1@acme.example")
            #expect(other["email_thread"] as? String != threadURL)

            thread = try await sandbox.get(threadURL).object
            #expect(thread["has_replies"] as? Bool == true && thread["has_new_replies"] as? Bool == true)
            #expect(thread["last_email_created_at"] as? String == reply["created_at"] as? String)
            #expect(try await sandbox.get("emails/\(Self.id(root["url"]) ?? 0)").object["last_thread_email_created_at"] as? String == reply["created_at"] as? String)
            #expect(try await sandbox.results("emails?email_thread=\(threadID)").count == 2)
            #expect(try await sandbox.results("email_threads?has_replies=true&page_size=100").contains { $0["url"] as? String == threadURL })
            #expect(!(try await sandbox.results("email_threads?has_replies=false&page_size=100").contains { $0["url"] as? String == threadURL }))
            counts = try await sandbox.get("email_threads/counts?id=\(threadID)").object
            #expect(counts.int("with_replies") == 1 && counts.int("with_new_replies") == 1 && counts.int("recent_with_no_documents_not_replied") == 0)
            emailCounts = try await sandbox.get("emails/counts?email_thread=\(threadID)").object["incoming"] as? [String: Any]
            #expect(emailCounts?.int("total") == 2 && emailCounts?.int("recent_with_no_documents_not_replied") == 0)

            // The reference's own example sends the flag as a string.
            let read = try await sandbox.request("PATCH", threadURL, json: ["has_new_replies": "False", "root_email": root["url"] ?? ""])
            #expect(read.status == 200 && read.object["has_new_replies"] as? Bool == false, "\(read.text)")
            #expect(try await sandbox.get("email_threads/counts?id=\(threadID)").object.int("with_new_replies") == 0)
            for bad: [String: Any] in [["has_new_replies": "maybe"], ["subjekt": "x"]] {
                #expect(try await sandbox.request("PATCH", threadURL, json: bad).status == 400, "\(bad)")
            }
            #expect(try await sandbox.get(threadURL).object["has_new_replies"] as? Bool == false)
            #expect(try await sandbox.request("PATCH", "email_threads/99999999", json: ["has_new_replies": true]).status == 404)
            #expect(try await sandbox.get("email_threads/99999999").status == 404)
        }
    }

    @Test func annotationsNameTheThreadOfTheirEmail() async throws {
        try await H.with { sandbox in
            let raw = Data("Message-ID: <inv-1@acme.example>\r\n".utf8) + EmailTests.rawMessage(to: Self.inbox)
            let (body, type) = EmailTests.importBody(raw: raw, recipient: Self.inbox)
            #expect(try await sandbox.request("POST", "emails/import", body: body, contentType: type).status == 200)
            let email = try #require(try await sandbox.results("emails?ordering=-id&page_size=1").first)
            let annotationURL = try #require((email["annotations"] as? [String])?.first)
            var annotation = try await sandbox.get(annotationURL).object
            #expect(annotation["email_thread"] as? String == email["email_thread"] as? String && annotation["email_thread"] is String)
            #expect(annotation["has_email_thread_with_replies"] as? Bool == false && annotation["has_email_thread_with_new_replies"] as? Bool == false)

            _ = try await Self.deliver(sandbox, subject: "Re: invoice", messageID: "inv-2@acme.example", inReplyTo: "inv-1@acme.example")
            annotation = try await sandbox.get(annotationURL).object
            #expect(annotation["has_email_thread_with_replies"] as? Bool == true && annotation["has_email_thread_with_new_replies"] as? Bool == true)
            let listed = try await sandbox.results("annotations?id=\(Self.id(annotationURL) ?? 0)")
            #expect(listed.first?["email_thread"] as? String == email["email_thread"] as? String)
            #expect(listed.first?["has_email_thread_with_replies"] as? Bool == true)
        }
    }

    @Test func everySeededEmailHasAThreadAndTheListFiltersAndOrders() async throws {
        try await H.with { sandbox in
            let emails = try await sandbox.results("emails?page_size=100")
            let threads = try await sandbox.results("email_threads?page_size=100")
            #expect(!threads.isEmpty && threads.count == Set(emails.compactMap { $0["email_thread"] as? String }).count)
            #expect(threads.allSatisfy { ($0["root_email"] as? String) != nil && $0["organization"] is String && $0["queue"] is String })
            let queue = try #require(Self.id(threads.first?["queue"]))
            let inQueue = try await sandbox.results("email_threads?queue=\(queue)&page_size=100")
            #expect(!inQueue.isEmpty && inQueue.allSatisfy { Self.id($0["queue"]) == queue })
            let bySubject = try await sandbox.results("email_threads?ordering=-subject&page_size=100").compactMap { $0["subject"] as? String }
            #expect(bySubject == bySubject.sorted(by: >))
            let page = try await sandbox.get("email_threads?page_size=1").object
            #expect((page["pagination"] as? [String: Any])?.int("total") == threads.count)
            #expect(try await sandbox.results("email_threads?has_root_email=false").isEmpty)
            for bad in ["has_replies=maybe", "queue=x", "created_at_after=yesterday", "recent_with_no_documents_not_replied=2"] {
                #expect(try await sandbox.get("email_threads?\(bad)").status == 400, "\(bad)")
                #expect(try await sandbox.get("email_threads/counts?\(bad)").status == 400, "\(bad)")
            }
            #expect(try await sandbox.request("GET", "email_threads", authorized: false).status == 401)
        }
    }

    @Test func emailCountsFollowTheListFilters() async throws {
        try await H.with { sandbox in
            let incoming = try await sandbox.results("emails?type=incoming&page_size=100")
            let noDocuments = try await sandbox.results("emails?type=incoming&has_documents=false&page_size=100")
            let counts = try #require(try await sandbox.get("emails/counts").object["incoming"] as? [String: Any])
            #expect(counts.int("total") == incoming.count && counts.int("no_documents") == noDocuments.count)
            let rejected = incoming.filter { ($0["annotation_counts"] as? [String: Any])?.int("annotations_rejected") ?? 0 > 0 }
            #expect(counts.int("rejected") == rejected.count && !rejected.isEmpty)
            #expect(counts.int("recent_with_filtered_out_documents") == counts.int("recent_filtered_out_documents"))

            // A message whose logo the inbox drops counts as recent with filtered-out documents.
            let before = counts.int("recent_with_filtered_out_documents") ?? 0
            let (body, type) = EmailTests.importBody(raw: EmailTests.rawMessage(to: Self.inbox), recipient: Self.inbox)
            #expect(try await sandbox.request("POST", "emails/import", body: body, contentType: type).status == 200)
            let after = try #require(try await sandbox.get("emails/counts").object["incoming"] as? [String: Any])
            #expect(after.int("recent_with_filtered_out_documents") == before + 1 && after.int("total") == incoming.count + 1)
            let queue = try #require(Self.id(incoming.first?["queue"]))
            let inQueue = try await sandbox.results("emails?type=incoming&queue=\(queue)&page_size=100")
            #expect((try await sandbox.get("emails/counts?queue=\(queue)").object["incoming"] as? [String: Any])?.int("total") == inQueue.count)
            #expect((try await sandbox.get("emails/counts?type=outgoing").object["incoming"] as? [String: Any])?.int("total") == 0)
            #expect(try await sandbox.get("emails/counts?has_documents=perhaps").status == 400)
        }
    }
}
