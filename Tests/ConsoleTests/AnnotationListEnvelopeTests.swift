import Foundation
import RossumKit
import Testing
@testable import Console

/// A list page read by the console's own reader: what a row needs, from every shape the API
/// may send it in, and an error (never a short page) for a broken answer.
@Suite struct AnnotationListEnvelopeTests {
    static let page = #"""
    {"pagination":{"total":3,"next":null,"previous":null,"total_pages":1},
     "results":[
      {"id":1,"url":"https://x/api/v1/annotations/1","status":"to_review","document":"https://x/api/v1/documents/10",
       "modifier":null,"queue":"https://x/api/v1/queues/5","created_at":"2026-11-30T08:00:00.000000Z",
       "modified_at":null,"metadata":{"nested":[1,{"deep":true}]},"messages":[]},
      {"id":2,"status":"confirmed","document":{"id":11,"url":"https://x/api/v1/documents/11"},
       "modifier":"https://x/api/v1/users/7","queue":{"id":6},"arrived_at":"2026-11-29T08:00:00Z"},
      {"id":3,"status":null,"document":null,"queue":null}],
     "documents":[{"id":10,"original_file_name":"faktura \u010d. 1.pdf","arrived_at":"2026-11-28T08:00:00Z","s3_name":"x"}],
     "modifiers":[{"id":7,"username":null,"first_name":"Jana","last_name":"Nová"}],
     "content":[
      {"url":"https://x/api/v1/annotations/1/content/100","schema_id":"invoice_id","content":{"value":"INV-1","page":1}},
      {"url":"https://x/api/v1/annotations/1/content/101","schema_id":"amount_total","content":{"value":1200.0}},
      {"url":"https://x/api/v1/annotations/2/content/102","schema_id":"amount_total","content":{"value":12.5}},
      {"url":"https://x/api/v1/annotations/2/content/103","schema_id":"invoice_id","content":{"value":null}},
      {"url":"https://x/api/v1/annotations/3/content/104","schema_id":"line_items","children":[]}]}
    """#

    static func read(_ text: String) throws -> AnnotationListEnvelope {
        try Array(text.utf8).withUnsafeBytes { try AnnotationListEnvelope.read($0) }
    }

    @Test func rowsFromEveryShapeOfLink() throws {
        let envelope = try Self.read(Self.page)
        #expect(envelope.total == 3)
        let rows = envelope.rows
        #expect(rows.map(\.id) == [1, 2, 3])
        #expect(rows[0].fileName == "faktura č. 1.pdf")
        #expect(rows[0].queueID == 5)
        #expect(rows[0].modifier == nil)
        #expect(rows[0].fields == ["invoice_id": "INV-1", "amount_total": "1200"])
        #expect(rows[0].arrivedAt != nil)
        #expect(rows[1].fileName == "document 11")
        #expect(rows[1].queueID == 6)
        #expect(rows[1].modifier == "Jana Nová")
        #expect(rows[1].fields == ["amount_total": "12.5", "invoice_id": ""])
        #expect(rows[2].status == "unknown")
        #expect(rows[2].fileName == "-")
    }

    @Test func brokenPagesAreErrors() throws {
        let text = Self.page
        // Cut anywhere inside the results: never a page with fewer rows.
        for cut in stride(from: 1, to: text.utf8.count - 1, by: 37) {
            let prefix = String(decoding: Array(text.utf8)[0..<cut], as: UTF8.self)
            #expect(throws: JSONPullReader.Failure.self) { try Self.read(prefix) }
        }
        #expect(throws: JSONPullReader.Failure.self) { try Self.read(#"{"pagination":{"total":1}}"#) }
        #expect(throws: JSONPullReader.Failure.self) { try Self.read(#"{"results":[{"status":"x"}]}"#) }
        #expect(throws: JSONPullReader.Failure.self) { try Self.read(#"{"results":[{"id":"7"}]}"#) }
    }
}
