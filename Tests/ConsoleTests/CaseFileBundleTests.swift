@testable import Console
import Foundation
import RossumKit
import Testing

/// The support bundle: what a ticket may carry, and nothing it must not.
@Suite struct CaseFileBundleTests {
    static let hookRun = """
    {"request_id": "req-7f3a", "hook_id": 4, "status": "failed", "message": "ERP said 401 for Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def",
     "settings": {"url": "https://erp.example.com/in", "api_key": "k-123456", "client_secret": "s3cr3t", "timeout": 30},
     "request": {"headers": {"Authorization": "Token 0123456789abcdef0123", "Content-Type": "application/json"},
                 "body": "user=ops&password=hunter2&page=2"},
     "response": {"headers": [["Set-Cookie", "session=abc"], ["X-Request-Id", "req-7f3a"]], "text": "{\\"token\\": \\"tkn-998877\\", \\"ok\\": false}"},
     "output": "calling https://ops:pa55@erp.example.com/api with X-Api-Key=zz-991122",
     "headers": [{"name": "X-API-KEY", "value": "v-77"}, {"name": "Accept", "value": "*/*"}]}
    """

    static let file = CaseFile(
        annotationID: 1201, status: "failed_export", fileName: "acme|invoice.pdf", queueName: "Invoices",
        entries: [
            CaseEntry(id: "hook-1", time: Date(timeIntervalSince1970: 1_700_000_000), source: .hook,
                      summary: "ERP export on annotation_content.export: failed 500: token=abc123456789", level: .error,
                      detail: hookRun + "\n── output ──\nmore", raw: hookRun),
            CaseEntry(id: "note-1", time: nil, source: .note, summary: "rejection: wrong supplier\nsee mail", detail: "plain text, not JSON"),
        ],
        headline: ["Export failed: ERP said 401"], gaps: ["audit log: permission denied"])

    var lines: [[String: Any]] {
        get throws {
            try CaseFileBundle(file: Self.file).ndjson.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
        }
    }

    @Test func secretKeysAreRedactedAndRequestIDsKept() throws {
        let hook = try #require(try lines.first)
        let entry = try #require(hook["entry"] as? [String: Any])
        let settings = try #require(entry["settings"] as? [String: Any])
        #expect(settings["api_key"] as? String == CaseFileBundle.redacted)
        #expect(settings["client_secret"] as? String == CaseFileBundle.redacted)
        #expect(settings["timeout"] as? Int == 30 && settings["url"] as? String == "https://erp.example.com/in")
        let request = try #require(entry["request"] as? [String: Any])
        let headers = try #require(request["headers"] as? [String: Any])
        #expect(headers["Authorization"] as? String == CaseFileBundle.redacted)
        #expect(headers["Content-Type"] as? String == "application/json")
        #expect(request["body"] as? String == "user=ops&password=[REDACTED]&page=2")
        let responseHeaders = try #require((entry["response"] as? [String: Any])?["headers"] as? [[String]])
        #expect(responseHeaders == [["Set-Cookie", CaseFileBundle.redacted], ["X-Request-Id", "req-7f3a"]])
        #expect(entry["headers"] as? [[String: String]] == [["name": "X-API-KEY", "value": CaseFileBundle.redacted], ["name": "Accept", "value": "*/*"]])
        #expect(entry["request_id"] as? String == "req-7f3a")
        #expect(hook["annotation"] as? Int == 1201 && hook["source"] as? String == "hook" && hook["level"] as? String == "error")
    }

    @Test func secretsInsideTextAreRedacted() throws {
        let entry = try #require(try lines.first?["entry"] as? [String: Any])
        #expect(entry["message"] as? String == "ERP said 401 for Authorization: [REDACTED]")
        #expect((entry["response"] as? [String: Any])?["text"] as? String == #"{"token": "[REDACTED]", "ok": false}"#)
        #expect(entry["output"] as? String == "calling https://***@erp.example.com/api with X-Api-Key=[REDACTED]")
        #expect(CaseFileBundle.redact(text: "curl -H 'Authorization: Bearer abc.def-ghi'") == "curl -H 'Authorization: [REDACTED]'")
        #expect(CaseFileBundle.redact(text: "sent Bearer eyJ0eXAiOiJKV1Qi to the ERP") == "sent Bearer [REDACTED] to the ERP")
        #expect(CaseFileBundle.redact(text: "header Token 0123456789abcdef0123 refused") == "header Token [REDACTED] refused")
        // Words that only look like the start of a credential stay.
        #expect(CaseFileBundle.redact(text: "Token validation failed for request req-7f3a") == "Token validation failed for request req-7f3a")
        #expect(CaseFileBundle.redact(text: "request_id=req-7f3a status=500") == "request_id=req-7f3a status=500")
    }

    @Test func keyNamesInAnySpelling() {
        for key in ["token", "access_token", "Authorization", "X-Api-Key", "api_key", "apiKey", "client_secret", "PASSWORD", "passwd", "Cookie", "credentials"] {
            #expect(CaseFileBundle.isSecretKey(key), "\(key)")
        }
        for key in ["request_id", "hook_id", "status", "message", "url", "settings"] {
            #expect(!CaseFileBundle.isSecretKey(key), "\(key)")
        }
    }

    @Test func markdownHoldsTheTimelineAndTheNDJSONSection() throws {
        let markdown = CaseFileBundle(file: Self.file, generatedAt: Date(timeIntervalSince1970: 1_700_000_100)).markdown
        #expect(markdown.hasPrefix("# Case file of annotation 1201\n"))
        #expect(markdown.contains("- File: acme\\|invoice.pdf"))
        #expect(markdown.contains("- audit log: permission denied"))
        #expect(markdown.contains("| 2023-11-14T22:13:20Z | hook | error | ERP export on annotation_content.export: failed 500: token=[REDACTED] |"))
        #expect(markdown.contains("| current | note | info | rejection: wrong supplier see mail |"))
        // The NDJSON section reads back as the entries, one object per line, the raw hook run (not its reading form).
        let section = try #require(markdown.components(separatedBy: "```ndjson\n").last?.components(separatedBy: "```\n").first)
        let objects: [[String: Any]] = try section.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 2)
        let hookEntry = objects.first?["entry"] as? [String: Any]
        #expect(hookEntry?["hook_id"] as? Int == 4)
        let noteEntry = objects.last?["entry"] as? String
        #expect(noteEntry == "plain text, not JSON")
        for secret in ["hunter2", "s3cr3t", "k-123456", "eyJhbGciOiJIUzI1NiJ9", "0123456789abcdef0123", "tkn-998877", "pa55", "zz-991122", "v-77", "session=abc"] {
            #expect(!markdown.contains(secret), "\(secret) leaked")
        }
    }
}
