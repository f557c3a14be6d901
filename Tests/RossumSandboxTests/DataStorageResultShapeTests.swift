import Foundation
import RossumSandbox
import Testing

/// Data Storage results in the service's own shapes: `SuccessResponse` for collection changes,
/// `raw_result` beside the counts of writes, and the health check's `HealthzResponse`.
@Suite struct DataStorageResultShapeTests {
    typealias H = SandboxHarness

    static func result(_ response: TestResponse) -> [String: Any] { response.object["result"] as? [String: Any] ?? [:] }

    @Test func healthzNamesTheCodeThatAnswers() async throws {
        try await H.withDataHub { sandbox in
            let health = try await sandbox.request("GET", "/svc/data-storage/api/healthz", authorized: false)
            #expect(health.status == 200)
            let hash = try #require(health.object["code_version_hash"] as? String)
            #expect(hash.count == 40 && hash.allSatisfy(\.isHexDigit))
            #expect((health.object["code_project_path"] as? String)?.isEmpty == false)
        }
    }

    @Test func collectionChangesAnswerSuccess() async throws {
        try await H.withDataHub { sandbox in
            let created = try await sandbox.post(H.storage + "/collections/create", json: ["collectionName": "shapes"])
            #expect(created.status == 200)
            #expect(created.object["code"] as? String == "ok")
            #expect(Self.result(created)["success"] as? Bool == true)
            let renamed = try await sandbox.post(H.storage + "/collections/rename", json: ["collectionName": "shapes", "target": "shapes2"])
            #expect(renamed.status == 200)
            #expect(Self.result(renamed)["success"] as? Bool == true)
            let names = try await sandbox.post(H.storage + "/collections/list", json: [:]).object["result"] as? [String] ?? []
            #expect(names.contains("shapes2") && !names.contains("shapes"))
            // A refused rename changes nothing.
            let clash = try await sandbox.post(H.storage + "/collections/rename", json: ["collectionName": "shapes2", "target": "suppliers"])
            #expect(clash.status == 400 && clash.object["code"] as? String == "error")
            let after = try await sandbox.post(H.storage + "/collections/list", json: [:]).object["result"] as? [String] ?? []
            #expect(after.contains("shapes2") && after.contains("suppliers"))
        }
    }

    @Test func writesCarryRawResult() async throws {
        try await H.withDataHub { sandbox in
            _ = try await sandbox.post(H.storage + "/data/insert_many", json: ["collectionName": "raw", "documents": [["n": 1], ["n": 2], ["n": 2]]])
            let many = try await sandbox.post(H.storage + "/data/update_many", json: [
                "collectionName": "raw", "filter": ["n": 2], "update": ["$set": ["seen": true]],
            ])
            let manyRaw = try #require(Self.result(many)["raw_result"] as? [String: Any])
            #expect(manyRaw.int("n") == 2 && manyRaw.int("nModified") == 2 && manyRaw["updatedExisting"] as? Bool == true)
            #expect((manyRaw["ok"] as? NSNumber)?.doubleValue == 1)

            let upsert = try await sandbox.post(H.storage + "/data/update_one", json: [
                "collectionName": "raw", "filter": ["n": 9], "update": ["$set": ["seen": false]], "options": ["upsert": true],
            ])
            let upsertResult = Self.result(upsert)
            let upsertRaw = try #require(upsertResult["raw_result"] as? [String: Any])
            #expect(upsertRaw.int("n") == 1 && upsertRaw.int("nModified") == 0 && upsertRaw["updatedExisting"] as? Bool == false)
            let upsertedID = (upsertResult["upserted_id"] as? [String: Any])?["$oid"] as? String
            #expect(upsertedID != nil && (upsertRaw["upserted"] as? [String: Any])?["$oid"] as? String == upsertedID)

            let replaced = try await sandbox.post(H.storage + "/data/replace_one", json: [
                "collectionName": "raw", "filter": ["n": 1], "replacement": ["n": 1, "replaced": true],
            ])
            #expect((Self.result(replaced)["raw_result"] as? [String: Any])?.int("nModified") == 1)

            let deleted = try await sandbox.post(H.storage + "/data/delete_many", json: ["collectionName": "raw", "filter": ["n": 2]])
            let deleteResult = Self.result(deleted)
            #expect(deleteResult.int("deleted_count") == 2)
            #expect((deleteResult["raw_result"] as? [String: Any])?.int("n") == 2)
            let none = try await sandbox.post(H.storage + "/data/delete_one", json: ["collectionName": "raw", "filter": ["n": 42]])
            #expect((Self.result(none)["raw_result"] as? [String: Any])?.int("n") == 0)
        }
    }

    @Test func operationsNameTheUserWhoStartedThem() async throws {
        try await H.withDataHub { sandbox in
            let me = try #require(try await sandbox.get("auth/user").object.int("id"))
            _ = try await sandbox.post(H.storage + "/collections/create", json: ["collectionName": "owned"])
            var statusURLs: [String] = []
            for (endpoint, body) in [
                ("indexes/create", ["collectionName": "owned", "indexName": "by_n", "keys": ["n": 1]] as [String: Any]),
                ("data/bulk_write", ["collectionName": "owned", "operations": [["insertOne": ["document": ["n": 1]]]]]),
                ("collections/drop", ["collectionName": "owned"]),
            ] {
                let accepted = try await sandbox.post(H.storage + "/" + endpoint, json: body)
                #expect(accepted.status == 202, "\(endpoint): \(accepted.text)")
                statusURLs.append(try #require(accepted.headers.first(name: "Content-Location")))
            }
            for url in statusURLs {
                let operation = Self.result(try await sandbox.get(url))
                #expect(operation["user_id"] as? String == String(me), "\(operation)")
            }
            // An MDH upload read through operation_status is the uploader's too.
            let upload = try await sandbox.uploadJSON("POST", dataset: "owned_by_upload", [["a": 1]])
            let operationID = try #require(upload.headers.first(name: "Location")?.split(separator: "/").last.map(String.init))
            let status = Self.result(try await sandbox.get(H.storage + "/operation_status/\(operationID)"))
            #expect(status["user_id"] as? String == String(me))
        }
    }
}
