import Foundation
import Testing
@testable import RossumSandbox

/// `$regex` work is bounded per request: a pattern that backtracks catastrophically is
/// refused with a 400 in well under a second, and the rest of the API keeps answering.
@Suite struct RegexBudgetTests {
    typealias H = SandboxHarness
    static let catastrophic = "(a+)+$"
    static let victim = String(repeating: "a", count: 50) + "!"

    @Test func aCatastrophicPatternIsRefusedQuicklyWhileOtherRoutesAnswer() async throws {
        try await H.withDataHub { sandbox in
            let inserted = try await sandbox.post(H.storage + "/data/insert_one", json: ["collectionName": "texts", "document": ["t": Self.victim]])
            #expect(inserted.status == 200)
            let clock = ContinuousClock()
            let start = clock.now
            async let slow = sandbox.post(H.storage + "/data/find", json: ["collectionName": "texts", "query": ["t": ["$regex": Self.catastrophic]]])
            // Meanwhile the annotations API answers; before, it waited for the whole match (17 s).
            let listed = try await sandbox.get("annotations?page_size=1")
            let listedAfter = clock.now - start
            let refused = try await slow
            let elapsed = clock.now - start
            #expect(listed.status == 200)
            #expect(refused.status == 400, "\(refused.status) \(refused.text)")
            #expect((refused.object["message"] as? String)?.contains("$regex") == true, "\(refused.text)")
            #expect(elapsed < .seconds(3), "the refusal took \(elapsed)")
            #expect(listedAfter < .seconds(3), "the annotation list waited \(listedAfter)")
        }
    }

    @Test func theBudgetCoversNegationAggregationAndWritesWhichChangeNothing() async throws {
        try await H.withDataHub { sandbox in
            let documents: [[String: Any]] = [["t": Self.victim, "n": 1], ["t": "plain", "n": 2]]
            #expect(try await sandbox.post(H.storage + "/data/insert_many", json: ["collectionName": "texts", "documents": documents]).status == 200)
            let regex: [String: Any] = ["$regex": Self.catastrophic]
            let attempts: [(String, [String: Any])] = [
                ("data/find", ["collectionName": "texts", "query": ["t": ["$not": regex]]]),
                ("data/aggregate", ["collectionName": "texts", "pipeline": [["$match": ["t": regex]]]]),
                ("data/aggregate", ["collectionName": "texts", "pipeline": [["$sort": ["n": 1]], ["$match": ["t": regex]]]]),
                ("data/update_many", ["collectionName": "texts", "filter": ["$or": [["n": 2], ["t": regex]]], "update": ["$set": ["n": 9]]]),
                ("data/delete_many", ["collectionName": "texts", "filter": ["$or": [["n": 2], ["t": regex]]]]),
            ]
            for (endpoint, body) in attempts {
                let response = try await sandbox.post(H.storage + "/" + endpoint, json: body)
                #expect(response.status == 400, "\(endpoint): \(response.status) \(response.text)")
            }
            // The refused writes left both records as they were.
            let records = try await sandbox.records("texts", sortedBy: "n")
            #expect(records.map { $0["n"] as? Int } == [1, 2])
            // Ordinary patterns still match.
            #expect(try await sandbox.find(["collectionName": "texts", "query": ["t": ["$regex": "^pl", "$options": "i"]]]).count == 1)
            #expect(try await sandbox.find(["collectionName": "suppliers", "query": ["name": ["$regex": "GmbH"]]]).count > 0)
        }
    }

    @Test func overlongPatternsAreRefused() async throws {
        try await H.withDataHub { sandbox in
            let long = String(repeating: "a", count: RegexPattern.maximumPatternLength + 1)
            let response = try await sandbox.post(H.storage + "/data/find", json: ["collectionName": "suppliers", "query": ["name": ["$regex": long]]])
            #expect(response.status == 400)
            #expect((response.object["message"] as? String)?.contains("long") == true)
        }
    }
}
