import Foundation
import Testing
import RossumKit
import RossumSandbox

/// Master Data Hub and Data Storage through the client, against a private sandbox whose
/// operations take milliseconds.
@Suite struct SandboxDataHubTests {
    func withHub(_ body: (SandboxServer, RossumClient) async throws -> Void) async throws {
        try await withSandbox({ configuration in
            configuration.dataHubTimings = DataHubTimings(queued: .milliseconds(150), processing: .milliseconds(250))
        }) { server in
            let client = try SharedSandbox.client(server) { configuration in
                // polls wait for real, but only 10 ms at a time
                configuration.sleep = { _ in try await Task.sleep(for: .milliseconds(10)) }
            }
            try await body(server, client)
        }
    }

    func statuses(_ client: RossumClient, _ id: String) async throws -> [RossumKit.DatasetOperationStatus] {
        var seen: [RossumKit.DatasetOperationStatus] = []
        for try await operation in client.masterDataHub.waitForOperation(id, pollEvery: .milliseconds(10), timeout: .seconds(30)) {
            #expect(operation.id == id)
            seen.append(operation.status)
        }
        return seen
    }

    func vendors(_ client: RossumClient) async throws -> [String: String] {
        let rows = try await client.dataStorage.find("kit_vendors", projection: ["_id": 0, "code": 1, "name": 1], sort: ["code": 1])
        var byCode: [String: String] = [:]
        for row in rows { byCode[row["code"]?.stringValue ?? "?"] = row["name"]?.stringValue }
        return byCode
    }

    @Test func upsertEndToEnd() async throws {
        try await withHub { _, client in
            let hub = client.masterDataHub
            let created = try await hub.create("kit_vendors", from: .records([["code": "V1", "name": "Alpha"], ["code": "V2", "name": "Beta"]]))
            let seen = try await statuses(client, created)
            #expect(seen.last == .finished)
            // how many intermediate statuses a poll catches depends on the machine's load; the
            // yield-on-change behaviour itself is pinned in MasterDataHubPollingTests
            #expect(Set(seen).count == seen.count)  // each status once
            #expect(try await vendors(client) == ["V1": "Alpha", "V2": "Beta"])
            #expect(try await hub.datasets().map(\.name).contains("kit_vendors"))

            // upsert from a CSV file: V2 changes, V3 arrives, V1 stays
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("kit-vendors-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            try "code,name\nV2,Beta Two\nV3,Gamma\n".write(to: file, atomically: true, encoding: .utf8)
            let updated = try await hub.update("kit_vendors", from: .file(file), idKeys: ["code"])
            let finished = try await hub.waitUntilFinished(updated, pollEvery: .milliseconds(10), timeout: .seconds(30))
            #expect(finished.status == .finished)
            #expect(finished.datasetName == "kit_vendors")
            #expect(try await vendors(client) == ["V1": "Alpha", "V2": "Beta Two", "V3": "Gamma"])
            #expect(try await hub.operations().map(\.id).contains(updated))
            #expect(try await hub.operation(updated).status == .finished)

            let replaced = try await hub.replace("kit_vendors", from: .records([["code": "V9", "name": "Omega"]]))
            _ = try await hub.waitUntilFinished(replaced, pollEvery: .milliseconds(10))
            #expect(try await vendors(client) == ["V9": "Omega"])

            let deleted = try await hub.delete("kit_vendors")
            _ = try await hub.waitUntilFinished(deleted, pollEvery: .milliseconds(10))
            #expect(try await !hub.datasets().map(\.name).contains("kit_vendors"))
        }
    }

    @Test func failedOperationsAndBadRequests() async throws {
        try await withHub { _, client in
            let hub = client.masterDataHub
            // a dataset that does not exist is refused at once
            let missing = await #expect(throws: RossumError.self) {
                _ = try await hub.update("no_such_dataset", from: .records([["code": "X"]]), idKeys: ["code"])
            }
            #expect(missing?.status == 404)
            // a file that is not JSON is refused at once or fails as an operation; either way it is reported
            do {
                let id = try await hub.create("kit_broken", from: .bytes(Array("{not json".utf8), filename: "data.json", contentType: "application/json"))
                let error = await #expect(throws: RossumError.self) { _ = try await hub.waitUntilFinished(id, pollEvery: .milliseconds(10)) }
                guard case .failed(_, let detail)? = error else {
                    Issue.record("expected a failed operation, got \(String(describing: error))")
                    return
                }
                #expect(detail.contains("failed"))
            } catch let error as RossumError {
                #expect((error.status ?? 0) >= 400)
            }
            await #expect(throws: RossumError.self) { _ = try await hub.update("x", from: .records([]), idKeys: []) }
            let unknown = await #expect(throws: RossumError.self) { _ = try await hub.operation("000000000000000000000000") }
            #expect(unknown?.status == 404)
        }
    }

