import Foundation
import RossumSandbox
import Testing

/// The MDH dataset and operation endpoints over HTTP, against an in-process sandbox.
@Suite struct DataHubMasterDataHubHTTPTests {
    typealias H = SandboxHarness

    @Test func datasetListUnderBothPrefixesShowsDemoDatasets() async throws {
        try await H.withDataHub { sandbox in
            for prefix in [H.mdh, H.matching] {
                let response = try await sandbox.get(prefix + "/dataset/")
                #expect(response.status == 200)
                let datasets = try #require(response.json as? [[String: Any]])
                let counts = Dictionary(uniqueKeysWithValues: datasets.map { ($0["name"] as? String ?? "", $0.int("record_count") ?? -1) })
                #expect(counts["suppliers"] == DataHubSeedScale.small.supplierCount)
                #expect(counts["purchase_orders"] == DataHubSeedScale.small.purchaseOrderCount)
            }
        }
    }

    @Test func pollingSeesStatusesInLifecycleOrder() async throws {
        // Steps long enough that polling sees each state even on a loaded machine.
        try await H.withDataHub(queued: .milliseconds(500), processing: .milliseconds(1000)) { sandbox in
            let created = try await sandbox.uploadJSON("POST", dataset: "progress", [["k": 1]])
            let (seen, operation) = try await sandbox.waitForOperation(created)
            // HTTP polling on a loaded machine may miss a state; what it sees must be in
            // lifecycle order and end finished (DataHubOperationTests pin every state in-process).
            let lifecycle = ["queued", "processing", "finished"]
            let steps = seen.compactMap { lifecycle.firstIndex(of: $0) }
            #expect(steps.count == seen.count && steps == steps.sorted() && seen.last == "finished", "seen: \(seen)")
            #expect(operation.summary.int("record_count") == 1)
        }
    }

    @Test func createThenUpsertWithExactCounts() async throws {
        try await H.withDataHub { sandbox in
            let created = try await sandbox.uploadJSON("POST", dataset: "vendors", [
                ["vendor_id": "V1", "name": "Dvořák s.r.o.", "iban": "CZ01"],
                ["vendor_id": "V2", "name": "Müller GmbH", "iban": "DE02"],
                ["vendor_id": "V3", "name": "山田商事株式会社", "iban": "JP03"],
            ])
            #expect(created.object["message"] as? String == "Dataset operation has been queued.")
            #expect(created.object["type"] as? String == "info")
            let location = try #require(created.headers.first(name: "Location"))
            #expect(location.hasPrefix(sandbox.server.baseURL + "/svc/master-data-hub/api/v1/operation/"))
            let (seen, operation) = try await sandbox.waitForOperation(created)
            // Polling over HTTP on a loaded machine may miss a short state; what it sees must
            // still be in lifecycle order and end finished (the engine tests pin every state).
            let lifecycle = ["queued", "processing", "finished"]
            let steps = seen.compactMap { lifecycle.firstIndex(of: $0) }
            #expect(steps.count == seen.count && steps == steps.sorted() && seen.last == "finished", "seen: \(seen)")
            #expect(operation["operation_type"] as? String == "create")
            #expect(operation["dataset_name"] as? String == "vendors")
            #expect(operation["error"] is NSNull)
            #expect(operation["create_ts"] is String && operation["status_ts"] is String)
            #expect((operation["file_metadata"] as? [String: Any])?["filename"] as? String == "data.json")
            #expect(operation.summary.int("records_inserted") == 3)

            // Upsert: V2 is overwritten whole (its iban goes), V4 is new, V1 and V3 stay.
            let upsert = try await sandbox.uploadJSON(
                "PATCH", dataset: "vendors", [["vendor_id": "V2", "name": "Müller AG"], ["vendor_id": "V4", "name": "Acme Ltd"]],
                fields: [("id_keys", "vendor_id"), ("update_or_new", "true"), ("encoding", "utf-8")], prefix: H.matching)
            let (_, finished) = try await sandbox.waitForOperation(upsert)
            #expect(finished["status"] as? String == "finished")
            #expect(finished.summary.int("records_inserted") == 1)
            #expect(finished.summary.int("records_updated") == 1)
            #expect(finished.summary.int("record_count") == 4)
            let rows = try await sandbox.records("vendors", sortedBy: "vendor_id")
            #expect(rows.count == 4)
            #expect(rows[1]["name"] as? String == "Müller AG")
            #expect(rows[1]["iban"] == nil)
            #expect(rows[0]["iban"] as? String == "CZ01")
            #expect(rows[3]["name"] as? String == "Acme Ltd")

            // The operation is listed, newest first, under either prefix.
            let list = try await sandbox.get(H.matching + "/operation/")
            let operations = try #require(list.json as? [[String: Any]])
            #expect(operations.first?["operation_id"] as? String == finished["operation_id"] as? String)
            let v2 = try #require(try await sandbox.get("/svc/master-data-hub/api/v2/operation/?limit=5000").object["operations"] as? [[String: Any]])
            #expect(v2.first?["_id"] as? String == finished["operation_id"] as? String)
            #expect(v2.first?["status"] as? String == "FINISHED")
            let v2Summary = (v2.first?["metadata"] as? [String: Any])?["operation_summary"] as? [String: Any]
            #expect(v2Summary?.int("record_count") == 4)
        }
    }

