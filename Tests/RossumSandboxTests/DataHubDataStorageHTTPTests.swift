import Foundation
import RossumSandbox
import Testing

/// The Data Storage RPC endpoints over HTTP, on the same collections MDH manages.
@Suite struct DataHubDataStorageHTTPTests {
    typealias H = SandboxHarness

    static func oid(_ record: [String: Any]) -> String? { (record["_id"] as? [String: Any])?["$oid"] as? String }

    @Test func healthNeedsNoTokenButEndpointsNeedBearer() async throws {
        try await H.withDataHub { sandbox in
            let health = try await sandbox.request("GET", "/svc/data-storage/api/healthz", authorized: false)
            #expect(health.status == 200)
            let anonymous = try await sandbox.request("POST", H.storage + "/data/find", json: ["collectionName": "suppliers", "query": [:]], authorized: false)
            #expect(anonymous.status == 401)
            #expect(anonymous.object["code"] as? String == "error")
            let tokenScheme = try await sandbox.request(
                "POST", H.storage + "/data/find", json: ["collectionName": "suppliers", "query": [:]],
                headers: [("Authorization", "Token \(sandbox.token ?? "")")], authorized: false)
            #expect(tokenScheme.status == 401)
            let missingName = try await sandbox.post(H.storage + "/data/find", json: ["query": [:]])
            #expect(missingName.status == 422)
            #expect(missingName.object["code"] as? String == "error")
            let badOperator = try await sandbox.post(H.storage + "/data/find", json: ["collectionName": "suppliers", "query": ["a": ["$bogus": 1]]])
            #expect(badOperator.status == 400)
            #expect((badOperator.object["message"] as? String)?.contains("$bogus") == true)
            for body: [String: Any] in [["collectionName": "suppliers"], ["collectionName": "suppliers", "filter": [:]], ["collectionName": "suppliers", "query": NSNull()]] {
                let noQuery = try await sandbox.post(H.storage + "/data/find", json: body)
                #expect(noQuery.status == 422, "\(body)")
                #expect((noQuery.object["message"] as? String)?.contains("query") == true)
            }
            let notJSON = try await sandbox.request("POST", H.storage + "/data/find", body: Data("{".utf8), contentType: "application/json")
            #expect(notJSON.status == 422)
        }
    }