    @Test func dataStorageQueries() async throws {
        try await withHub { _, client in
            let storage = client.dataStorage
            let collections = try await storage.collections()
            #expect(collections.contains("purchase_orders"))
            let total = try await storage.count("purchase_orders")
            #expect(total > 100)
            let open = try await storage.count("purchase_orders", query: ["status": "open"])
            #expect(open > 0 && open < total)
            let page = try await storage.find("purchase_orders", query: ["status": "open"], projection: ["_id": 0, "po_number": 1, "status": 1],
                                              sort: ["po_number": -1], skip: 2, limit: 5)
            #expect(page.count == 5)
            #expect(page.allSatisfy { $0["status"] == "open" && $0["_id"] == nil && $0["total_amount"] == nil })
            let numbers = page.compactMap { $0["po_number"]?.stringValue }
            #expect(numbers == numbers.sorted(by: >))
            let grouped = try await storage.aggregate("purchase_orders", pipeline: [["$group": ["_id": "$status", "n": ["$sum": 1]]]])
            #expect(grouped.compactMap { $0["n"]?.intValue }.reduce(0, +) == total)

            let id = try await storage.insertOne("kit_notes", document: ["k": "a", "n": 1])
            #expect(id != .null)
            #expect(try await storage.insertMany("kit_notes", documents: [["k": "b", "n": 2], ["k": "c", "n": 3]]).count == 2)
            let changed = try await storage.updateMany("kit_notes", filter: ["n": ["$gte": 2]], update: ["$set": ["big": true]])
            #expect(changed.matchedCount == 2)
            #expect(try await storage.deleteOne("kit_notes", filter: ["k": "a"]) == 1)
            #expect(try await storage.find("kit_notes", query: ["big": true]).count == 2)
            #expect(try await storage.deleteMany("kit_notes", filter: [:]) == 2)
            try await storage.createCollection("kit_empty")
            try await storage.renameCollection("kit_empty", to: "kit_renamed")
            #expect(try await storage.collections().contains("kit_renamed"))
            try await storage.dropCollection("kit_renamed")

            let bad = await #expect(throws: RossumError.self) {
                _ = try await storage.find("purchase_orders", query: ["$nonsense": 1])
            }
            if case .http(let status, _, _, let detail)? = bad {
                #expect(status >= 400)
                #expect(!detail.isEmpty)
            } else if case .failed(_, let detail)? = bad {
                #expect(!detail.isEmpty)
            } else {
                Issue.record("expected the server's error, got \(String(describing: bad))")
            }
        }
    }

    @Test func collectionDownloadIsExactUnderFaults() async throws {
        try await withHub { server, client in try await downloadChecks(server, client) }
    }

    func downloadChecks(_ server: SandboxServer, _ client: RossumClient) async throws {
        do {
            let storage = client.dataStorage
            let total = try await storage.count("purchase_orders")
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kit-download-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }

            // clean run, JSON array
            let arrayFile = directory.appendingPathComponent("orders.json")
            let reports = ProgressLog()
            let clean = try await storage.downloadCollection("purchase_orders", to: arrayFile, batchSize: 97, progress: { progress in reports.add(progress) })
            #expect(clean.records == total)
            #expect(reports.all.last?.records == total)
            #expect(reports.all.first?.total == total)
            let array = try JSONDecoder().decode([RossumKit.JSONValue].self, from: Data(contentsOf: arrayFile))
            #expect(array.count == total)
            #expect(Set(array.compactMap { $0["_id"] }).count == total)

            // the same download again over the existing file (a nightly job's second night)
            _ = try await storage.downloadCollection("purchase_orders", query: ["status": "open"], to: arrayFile, batchSize: 97)
            let again = try JSONDecoder().decode([RossumKit.JSONValue].self, from: Data(contentsOf: arrayFile))
            #expect(again.count == (try await storage.count("purchase_orders", query: ["status": "open"])))
            #expect(!FileManager.default.fileExists(atPath: arrayFile.path + ".part"))

            // records come in `_id` order, each once
            let ids = array.compactMap { $0["_id"]?["$oid"]?.stringValue }
            #expect(ids.count == total)
            #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })

            // faulty run, JSON array: while one page is written the next is already requested, and
            // failed, dropped and cut-short pages are fetched again; the file is the clean one, in order
            await server.setFaults(try FaultConfiguration(parsing: "error=0.15,drop=0.1,truncate=0.15,prefix=/svc/data-storage,seed=5"))
            let faultyArrayFile = directory.appendingPathComponent("faulty.json")
            let faultyArray = try await storage.downloadCollection("purchase_orders", to: faultyArrayFile, batchSize: 61)
            await server.setFaults(FaultConfiguration())
            #expect(faultyArray.retries > 0)
            #expect(faultyArray.records == total)
            let faultyRecords = try JSONDecoder().decode([RossumKit.JSONValue].self, from: Data(contentsOf: faultyArrayFile))
            #expect(faultyRecords == array)

            // faulty run, NDJSON: 5xx, drops and truncated answers on Data Storage
            await server.setFaults(try FaultConfiguration(parsing: "error=0.15,drop=0.1,truncate=0.1,prefix=/svc/data-storage,seed=11"))
            let lines = directory.appendingPathComponent("orders.ndjson")
            let faulty = try await storage.downloadCollection("purchase_orders", to: lines, format: .ndjson, batchSize: 97)
            await server.setFaults(FaultConfiguration())
            #expect(faulty.retries > 0)
            var records: [RossumKit.JSONValue] = []
            for line in try String(contentsOf: lines, encoding: .utf8).split(separator: "\n") {
                records.append(try JSONDecoder().decode(RossumKit.JSONValue.self, from: Data(line.utf8)))
            }
            #expect(records.count == total)
            #expect(Set(records.compactMap { $0["_id"] }).count == total)
            #expect(Set(records.compactMap { $0["po_number"] }) == Set(array.compactMap { $0["po_number"] }))

            // a projection without _id still pages by _id, and the file has none
            let slim = directory.appendingPathComponent("slim.ndjson")
            let summary = try await storage.downloadCollection("purchase_orders", query: ["status": "open"], projection: ["_id": 0, "po_number": 1],
                                                               to: slim, format: .ndjson, batchSize: 50)
            let slimRecords = try String(contentsOf: slim, encoding: .utf8).split(separator: "\n")
            let openCount = try await storage.count("purchase_orders", query: ["status": "open"])
            #expect(summary.records == openCount)
            #expect(slimRecords.count == summary.records)
            #expect(slimRecords.allSatisfy { !$0.contains("_id") && $0.contains("po_number") })
        }
    }
}

final class ProgressLog: Sendable {
    private let reports = MutexBox<[DownloadProgress]>([])
    func add(_ progress: DownloadProgress) { reports.mutate { $0.append(progress) } }
    var all: [DownloadProgress] { reports.value }
}

import Synchronization

final class MutexBox<T: Sendable>: Sendable {
    private let mutex: Mutex<T>
    init(_ value: T) { mutex = Mutex(value) }
    func mutate(_ body: (inout T) -> Void) { mutex.withLock { body(&$0) } }
    var value: T { mutex.withLock { $0 } }
}
