import Foundation
import Testing

/// MDH v1's `fuzzy_search/{dataset}` switch: the `default` search index that `$search` uses.
@Suite struct DataHubFuzzySearchToggleTests {
    typealias H = SandboxHarness

    static func search(_ sandbox: H, _ query: String) async throws -> TestResponse {
        let pipeline: [[String: Any]] = [["$search": ["text": ["query": query, "path": "name", "fuzzy": ["maxEdits": 1]]]], ["$limit": 1]]
        return try await sandbox.post(H.storage + "/data/aggregate", json: ["collectionName": "vendors", "pipeline": pipeline])
    }

    static func indexNames(_ sandbox: H) async throws -> [String] {
        (try await sandbox.get("/svc/master-data-hub/api/v2/datasets/vendors/search_indexes").json as? [[String: Any]] ?? [])
            .compactMap { $0["name"] as? String }
    }

    @Test func disablingAndEnablingDecideWhatSearchFinds() async throws {
        try await H.withDataHub { sandbox in
            _ = try await sandbox.post(H.storage + "/data/insert_many", json: ["collectionName": "vendors", "documents": [["name": "Acme GmbH"]]])
            #expect((try await Self.search(sandbox, "acmee").object["result"] as? [Any])?.count == 1)

            let off = try await sandbox.request("DELETE", H.mdh + "/fuzzy_search/vendors")
            let disabled = try await sandbox.waitForOperation(off)
            #expect(disabled.operation["status"] as? String == "finished")
            #expect(disabled.operation["operation_type"] as? String == "disable_fuzzy_search")
            #expect(try await Self.indexNames(sandbox) == [])
            #expect((try await Self.search(sandbox, "acmee").object["result"] as? [Any])?.count == 0)
            // Off twice: nothing left to remove.
            let twice = try await sandbox.request("DELETE", H.matching + "/fuzzy_search/vendors")
            #expect(twice.status == 404 && twice.object["type"] as? String == "error")

            let on = try await sandbox.request("POST", H.matching + "/fuzzy_search/vendors")
            let enabled = try await sandbox.waitForOperation(on)
            #expect(enabled.operation["operation_type"] as? String == "enable_fuzzy_search")
            #expect(try await Self.indexNames(sandbox) == ["default"])
            #expect((try await Self.search(sandbox, "acmee").object["result"] as? [Any])?.count == 1)
            // The switch is an MDH operation of the caller, listed with the others.
            let operations = try #require(try await sandbox.get(H.mdh + "/operation/?dataset_name=vendors").json as? [[String: Any]])
            #expect(operations.compactMap { $0["operation_type"] as? String }.prefix(2) == ["enable_fuzzy_search", "disable_fuzzy_search"])
            let me = try #require(try await sandbox.get("auth/user").object.int("id"))
            let operationID = try #require(on.headers.first(name: "Location")?.split(separator: "/").last.map(String.init))
            let status = try await sandbox.get(H.storage + "/operation_status/\(operationID)").object["result"] as? [String: Any]
            #expect(status?["user_id"] as? String == String(me))
        }
    }

    @Test func unknownDatasetsAndAnonymousCallersAreRefused() async throws {
        try await H.withDataHub { sandbox in
            for method in ["POST", "DELETE"] {
                let unknown = try await sandbox.request(method, H.mdh + "/fuzzy_search/nowhere")
                #expect(unknown.status == 404 && unknown.object["type"] as? String == "error")
                #expect(try await sandbox.request(method, H.mdh + "/fuzzy_search/suppliers", authorized: false).status == 401)
            }
            #expect(try await sandbox.request("GET", H.mdh + "/fuzzy_search/suppliers").status == 405)
            #expect(try await sandbox.get("/svc/master-data-hub/api/v2/datasets/suppliers/search_indexes").status == 200)
        }
    }
}
