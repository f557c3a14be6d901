import Foundation
import RossumSandbox
import Testing

/// Data Storage's bulk writes, update pipelines, `$lookup`, `$collStats`, `$out`, the
/// asynchronous aggregate and the index registry, over HTTP.
@Suite struct DataHubStorageExtrasTests {
    typealias H = SandboxHarness

    /// The operation a 202 points at, read once (these operations are final when accepted).
    static func operation(_ sandbox: H, _ accepted: TestResponse) async throws -> [String: Any] {
        #expect(accepted.status == 202, "\(accepted.text)")
        #expect(accepted.object["code"] as? String == "accept")
        let location = try #require(accepted.headers["Content-Location"].first)
        return try await sandbox.get(location).object["result"] as? [String: Any] ?? [:]
    }

    @Test func bulkWriteRunsEveryKindInOrderAndReportsTheFirstFailure() async throws {
        try await H.withDataHub { sandbox in
            let accepted = try await sandbox.post(H.storage + "/data/bulk_write", json: [
                "collectionName": "bulk",
                "operations": [
                    ["insertOne": ["document": ["k": 1, "n": 1]]],
                    ["insertOne": ["document": ["k": 2, "n": 1]]],
                    ["insertOne": ["document": ["k": 3, "n": 1]]],
                    ["updateOne": ["filter": ["k": 1], "update": ["$inc": ["n": 10]]]],
                    ["updateMany": ["filter": ["k": ["$gte": 2]], "update": ["$set": ["tag": "many"]]]],
                    ["replaceOne": ["filter": ["k": 3], "replacement": ["k": 3, "replaced": true]]],
                    ["updateOne": ["filter": ["k": 9], "update": ["$set": ["n": 9]], "upsert": true]],
                    ["deleteOne": ["filter": ["k": 2]]],
                ],
            ])
            let finished = try await Self.operation(sandbox, accepted)
            #expect(finished["status"] as? String == "FINISHED")
            #expect(finished["operation"] as? String == "bulk_write")
            let records = try await sandbox.records("bulk", sortedBy: "k")
            #expect(records.map { $0.int("k") } == [1, 3, 9])
            #expect(records[0].int("n") == 11)
            #expect(records[1]["replaced"] as? Bool == true && records[1]["tag"] == nil)
            #expect(records[2].int("n") == 9)

            // Ordered: the failing write stops the rest; the writes before it stay.
            let failing = try await sandbox.post(H.storage + "/data/bulk_write", json: [
                "collectionName": "bulk",
                "operations": [
                    ["insertOne": ["document": ["k": 4]]],
                    ["updateOne": ["filter": ["k": 3], "update": ["$inc": ["replaced": 1]]]],
                    ["insertOne": ["document": ["k": 5]]],
                ],
            ])
            let failed = try await Self.operation(sandbox, failing)
            #expect(failed["status"] as? String == "FAILED")
            #expect((failed["error_message"] as? String)?.contains("operations[1]") == true)
            #expect(try await sandbox.records("bulk", sortedBy: "k").map { $0.int("k") } == [1, 3, 4, 9])

            let unordered = try await sandbox.post(H.storage + "/data/bulk_write", json: [
                "collectionName": "bulk", "ordered": false,
                "operations": [
                    ["updateOne": ["filter": ["k": 3], "update": ["$inc": ["replaced": 1]]]],
                    ["insertOne": ["document": ["k": 5]]],
                ],
            ])
            #expect(try await Self.operation(sandbox, unordered)["status"] as? String == "FAILED")
            #expect(try await sandbox.records("bulk", sortedBy: "k").map { $0.int("k") } == [1, 3, 4, 5, 9])

            let malformed = try await sandbox.post(H.storage + "/data/bulk_write", json: [
                "collectionName": "bulk", "operations": [["insertOne": ["document": ["k": 6]]], ["explode": [:]]],
            ])
            #expect(malformed.status == 400)
            #expect(try await sandbox.records("bulk", sortedBy: "k").count == 5, "a malformed list runs nothing")
        }
    }

    @Test func updatesTakeAnAggregationPipeline() async throws {
        try await H.withDataHub { sandbox in
            _ = try await sandbox.post(H.storage + "/data/insert_many", json: [
                "collectionName": "pipe", "documents": [["k": 1, "first": "Ada", "last": "Lovelace", "old": true]],
            ])
            let updated = try await sandbox.post(H.storage + "/data/update_one", json: [
                "collectionName": "pipe", "filter": ["k": 1],
                "update": [["$set": ["full": ["$concat": ["$first", " ", "$last"]]]], ["$unset": "old"]],
            ])
            #expect(updated.status == 200, "\(updated.text)")
            #expect((updated.object["result"] as? [String: Any])?.int("modified_count") == 1)
            let record = try #require(try await sandbox.find(["collectionName": "pipe", "query": ["k": 1]]).first)
            #expect(record["full"] as? String == "Ada Lovelace")
            #expect(record["old"] == nil)
            let forbidden = try await sandbox.post(H.storage + "/data/update_one", json: [
                "collectionName": "pipe", "filter": ["k": 1], "update": [["$group": ["_id": nil]]],
            ])
            #expect(forbidden.status == 400)
            let idChange = try await sandbox.post(H.storage + "/data/update_one", json: [
                "collectionName": "pipe", "filter": ["k": 1], "update": [["$replaceWith": ["k": 2]]],
            ])
            #expect(idChange.status == 400, "a pipeline must keep _id")
        }
    }

