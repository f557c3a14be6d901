import Foundation
import Testing
@testable import RossumSandbox

/// Queries large enough to break SQLite's own limits (1,000 levels of expression, the number of
/// bound values): found by the fuzz suite as 500s, now answered or refused as the client's error.
@Suite struct QueryLimitTests {
    typealias H = SandboxHarness

    @Test func longListsAndWideFiltersStillFind() async throws {
        try await H.withDataHub { sandbox in
            let ids = (0..<1_500).map { "nobody \($0)" } + ["SUP-000001"]
            let inList = try await sandbox.post(H.storage + "/data/find", json: ["collectionName": "suppliers", "query": ["supplier_id": ["$in": ids]]])
            #expect(inList.status == 200, "\(inList.text.prefix(300))")
            #expect((inList.object["result"] as? [[String: Any]])?.count == 1)

            // 1,100 string equalities: each was an AND of the prefilter, past SQLite's 1,000 levels.
            var wide: [String: Any] = ["supplier_id": "SUP-000001"]
            for index in 0..<1_100 { wide["absent_\(index)"] = "v\(index)" }
            let many = try await sandbox.post(H.storage + "/data/find", json: ["collectionName": "suppliers", "query": wide])
            #expect(many.status == 200, "\(many.text.prefix(300))")
            #expect((many.object["result"] as? [[String: Any]])?.isEmpty == true)

            let chained = (0..<1_200).map { ["name": ["$ne": "x\($0)"]] } + [["supplier_id": "SUP-000001"]]
            let anded = try await sandbox.post(H.storage + "/data/find", json: ["collectionName": "suppliers", "query": ["$and": chained]])
            #expect(anded.status == 200, "\(anded.text.prefix(300))")
            #expect((anded.object["result"] as? [[String: Any]])?.count == 1)
            let equalities = (0..<1_200).map { ["absent_\($0)": "v"] }
            let deleted = try await sandbox.post(H.storage + "/data/delete_many", json: ["collectionName": "suppliers", "filter": ["$and": equalities]])
            #expect(deleted.status == 200, "\(deleted.text.prefix(300))")
            #expect((deleted.object["result"] as? [String: Any])?["deleted_count"] as? Int == 0)
        }
    }

    @Test func oversizedAnnotationSearchesAre400() async throws {
        try await H.with { sandbox in
            let chained = try await sandbox.post("annotations/search", json: ["query": ["$and": Array(repeating: ["status": "to_review"], count: 1_200)]])
            #expect(chained.status == 400, "\(chained.status)")
            #expect(chained.detail?.contains("too many conditions") == true)
            let long = try await sandbox.post("annotations/search", json: ["query": ["id": ["$in": Array(0..<12_000)]]])
            #expect(long.status == 400, "\(long.status)")
            let purge = try await sandbox.post("annotations/purge_deleted", json: ["annotations": Array(0..<12_000)])
            #expect(purge.status == 400, "\(purge.status)")
            let export = try await sandbox.post("queues/1/export", json: ["id": (0..<12_000).map(String.init).joined(separator: ",")])
            #expect(export.status == 400, "\(export.status)")
            // Within the bounds, the same requests are answered.
            let fine = try await sandbox.post("annotations/search", json: ["query": ["id": ["$in": Array(0..<5_000)]]])
            #expect(fine.status == 200)
        }
    }

    @Test func anIncrementPastTheDoubleRangeIsRefused() async throws {
        try await H.withDataHub { sandbox in
            let filter = ["supplier_id": "SUP-000001"]
            let update: [String: Any] = ["$inc": ["payment_terms_days": 1.7976931348623157e308]]
            #expect(try await sandbox.post(H.storage + "/data/update_one", json: ["collectionName": "suppliers", "filter": filter, "update": update]).status == 200)
            let overflow = try await sandbox.post(H.storage + "/data/update_one", json: ["collectionName": "suppliers", "filter": filter, "update": update])
            #expect(overflow.status == 400)
            let kept = try await sandbox.find(["collectionName": "suppliers", "query": filter])
            #expect((kept.first?["payment_terms_days"] as? Double) == 1.7976931348623157e308)
        }
    }
}
