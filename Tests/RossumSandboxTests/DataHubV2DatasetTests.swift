import Foundation
import Testing

/// MDH v2 datasets: the list, and creating a dataset with (or without) search indexes.
@Suite struct DataHubV2DatasetTests {
    typealias H = SandboxHarness
    static let v2 = "/svc/master-data-hub/api/v2/datasets"

    static func list(_ sandbox: H, _ query: String = "") async throws -> [[String: Any]] {
        let response = try await sandbox.get(v2 + query)
        #expect(response.status == 200, "\(response.text)")
        return response.json as? [[String: Any]] ?? []
    }

    static func indexNames(_ item: [String: Any]?) -> [String] {
        (item?["search_indexes"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    @Test func listNamesEveryDatasetWithItsIndexes() async throws {
        try await H.withDataHub { sandbox in
            let all = try await Self.list(sandbox, "?limit=1000")
            let names = all.compactMap { $0["name"] as? String }
            #expect(names.contains("suppliers") && names == names.sorted())
            let v1 = try #require(try await sandbox.get(H.mdh + "/dataset/").json as? [[String: Any]])
            #expect(names == v1.compactMap { $0["name"] as? String })
            let suppliers = all.first { $0["name"] as? String == "suppliers" }
            #expect(suppliers?.int("record_count") == v1.first { $0["name"] as? String == "suppliers" }?.int("record_count"))
            #expect(Self.indexNames(suppliers) == ["default"])
            #expect(try await Self.list(sandbox, "?limit=1").count == 1)
            #expect(try await sandbox.get("/svc/data-matching/api/v2/datasets").status == 200)
            for bad in ["?limit=0", "?limit=x", "?limit=-3"] {
                let refused = try await sandbox.get(Self.v2 + bad)
                #expect(refused.status == 422 && refused.object["type"] as? String == "error", "\(bad)")
            }
            #expect(try await sandbox.request("GET", Self.v2, authorized: false).status == 401)
        }
    }

    @Test func createDeclaresTheIndexesTheBodyNames() async throws {
        try await H.withDataHub { sandbox in
            // No body: an empty dataset with MDH's default index.
            let plain = try await sandbox.request("POST", Self.v2 + "/plain")
            #expect(plain.status == 201, "\(plain.text)")
            #expect(plain.object.int("record_count") == 0 && Self.indexNames(plain.object) == ["default"])

            let named = try await sandbox.request("POST", Self.v2 + "/named", json: ["search_indexes": [
                ["name": "by_name", "definition": ["mappings": ["dynamic": false, "fields": ["name": ["type": "string"]]]]],
                ["name": "flat", "mappings": ["dynamic": true], "analyzer": "lucene.standard"],
            ]])
            #expect(named.status == 201, "\(named.text)")
            #expect(Self.indexNames(named.object) == ["by_name", "flat"])
            let searchList = try #require(try await sandbox.get(Self.v2 + "/named/search_indexes").json as? [[String: Any]])
            #expect(searchList.compactMap { $0["name"] as? String } == ["by_name", "flat"])
            #expect((searchList.last?["definition"] as? [String: Any])?["analyzer"] as? String == "lucene.standard")

            let none = try await sandbox.request("POST", Self.v2 + "/bare", json: ["search_indexes": []])
            #expect(none.status == 201 && Self.indexNames(none.object) == [])
            // The new datasets are collections Data Storage writes to and MDH v1 lists.
            _ = try await sandbox.post(H.storage + "/data/insert_one", json: ["collectionName": "bare", "document": ["a": 1]])
            let listed = try await Self.list(sandbox)
            #expect(listed.first { $0["name"] as? String == "bare" }?.int("record_count") == 1)
            #expect(Self.indexNames(listed.first { $0["name"] as? String == "named" }) == ["by_name", "flat"])
        }
    }

    @Test func refusedCreatesLeaveNoDataset() async throws {
        try await H.withDataHub { sandbox in
            let cases: [(String, Any?, Int)] = [
                ("suppliers", nil, 400),
                ("broken", ["search_indexes": [["name": "x", "definition": ["analyzer": "lucene.standard"]]]], 422),
                ("broken", ["search_indexes": [["name": "x", "mappings": ["dynamic": true]], ["name": "x", "mappings": ["dynamic": true]]]], 422),
                ("broken", ["search_indexes": [["mappings": ["dynamic": true]]]], 422),
                ("broken", ["search_indexes": "default"], 422),
                ("broken", [1, 2], 422),
                ("bad$name", nil, 422),
            ]
            for (name, body, status) in cases {
                let data = body.flatMap { try? JSONSerialization.data(withJSONObject: $0) } ?? Data()
                let answer = try await sandbox.request("POST", Self.v2 + "/" + name, body: data, contentType: "application/json")
                #expect(answer.status == status, "\(name) \(String(describing: body)): \(answer.text)")
                #expect(answer.object["type"] as? String == "error")
            }
            let notJSON = try await sandbox.request("POST", Self.v2 + "/broken", body: Data("{".utf8), contentType: "application/json")
            #expect(notJSON.status == 422)
            let names = try await Self.list(sandbox).compactMap { $0["name"] as? String }
            #expect(!names.contains("broken") && !names.contains("bad$name"))
        }
    }
}