    @Test func lookupJoinsAnotherCollectionAndCollStatsCounts() async throws {
        try await H.withDataHub { sandbox in
            _ = try await sandbox.post(H.storage + "/data/insert_many", json: [
                "collectionName": "orders", "documents": [["o": 1, "sup": "A"], ["o": 2, "sup": "B"], ["o": 3, "sup": "Z"]],
            ])
            _ = try await sandbox.post(H.storage + "/data/insert_many", json: [
                "collectionName": "sups", "documents": [["id": "A", "name": "Alpha"], ["id": "B", "name": "Beta"], ["id": "A", "name": "Alpha 2"]],
            ])
            let joined = try await sandbox.post(H.storage + "/data/aggregate", json: [
                "collectionName": "orders",
                "pipeline": [
                    ["$lookup": ["from": "sups", "localField": "sup", "foreignField": "id", "as": "supplier",
                                 "pipeline": [["$project": ["_id": 0, "name": 1]]]]],
                    ["$project": ["_id": 0, "o": 1, "supplier": 1]], ["$sort": ["o": 1]],
                ],
            ])
            let rows = joined.object["result"] as? [[String: Any]] ?? []
            #expect(rows.map { ($0["supplier"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } } == [["Alpha", "Alpha 2"], ["Beta"], []])

            let stats = try await sandbox.post(H.storage + "/data/aggregate", json: [
                "collectionName": "sups", "pipeline": [["$collStats": ["count": [:], "storageStats": [:]]]],
            ])
            let stat = try #require((stats.object["result"] as? [[String: Any]])?.first)
            #expect(stat.int("count") == 3)
            #expect((stat["storageStats"] as? [String: Any])?.int("count") == 3)
            #expect(((stat["storageStats"] as? [String: Any])?.int("size") ?? 0) > 0)
            let late = try await sandbox.post(H.storage + "/data/aggregate", json: [
                "collectionName": "sups", "pipeline": [["$match": [:]], ["$collStats": ["count": [:]]]],
            ])
            #expect(late.status == 400)
        }
    }

    @Test func outAndTheAsynchronousAggregateWriteACollection() async throws {
        try await H.withDataHub { sandbox in
            let accepted = try await sandbox.post(H.storage + "/data/aggregate_async", json: [
                "collectionName": "suppliers",
                "pipeline": [["$group": ["_id": "$country", "n": ["$sum": 1]]], ["$out": "supplier_countries"]],
            ])
            let operation = try await Self.operation(sandbox, accepted)
            #expect(operation["status"] as? String == "FINISHED")
            let countries = try await sandbox.find(["collectionName": "supplier_countries", "query": [:]])
            let total = countries.reduce(0) { $0 + ($1.int("n") ?? 0) }
            let suppliers = try await sandbox.find(["collectionName": "suppliers", "query": [:], "projection": ["_id": 1]])
            #expect(!countries.isEmpty && total == suppliers.count)

            let sync = try await sandbox.post(H.storage + "/data/aggregate", json: [
                "collectionName": "supplier_countries", "pipeline": [["$match": ["n": ["$gte": 1]]], ["$limit": 1], ["$out": "one_country"]],
            ])
            #expect((sync.object["result"] as? [Any])?.isEmpty == true)
            #expect(try await sandbox.find(["collectionName": "one_country", "query": [:]]).count == 1)
            let misplaced = try await sandbox.post(H.storage + "/data/aggregate", json: [
                "collectionName": "suppliers", "pipeline": [["$out": "x"], ["$limit": 1]],
            ])
            #expect(misplaced.status == 400)
        }
    }

    @Test func indexesAreCreatedListedAndDropped() async throws {
        try await H.withDataHub { sandbox in
            let created = try await sandbox.post(H.storage + "/indexes/create", json: [
                "collectionName": "suppliers", "indexName": "by_country", "keys": ["country": 1, "name": -1],
            ])
            #expect(try await Self.operation(sandbox, created)["status"] as? String == "FINISHED")
            let defaultName = try await sandbox.post(H.storage + "/indexes/create", json: ["collectionName": "suppliers", "keys": ["city": 1]])
            #expect(defaultName.status == 202)
            let names = try await sandbox.post(H.storage + "/indexes/list", json: ["collectionName": "suppliers", "nameOnly": true])
            #expect(names.object["result"] as? [String] == ["_id_", "by_country", "city_1"])
            let full = try await sandbox.post(H.storage + "/indexes/list", json: ["collectionName": "suppliers", "nameOnly": false])
            let byCountry = (full.object["result"] as? [[String: Any]])?.first { $0["name"] as? String == "by_country" }
            #expect((byCountry?["key"] as? [String: Any])?.int("name") == -1)

            #expect(try await sandbox.post(H.storage + "/indexes/create", json: [
                "collectionName": "suppliers", "keys": ["vat": 1], "options": ["unique": true],
            ]).status == 400)
            #expect(try await sandbox.post(H.storage + "/indexes/drop", json: ["collectionName": "suppliers", "indexName": "_id_"]).status == 400)
            #expect(try await sandbox.post(H.storage + "/indexes/drop", json: ["collectionName": "suppliers", "indexName": "by_country"]).status == 202)
            let after = try await sandbox.post(H.storage + "/indexes/list", json: ["collectionName": "suppliers", "nameOnly": true])
            #expect(after.object["result"] as? [String] == ["_id_", "city_1"])
            #expect(try await sandbox.post(H.storage + "/indexes/list", json: ["collectionName": "nope"]).status == 404)
        }
    }
}
