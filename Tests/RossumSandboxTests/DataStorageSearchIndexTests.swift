import Foundation
import Testing

/// Data Storage's older `search_indexes/create` and `drop`, over the registry MDH v2 serves.
@Suite struct DataStorageSearchIndexTests {
    typealias H = SandboxHarness
    static let v2 = "/svc/master-data-hub/api/v2/datasets"

    static func v2Names(_ sandbox: H, _ dataset: String) async throws -> [String] {
        (try await sandbox.get(v2 + "/\(dataset)/search_indexes").json as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    @Test func createAndDropShareTheRegistryWithV2() async throws {
        try await H.withDataHub { sandbox in
            let created = try await sandbox.post(H.storage + "/search_indexes/create", json: [
                "collectionName": "suppliers", "indexName": "by_name",
                "mappings": ["dynamic": false, "fields": ["name": ["type": "string"]]], "searchAnalyzer": "lucene.standard",
                "storedSource": true,
            ])
            #expect(created.status == 202, "\(created.text)")
            #expect(created.object["code"] as? String == "accept")
            let statusURL = try #require(created.headers.first(name: "Content-Location"))
            let operation = try await sandbox.get(statusURL).object["result"] as? [String: Any]
            #expect(operation?["status"] as? String == "FINISHED" && operation?["operation"] as? String == "create_search_index")

            // MDH v2 lists it with the definition it was given, less what the old path drops.
            let listed = try #require(try await sandbox.get(Self.v2 + "/suppliers/search_indexes").json as? [[String: Any]])
            let byName = try #require(listed.first { $0["name"] as? String == "by_name" })
            let definition = try #require(byName["definition"] as? [String: Any])
            #expect(definition["searchAnalyzer"] as? String == "lucene.standard" && definition["storedSource"] == nil)
            #expect(byName["status"] as? String == "READY" && byName["queryable"] as? Bool == true)
            // The old list names the same indexes in its own item shape.
            let old = try await sandbox.post(H.storage + "/search_indexes/list", json: ["collectionName": "suppliers"])
            let oldItems = old.object["result"] as? [[String: Any]] ?? []
            #expect(oldItems.compactMap { $0["name"] as? String } == ["by_name", "default"])
            #expect(oldItems.allSatisfy { $0["type"] as? String == "search" && $0["latest_definition"] is [String: Any] })

            // A whole definition under `definition` works too; the name defaults to Atlas's.
            let wrapped = try await sandbox.post(H.storage + "/search_indexes/create", json: [
                "collectionName": "purchase_orders", "name": "po", "definition": ["mappings": ["dynamic": true]],
            ])
            #expect(wrapped.status == 202)
            #expect(try await Self.v2Names(sandbox, "purchase_orders") == ["default", "po"])

            let dropped = try await sandbox.post(H.storage + "/search_indexes/drop", json: ["collectionName": "suppliers", "indexName": "by_name"])
            #expect(dropped.status == 202)
            #expect(try await Self.v2Names(sandbox, "suppliers") == ["default"])
            // A v2 PUT is visible to the old list at once.
            let put = try await sandbox.request("PUT", Self.v2 + "/suppliers/search_indexes/v2_made", json: ["mappings": ["dynamic": true]])
            #expect(put.status == 202 && (put.object["message"] as? String)?.contains("v2_made") == true)
            let again = try await sandbox.post(H.storage + "/search_indexes/list", json: ["collectionName": "suppliers"])
            #expect((again.object["result"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["default", "v2_made"])
        }
    }

    @Test func refusalsChangeNothing() async throws {
        try await H.withDataHub { sandbox in
            let mappings: [String: Any] = ["dynamic": true]
            let cases: [([String: Any], Int)] = [
                (["collectionName": "nowhere", "indexName": "x", "mappings": mappings], 404),
                (["collectionName": "suppliers", "indexName": "default", "mappings": mappings], 400),
                (["collectionName": "suppliers", "indexName": "x"], 422),
                (["collectionName": "suppliers", "indexName": "x", "mappings": mappings, "bogus": 1], 422),
                (["collectionName": "suppliers", "indexName": 5, "mappings": mappings], 422),
                (["indexName": "x", "mappings": mappings], 422),
            ]
            for (body, status) in cases {
                let response = try await sandbox.post(H.storage + "/search_indexes/create", json: body)
                #expect(response.status == status, "\(body): \(response.text)")
                #expect(response.object["code"] as? String == "error")
            }
            let missing = try await sandbox.post(H.storage + "/search_indexes/list", json: ["collectionName": "nowhere"])
            #expect(missing.status == 404 && (missing.object["message"] as? String)?.contains("'nowhere'") == true)
            for body: [String: Any] in [["collectionName": "suppliers", "indexName": "x"], ["collectionName": "nowhere", "indexName": "default"]] {
                #expect(try await sandbox.post(H.storage + "/search_indexes/drop", json: body).status == 404)
            }
            #expect(try await sandbox.post(H.storage + "/search_indexes/drop", json: ["collectionName": "suppliers"]).status == 422)
            #expect(try await Self.v2Names(sandbox, "suppliers") == ["default"])
        }
    }
}
