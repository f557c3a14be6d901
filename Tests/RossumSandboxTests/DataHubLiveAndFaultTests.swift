import Foundation
import RossumSandbox
import Testing

/// Live mode's MDH activity, and injected faults on the `/svc/...` routes.
@Suite struct DataHubLiveAndFaultTests {
    typealias H = SandboxHarness

    @Test func liveModeRunsSupplierUpserts() async throws {
        try await H.with({ configuration in
            configuration.size = .small
            configuration.live = true
            configuration.liveInterval = .milliseconds(20)
            configuration.dataHubTimings = DataHubTimings(queued: .milliseconds(5), processing: .milliseconds(5))
        }) { sandbox in
            var finished: [String: Any]?
            let seen = try await eventually(timeout: .seconds(10)) {
                let list = try await sandbox.get(H.mdh + "/operation/?dataset_name=suppliers")
                finished = (list.json as? [[String: Any]])?.first { $0["status"] as? String == "finished" }
                return finished != nil
            }
            #expect(seen)
            #expect(finished?["operation_type"] as? String == "update")
            #expect(((finished?["summary"] as? [String: Any])?["records_updated"] as? NSNumber)?.intValue ?? 0 >= 1)
        }
    }

    @Test func injectedFaultsNeverApplyAWrite() async throws {
        try await H.withDataHub { sandbox in
            var faults = FaultConfiguration()
            faults.errorRate = 1
            faults.pathPrefix = "/svc/"
            faults.limit = 2
            await sandbox.server.setFaults(faults)
            let rejected = try await sandbox.uploadJSON(
                "PATCH", dataset: "suppliers", [["supplier_id": "SUP-000001", "name": "Faulted"]],
                fields: [("id_keys", "supplier_id"), ("update_or_new", "true")])
            #expect(rejected.status >= 500)
            let rejectedInsert = try await sandbox.post(H.storage + "/data/insert_one", json: ["collectionName": "suppliers", "document": ["x": 1]])
            #expect(rejectedInsert.status >= 500)
            // The fault limit is spent: the same requests now go through, and nothing was applied before.
            let operations = try #require(try await sandbox.get(H.mdh + "/operation/").json as? [[String: Any]])
            #expect(operations.isEmpty)
            let count = try await sandbox.post(H.storage + "/data/aggregate", json: ["collectionName": "suppliers", "pipeline": [["$count": "n"]]])
            #expect(((count.object["result"] as? [[String: Any]])?.first?["n"] as? NSNumber)?.intValue == DataHubSeedScale.small.supplierCount)
            let faulted = try await sandbox.find(["collectionName": "suppliers", "query": ["name": "Faulted"]])
            #expect(faulted.isEmpty)
        }
    }
}
