import Foundation
import Testing
import RossumKit
import RossumSandbox

/// Data Storage's bulk writes, asynchronous aggregate and indexes through the client.
@Suite struct SandboxDataStorageBulkTests {
    @Test func bulkWriteAggregateAsyncAndIndexes() async throws {
        try await withSandbox({ _ in }) { server in
            let client = try SharedSandbox.client(server)
            let storage = client.dataStorage
            let written = try await storage.bulkWrite("kit_bulk", operations: [
                ["insertOne": ["document": ["k": 1, "group": "a"]]],
                ["insertOne": ["document": ["k": 2, "group": "a"]]],
                ["insertOne": ["document": ["k": 3, "group": "b"]]],
                ["updateMany": ["filter": ["group": "a"], "update": [["$set": ["pair": true]]]]],
                ["deleteOne": ["filter": ["k": 3]]],
            ])
            let bulkID = try #require(written)
            #expect(try await storage.operationStatus(bulkID).status == .finished)
            #expect(try await storage.count("kit_bulk", query: ["pair": true]) == 2)
            #expect(try await storage.count("kit_bulk") == 2)

            let failing = try #require(try await storage.bulkWrite("kit_bulk", operations: [
                ["updateOne": ["filter": ["k": 1], "update": ["$inc": ["group": 1]]]],
            ]))
            let failed = try await storage.operationStatus(failing)
            #expect(failed.status == .failed)
            #expect(failed.errorMessage?.contains("operations[0]") == true)

            let aggregated = try #require(try await storage.aggregateAsync("kit_bulk", pipeline: [
                ["$group": ["_id": "$group", "n": ["$sum": 1]]], ["$out": "kit_groups"],
            ]))
            #expect(try await storage.operationStatus(aggregated).status == .finished)
            let groups = try await storage.find("kit_groups")
            #expect(groups.count == 1 && groups.first?["n"]?.intValue == 2)

            #expect(try await storage.createIndex("kit_bulk", name: "by_group", keys: ["group": 1]) != nil)
            #expect(try await storage.indexNames("kit_bulk") == ["_id_", "by_group"])
            #expect(try await storage.indexes("kit_bulk").last?["key"]?["group"]?.intValue == 1)
            try await storage.dropIndex("kit_bulk", name: "by_group")
            #expect(try await storage.indexNames("kit_bulk") == ["_id_"])
        }
    }
}