    @Test func matchedRecordsKeepTheirId() async throws {
        try await H.withDataHub { sandbox in
            let before = try await sandbox.find(["collectionName": "suppliers", "query": ["supplier_id": "SUP-000007"]])
            let id = try #require((before.first?["_id"] as? [String: Any])?["$oid"] as? String)
            let patch = try await sandbox.uploadJSON(
                "PATCH", dataset: "suppliers", [["supplier_id": "SUP-000007", "name": "Renamed"]],
                fields: [("id_keys", "supplier_id"), ("update_or_new", "false")])
            _ = try await sandbox.waitForOperation(patch)
            let after = try await sandbox.find(["collectionName": "suppliers", "query": ["_id": ["$oid": id]]])
            #expect(after.count == 1)
            #expect(after.first?["name"] as? String == "Renamed")
            #expect(after.first?["supplier_id"] as? String == "SUP-000007")
        }
    }

    @Test func replaceWholeAndReplaceByKeys() async throws {
        try await H.withDataHub { sandbox in
            _ = try await sandbox.waitForOperation(try await sandbox.uploadJSON("POST", dataset: "d", [["k": 1], ["k": 2], ["k": 3]]))
            let byKeys = try await sandbox.uploadJSON(
                "PUT", dataset: "d", [["k": 2, "v": "two"], ["k": 4]], fields: [("replace_or_new", "true"), ("id_keys", "k")])
            let (_, operation) = try await sandbox.waitForOperation(byKeys)
            #expect(operation.summary.int("records_inserted") == 1)
            #expect(operation.summary.int("records_updated") == 1)
            #expect(operation.summary.int("records_deleted") == 2)
            #expect(try await sandbox.records("d", sortedBy: "k").map { $0.int("k") } == [2, 4])

            let csv = Data("code;label\n\"A;1\";Žluťoučký kůň\nB;Größe\n".utf8)
            let replace = try await sandbox.upload("PUT", H.mdh + "/dataset/d", file: csv, filename: "codes.csv", fileType: "text/csv",
                                                   fields: [("field_delimiter", ";")])
            let (_, replaced) = try await sandbox.waitForOperation(replace)
            #expect(replaced["status"] as? String == "finished")
            let rows = try await sandbox.records("d", sortedBy: "code")
            #expect(rows.count == 2)
            #expect(rows[0]["code"] as? String == "A;1")
            #expect(rows[0]["label"] as? String == "Žluťoučký kůň")
            #expect(rows[1]["label"] as? String == "Größe")
        }
    }

    @Test func createConflictUnknownDatasetsAndDelete() async throws {
        try await H.withDataHub { sandbox in
            let conflict = try await sandbox.uploadJSON("POST", dataset: "suppliers", [["a": 1]])
            #expect(conflict.status == 400)
            #expect(conflict.object["message"] as? String == "collection already exists")
            #expect(conflict.object["type"] as? String == "error")
            let patchMissing = try await sandbox.uploadJSON("PATCH", dataset: "nope", [["a": 1]], fields: [("id_keys", "a")])
            #expect(patchMissing.status == 404)
            #expect(patchMissing.object["type"] as? String == "error")
            let deleteMissing = try await sandbox.request("DELETE", H.mdh + "/dataset/nope")
            #expect(deleteMissing.status == 404)
            let noKeys = try await sandbox.uploadJSON("PATCH", dataset: "suppliers", [["a": 1]])
            #expect(noKeys.status == 422)
            let noFile = try await sandbox.upload("PUT", H.mdh + "/dataset/suppliers", file: nil)
            #expect(noFile.status == 422)
            let notMultipart = try await sandbox.request("PUT", H.mdh + "/dataset/suppliers", json: [["a": 1]])
            #expect(notMultipart.status == 415)
            let badEncoding = try await sandbox.uploadJSON("PUT", dataset: "suppliers", [["a": 1]], fields: [("encoding", "ebcdic")])
            #expect(badEncoding.status == 422)

            let deleted = try await sandbox.waitForOperation(try await sandbox.request("DELETE", H.matching + "/dataset/suppliers"))
            #expect(deleted.operation["status"] as? String == "finished")
            #expect(deleted.operation.summary.int("records_deleted") == DataHubSeedScale.small.supplierCount)
            let names = try #require(try await sandbox.get(H.mdh + "/dataset").json as? [[String: Any]]).compactMap { $0["name"] as? String }
            #expect(!names.contains("suppliers"))
            #expect(try await sandbox.get(H.mdh + "/operation/ffffffffffffffffffffffff").status == 404)
        }
    }

