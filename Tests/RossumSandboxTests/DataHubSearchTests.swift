import Foundation
import Testing

/// MDH v2 search indexes, Data Storage's `search_indexes/list`, and fuzzy `$search`.
@Suite struct DataHubSearchTests {
    typealias H = SandboxHarness
    static let v2 = "/svc/master-data-hub/api/v2/datasets"

    static func names(_ response: TestResponse) -> [String] {
        (response.json as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    @Test func searchIndexesAreListedReplacedAndDropped() async throws {
        try await H.withDataHub { sandbox in
            let initial = try await sandbox.get(Self.v2 + "/suppliers/search_indexes")
            #expect(initial.status == 200)
            let first = (initial.json as? [[String: Any]])?.first
            #expect(first?["name"] as? String == "default")
            #expect(first?["status"] as? String == "READY")
            #expect(first?["queryable"] as? Bool == true)

            let definition: [String: Any] = ["mappings": ["dynamic": false, "fields": ["name": ["type": "string"]]]]
            let put = try await sandbox.request("PUT", Self.v2 + "/suppliers/search_indexes/by_name", json: definition)
            #expect(put.status == 202)
            let listed = try await sandbox.get("/svc/data-matching/api/v2/datasets/suppliers/search_indexes")
            #expect(Self.names(listed) == ["by_name", "default"])
            let stored = (listed.json as? [[String: Any]])?.first?["definition"] as? [String: Any]
            #expect((stored?["mappings"] as? [String: Any])?["dynamic"] as? Bool == false)

            let storage = try await sandbox.post(H.storage + "/search_indexes/list", json: ["collectionName": "suppliers"])
            #expect(storage.object["code"] as? String == "ok")
            #expect((storage.object["result"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["by_name", "default"])

            #expect(try await sandbox.request("PUT", Self.v2 + "/suppliers/search_indexes/x", json: ["analyzer": "lucene.standard"]).status == 422)
            #expect(try await sandbox.request("PUT", Self.v2 + "/suppliers/search_indexes/x", body: Data("[".utf8), contentType: "application/json").status == 422)
            let unknown = try await sandbox.request("PUT", Self.v2 + "/nowhere/search_indexes/x", json: definition)
            #expect(unknown.status == 404)
            #expect(unknown.object["type"] as? String == "error")
            #expect(try await sandbox.post(H.storage + "/search_indexes/list", json: ["collectionName": "nowhere"]).status == 404)

            #expect(try await sandbox.request("DELETE", Self.v2 + "/suppliers/search_indexes/by_name").status == 202)
            #expect(try await sandbox.request("DELETE", Self.v2 + "/suppliers/search_indexes/default").status == 202)
            #expect(try await sandbox.request("DELETE", Self.v2 + "/suppliers/search_indexes/default").status == 404)
            #expect(Self.names(try await sandbox.get(Self.v2 + "/suppliers/search_indexes")) == [])
        }
    }

    @Test func fuzzySearchFindsNearMissesBestFirst() async throws {
        try await H.withDataHub { sandbox in
            let records: [[String: Any]] = [["name": "Beta Corp", "city": "Acme"], ["name": "Acme GmbH"], ["name": "Dvořák s.r.o."], ["name": "Acme Acres GmbH"]]
            #expect(try await sandbox.post(H.storage + "/data/insert_many", json: ["collectionName": "vendors", "documents": records]).status == 200)
            func search(_ text: [String: Any], index: String? = nil) async throws -> [String] {
                var spec: [String: Any] = ["text": text]
                if let index { spec["index"] = index }
                let pipeline: [[String: Any]] = [["$search": spec], ["$project": ["_id": 0, "name": 1]]]
                let response = try await sandbox.post(H.storage + "/data/aggregate", json: ["collectionName": "vendors", "pipeline": pipeline])
                #expect(response.status == 200, "\(response.text)")
                return (response.object["result"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            }
            // Exact tokens only without `fuzzy`; case does not matter.
            #expect(try await search(["query": "ACME", "path": "name"]) == ["Acme GmbH", "Acme Acres GmbH"])
            #expect(try await search(["query": "acmee", "path": "name"]) == [])
            // One edit away; the record matching both terms comes first.
            #expect(try await search(["query": "acmee gmbg", "path": "name", "fuzzy": ["maxEdits": 1]]) == ["Acme GmbH", "Acme Acres GmbH"])
            #expect(try await search(["query": "dvorak", "path": "name", "fuzzy": ["maxEdits": 1]]) == [])
            #expect(try await search(["query": "dvorak", "path": "name", "fuzzy": ["maxEdits": 2]]) == ["Dvořák s.r.o."])
            #expect(try await search(["query": "xcme", "path": "name", "fuzzy": ["maxEdits": 1, "prefixLength": 1]]) == [])
            // Every string field with the wildcard path.
            #expect(try await search(["query": "acme", "path": ["wildcard": "*"]]).first == "Beta Corp")
            // An index the dataset lacks finds nothing, as in Atlas.
            #expect(try await search(["query": "acme", "path": "name"], index: "missing") == [])

            for pipeline: [[String: Any]] in [[["$match": [:]], ["$search": ["text": ["query": "a", "path": "name"]]]],
                                              [["$search": ["text": ["query": "a", "path": "name", "fuzzy": ["maxEdits": 3]]]]],
                                              [["$search": ["autocomplete": ["query": "a", "path": "name"]]]]] {
                let response = try await sandbox.post(H.storage + "/data/aggregate", json: ["collectionName": "vendors", "pipeline": pipeline])
                #expect(response.status == 400, "\(pipeline)")
            }
        }
    }
}