    /// Routing refusals (unknown path, wrong method) come in each service's own error shape,
    /// which is what its clients read; the API proper keeps `detail`.
    @Test func routingErrorsUseTheServiceErrorShape() async throws {
        try await H.withDataHub { sandbox in
            let wrongMethod = try await sandbox.request("GET", H.storage + "/data/bulk_write")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.object["code"] as? String == "error")
            #expect((wrongMethod.object["message"] as? String)?.contains("GET") == true)
            let unknown = try await sandbox.post(H.storage + "/data/bogus", json: [:])
            #expect(unknown.status == 404)
            #expect(unknown.object["code"] as? String == "error")
            let mdh = try await sandbox.request("GET", "/svc/master-data-hub/api/v1/bogus")
            #expect(mdh.status == 404)
            #expect(mdh.object["type"] as? String == "error")
            #expect(mdh.object["message"] is String)
            let api = try await sandbox.request("DELETE", "annotations/assign")
            #expect(api.status == 405)
            #expect(api.object["detail"] is String)
        }
    }

    @Test func findWithOperatorsProjectionSortSkipLimit() async throws {
        try await H.withDataHub { sandbox in
            let empty = try await sandbox.post(H.storage + "/data/find", json: ["collectionName": "suppliers", "query": [:], "limit": 2])
            #expect(empty.object["message"] as? String == "")
            // Raw JSON: a Swift dictionary would not keep the order of the sort keys.
            let body = #"{"collectionName": "suppliers", "query": {"country": {"$in": ["CZ", "DE"]}, "payment_terms_days": {"$gte": 30}, "active": true}, "projection": {"_id": 0, "supplier_id": 1, "country": 1, "payment_terms_days": 1}, "sort": {"country": 1, "payment_terms_days": -1, "supplier_id": 1}, "skip": 1, "limit": 5}"#
            let response = try await sandbox.request("POST", H.storage + "/data/find", body: Data(body.utf8), contentType: "application/json")
            let page = response.object["result"] as? [[String: Any]] ?? []
            #expect(page.count == 5)
            for row in page {
                #expect(Set(row.keys) == ["supplier_id", "country", "payment_terms_days"])
                #expect(["CZ", "DE"].contains(row["country"] as? String ?? ""))
                #expect((row.int("payment_terms_days") ?? 0) >= 30)
            }
            let keys = page.map { ($0["country"] as? String ?? "", -($0.int("payment_terms_days") ?? 0), $0["supplier_id"] as? String ?? "") }
            #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 }, "\(keys)")

            let regex = try await sandbox.find(["collectionName": "suppliers", "query": ["name": ["$regex": "gmbh", "$options": "i"]], "limit": 3])
            #expect(!regex.isEmpty && regex.allSatisfy { ($0["name"] as? String ?? "").lowercased().contains("gmbh") })
            let czech = try await sandbox.find(["collectionName": "suppliers", "query": ["$or": [["city": "Plzeň"], ["city": "東京"]], "street": ["$exists": true]]])
            #expect(!czech.isEmpty && czech.allSatisfy { ["Plzeň", "東京"].contains($0["city"] as? String ?? "") })
            let excluded = try await sandbox.find(["collectionName": "suppliers", "query": ["supplier_id": "SUP-000001"], "projection": ["iban": 0, "email": 0]])
            #expect(excluded.count == 1 && excluded[0]["iban"] == nil && excluded[0]["name"] != nil && Self.oid(excluded[0]) != nil)
            let missing = try await sandbox.find(["collectionName": "no_such_collection", "query": [:]])
            #expect(missing.isEmpty)
        }
    }

    /// The bulk download recipe: skip + limit, `sort {_id: -1}`, `projection {_id: 0}`, until an empty page.
    @Test func bulkDownloadBySkipReturnsEveryRecordOnce() async throws {
        try await H.withDataHub { sandbox in
            var skip = 0
            var numbers: [String] = []
            while true {
                let page = try await sandbox.find([
                    "collectionName": "purchase_orders", "query": [:], "projection": ["_id": 0], "skip": skip, "limit": 300, "sort": ["_id": -1],
                ])
                if page.isEmpty { break }
                #expect(page.allSatisfy { $0["_id"] == nil })
                numbers += page.compactMap { $0["po_number"] as? String }
                skip += 300
            }
            #expect(numbers.count == DataHubSeedScale.small.purchaseOrderCount)
            #expect(Set(numbers).count == numbers.count)
            #expect(numbers.first?.hasSuffix("001000") == true)
            #expect(numbers.last?.hasSuffix("000001") == true)
        }
    }

    @Test func keysetPaginationOverAChangingCollection() async throws {
        try await H.withDataHub { sandbox in
            var last: String?
            var seen: [String] = []
            var deletedAhead: Set<String> = []
            var round = 0
            while true {
                var query: [String: Any] = [:]
                if let last { query["_id"] = ["$gt": ["$oid": last]] }
                let page = try await sandbox.find(["collectionName": "purchase_orders", "query": query, "sort": ["_id": 1], "limit": 150])
                if page.isEmpty { break }
                let ids = page.compactMap(Self.oid)
                #expect(ids == ids.sorted())
                if let last { #expect(ids.first! > last) }
                seen += page.compactMap { $0["po_number"] as? String }
                last = ids.last
                round += 1
                // Meanwhile: a record ahead of the cursor goes, and new ones arrive at the end.
                let ahead = try await sandbox.find([
                    "collectionName": "purchase_orders", "query": ["_id": ["$gt": ["$oid": last!]]], "sort": ["_id": 1], "skip": 10, "limit": 1,
                ])
                if let victim = ahead.first, let number = victim["po_number"] as? String {
                    let deleted = try await sandbox.post(H.storage + "/data/delete_one", json: ["collectionName": "purchase_orders", "filter": ["po_number": number]])
                    #expect((deleted.object["result"] as? [String: Any])?.int("deleted_count") == 1)
                    deletedAhead.insert(number)
                }
                if round <= 3 {
                    let inserted = try await sandbox.post(H.storage + "/data/insert_one", json: [
                        "collectionName": "purchase_orders", "document": ["po_number": "PO-NEW-\(round)", "status": "open"],
                    ])
                    #expect(inserted.status == 200)
                }
            }
            #expect(Set(seen).count == seen.count, "a record was returned twice")
            #expect(deletedAhead.isDisjoint(with: seen))
            #expect(seen.suffix(3) == ["PO-NEW-1", "PO-NEW-2", "PO-NEW-3"])
            #expect(seen.count == DataHubSeedScale.small.purchaseOrderCount - deletedAhead.count + 3)
        }
    }

    @Test func aggregateStages() async throws {
        try await H.withDataHub { sandbox in
            func aggregate(_ pipeline: [[String: Any]]) async throws -> [[String: Any]] {
                let response = try await sandbox.post(H.storage + "/data/aggregate", json: ["collectionName": "purchase_orders", "pipeline": pipeline])
                #expect(response.status == 200, "\(response.text)")
                return response.object["result"] as? [[String: Any]] ?? []
            }
            let total = try await aggregate([["$count": "n"]])
            #expect(total.first?.int("n") == DataHubSeedScale.small.purchaseOrderCount)
            let open = try await sandbox.find(["collectionName": "purchase_orders", "query": ["status": "open"], "projection": ["_id": 1]])
            let openCount = try await aggregate([["$match": ["status": "open"]], ["$count": "n"]])
            #expect(openCount.first?.int("n") == open.count)
            let groups = try await aggregate([
                ["$group": ["_id": "$status", "orders": ["$sum": 1], "amount": ["$sum": "$total_amount"]]], ["$sort": ["_id": 1]],
            ])
            #expect(groups.compactMap { $0.int("orders") }.reduce(0, +) == DataHubSeedScale.small.purchaseOrderCount)
            #expect(groups.compactMap { $0["_id"] as? String } == groups.compactMap { $0["_id"] as? String }.sorted())
            #expect(groups.first { $0["_id"] as? String == "open" }?.int("orders") == open.count)
            let top = try await aggregate([
                ["$match": ["currency": "EUR"]], ["$sort": ["total_amount": -1]], ["$skip": 1], ["$limit": 3],
                ["$project": ["_id": 0, "po_number": 1, "total_amount": 1]],
            ])
            #expect(top.count == 3)
            let amounts = top.compactMap { ($0["total_amount"] as? NSNumber)?.doubleValue }
            #expect(amounts == amounts.sorted(by: >))
            #expect(top.allSatisfy { Set($0.keys) == ["po_number", "total_amount"] })
            let unsupported = try await sandbox.post(H.storage + "/data/aggregate", json: ["collectionName": "purchase_orders", "pipeline": [["$lookup": [:]]]])
            #expect(unsupported.status == 400)
        }
    }

    @Test func writesAndCollectionsAreSharedWithMasterDataHub() async throws {
        try await H.withDataHub { sandbox in
            let created = try await sandbox.post(H.storage + "/collections/create", json: ["collectionName": "notes"])
            #expect(created.status == 200)
            let again = try await sandbox.post(H.storage + "/collections/create", json: ["collectionName": "notes"])
            #expect(again.status == 400)
            let many = try await sandbox.post(H.storage + "/data/insert_many", json: [
                "collectionName": "notes", "documents": [["n": 1, "tag": "a"], ["n": 2, "tag": "b"], ["n": 3, "tag": "b"]],
            ])
            let ids = (many.object["result"] as? [String: Any])?["inserted_ids"] as? [[String: Any]] ?? []
            #expect(ids.count == 3 && ids.allSatisfy { ($0["$oid"] as? String)?.count == 24 })

            let updated = try await sandbox.post(H.storage + "/data/update_many", json: [
                "collectionName": "notes", "filter": ["tag": "b"], "update": ["$set": ["seen": true], "$unset": ["tag": ""]],
            ])
            let updateResult = updated.object["result"] as? [String: Any] ?? [:]
            #expect(updateResult.int("matched_count") == 2 && updateResult.int("modified_count") == 2)
            let one = try await sandbox.post(H.storage + "/data/update_one", json: [
                "collectionName": "notes", "filter": ["n": ["$gte": 1]], "update": ["$set": ["first": true]],
            ])
            #expect((one.object["result"] as? [String: Any])?.int("modified_count") == 1)
            let rows = try await sandbox.records("notes", sortedBy: "n")
            #expect(rows.map { $0["tag"] as? String } == ["a", nil, nil])
            #expect(rows.map { $0["seen"] as? Bool } == [nil, true, true])
            #expect(rows.map { $0["first"] as? Bool } == [true, nil, nil])

            // MDH sees the Data Storage collection as a dataset, with its record count.
            let datasets = try #require(try await sandbox.get(H.mdh + "/dataset/").json as? [[String: Any]])
            #expect(datasets.first { $0["name"] as? String == "notes" }?.int("record_count") == 3)

            let deleted = try await sandbox.post(H.storage + "/data/delete_many", json: ["collectionName": "notes", "filter": ["seen": true]])
            #expect((deleted.object["result"] as? [String: Any])?.int("deleted_count") == 2)
            let listed = try await sandbox.post(H.storage + "/collections/list", json: ["nameOnly": true])
            #expect((listed.object["result"] as? [String])?.contains("notes") == true)
            let filtered = try await sandbox.post(H.storage + "/collections/list", json: ["filter": ["name": "notes"], "nameOnly": false])
            #expect((filtered.object["result"] as? [[String: Any]])?.map { $0["name"] as? String } == ["notes"])

            let drop = try await sandbox.post(H.storage + "/collections/drop", json: ["collectionName": "notes"])
            #expect(drop.status == 202)
            #expect(drop.object["code"] as? String == "accept")
            let statusURL = try #require(drop.headers.first(name: "Content-Location"))
            let status = try await sandbox.get(statusURL)
            #expect((status.object["result"] as? [String: Any])?["status"] as? String == "FINISHED")
            let mdhOperations = try #require(try await sandbox.get(H.mdh + "/operation/").json as? [[String: Any]])
            #expect(!mdhOperations.contains { $0["dataset_name"] as? String == "notes" }, "a Data Storage drop is not an MDH operation")
            let dropMissing = try await sandbox.post(H.storage + "/collections/drop", json: ["collectionName": "notes"])
            #expect(dropMissing.status == 404)

            // MDH operations are visible through operation_status too, in upper case.
            let upload = try await sandbox.uploadJSON("POST", dataset: "fresh", [["a": 1]])
            let operationID = try #require(upload.headers.first(name: "Location")?.split(separator: "/").last.map(String.init))
            _ = try await sandbox.waitForOperation(upload)
            let mdhStatus = try await sandbox.get(H.storage + "/operation_status/\(operationID)")
            #expect((mdhStatus.object["result"] as? [String: Any])?["status"] as? String == "FINISHED")
            #expect(try await sandbox.get(H.storage + "/operation_status/000000000000000000000000").status == 404)
        }
    }
}