    @Test func badFilesFailTheOperationAndLeaveTheDatasetUnchanged() async throws {
        try await H.withDataHub { sandbox in
            let before = try await sandbox.records("suppliers", sortedBy: "supplier_id")
            let keyFields = [("id_keys", "supplier_id"), ("update_or_new", "true")]
            let cases: [(file: Data, filename: String, fields: [(String, String)], error: String)] = [
                (Data(#"[{"supplier_id": "SUP-000001", "name": "x"}, {"name": "#.utf8), "data.json", keyFields, "not valid JSON"),
                (Data(#"[{"supplier_id": "SUP-000001", "name": "x"}, {"name": "no key"}]"#.utf8), "data.json", keyFields,
                 "no value for the id key \"supplier_id\""),
                (Data([0x5B, 0x7B, 0x22, 0x73, 0x75, 0x70, 0x70, 0x6C, 0x69, 0x65, 0x72, 0x5F, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D, 0x5D]),
                 "data.json", keyFields, "not valid utf-8"),
                (Data(#"[{"supplier_id": "SUP-000001"}, {"supplier_id": "SUP-000001"}]"#.utf8), "data.json", keyFields, "same id key values"),
                (Data("supplier_id,name\nSUP-000001\n".utf8), "data.csv", keyFields, "not valid CSV"),
                (Data("name\nx\n".utf8), "data.csv", keyFields, "no value for the id key"),
                (Data(#"{"supplier_id": "SUP-000001"}"#.utf8), "data.json", [], "array of objects"),
            ]
            for item in cases {
                let method = item.fields.isEmpty ? "PUT" : "PATCH"
                let accepted = try await sandbox.upload(method, H.mdh + "/dataset/suppliers", file: item.file, filename: item.filename, fields: item.fields)
                let (seen, operation) = try await sandbox.waitForOperation(accepted)
                #expect(seen.last == "failed")
                let error = operation["error"] as? String ?? ""
                #expect(error.contains(item.error), "error \(error) should mention \(item.error)")
                let after = try await sandbox.records("suppliers", sortedBy: "supplier_id")
                #expect(NSArray(array: after).isEqual(to: before), "dataset changed after a failed \(item.filename) upload")
            }
        }
    }

    @Test func authAndBodyLimits() async throws {
        try await H.withDataHub { sandbox in
            let anonymous = try await sandbox.request("GET", H.mdh + "/dataset/", authorized: false)
            #expect(anonymous.status == 401)
            #expect(anonymous.object["type"] as? String == "error")
            let tokenScheme = try await sandbox.request(
                "GET", H.mdh + "/dataset/", headers: [("Authorization", "Token \(sandbox.token ?? "")")], authorized: false)
            #expect(tokenScheme.status == 401)
            let huge = Data(count: 50 * 1024 * 1024 + 1)
            let tooLarge = try await sandbox.upload("PUT", H.mdh + "/dataset/big", file: huge)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.object["type"] as? String == "error")
        }
    }

    @Test func operationsOfOneDatasetRunInOrderAndNeverOverlap() async throws {
        try await H.withDataHub(queued: .milliseconds(5), processing: .milliseconds(10)) { sandbox in
            var accepted: [TestResponse] = []
            for round in 1...4 {
                accepted.append(try await sandbox.uploadJSON(
                    "PATCH", dataset: "suppliers", [["supplier_id": "SUP-000001", "round": round]],
                    fields: [("id_keys", "supplier_id"), ("update_or_new", "true")]))
            }
            for response in accepted { _ = try await sandbox.waitForOperation(response) }
            let row = try await sandbox.find(["collectionName": "suppliers", "query": ["supplier_id": "SUP-000001"]])
            #expect(row.first?.int("round") == 4)
        }
    }
}
