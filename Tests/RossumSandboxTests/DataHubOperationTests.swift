import Foundation
import GRDB
import Testing
@testable import RossumSandbox

/// Operations progress over time and change data only when they finish.
@Suite struct DataHubOperationTests {
    /// Polls until `condition` holds or the deadline passes; returns the statuses seen on the way.
    static func poll(
        _ hub: DataHub, id: String, deadline: Duration = .seconds(5)
    ) async throws -> (seen: [DatasetOperationStatus], final: DatasetOperation) {
        let end = ContinuousClock.now + deadline
        var seen: [DatasetOperationStatus] = []
        while ContinuousClock.now < end {
            let operation = try #require(try await hub.operation(id: id))
            if seen.last != operation.status { seen.append(operation.status) }
            if operation.status.isTerminal { return (seen, operation) }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw QueryError("operation \(id) did not end before the deadline")
    }

    @Test func upsertProgressesAndAppliesOnlyAtTheEnd() async throws {
        let queue = try DataHubEngineTests.makeDatabase()
        let hub = DataHub(database: queue, timings: DataHubTimings(queued: .milliseconds(60), processing: .milliseconds(300)))
        let created = try await hub.submit(.create(DataHubEngineTests.upload(#"[{"k":"1","v":"a"}]"#)), datasetName: "ds")
        #expect(created.status == .queued)
        let (seenCreate, _) = try await Self.poll(hub, id: created.id)
        #expect(seenCreate == [.queued, .processing, .finished])

        let upsert = try await hub.submit(
            .update(DataHubEngineTests.upload(#"[{"k":"1","v":"b"},{"k":"2","v":"c"}]"#), idKeys: ["k"], insertNew: true), datasetName: "ds")
        // While queued or processing, the data is still the old one.
        var sawProcessingWithOldData = false
        let end = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < end {
            // One read transaction: the status and the data are seen at the same instant.
            let (status, contents) = try await queue.read { db in
                (try DatasetOperation.fetch(db, id: upsert.id)?.status, try DataHubEngineTests.contents("ds", in: db))
            }
            guard let status else { Issue.record("operation vanished"); return }
            if status == .processing {
                #expect(contents == [#"{"k":"1","v":"a"}"#])
                sawProcessingWithOldData = true
            }
            if status.isTerminal { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(sawProcessingWithOldData)
        let done = try #require(try await hub.operation(id: upsert.id))
        #expect(done.status == .finished)
        #expect(done.recordsInserted == 1 && done.recordsUpdated == 1 && done.recordCount == 2)
        #expect(try DataHubEngineTests.contents("ds", in: queue) == [#"{"k":"1","v":"b"}"#, #"{"k":"2","v":"c"}"#])
    }

    @Test func badFileEndsInFailedOperationWithError() async throws {
        let queue = try DataHubEngineTests.makeDatabase()
        let hub = DataHub(database: queue, timings: .immediate)
        let created = try await hub.submit(.create(DataHubEngineTests.upload(#"[{"k":"1"}]"#)), datasetName: "ds")
        let bad = try await hub.submit(.update(DataHubEngineTests.upload(#"[{"x":"1"}]"#), idKeys: ["k"], insertNew: true), datasetName: "ds")
        await hub.waitUntilIdle()
        #expect(try await hub.operation(id: created.id)?.status == .finished)
        let failed = try #require(try await hub.operation(id: bad.id))
        #expect(failed.status == .failed)
        #expect(failed.error?.contains("no value for the id key \"k\"") == true)
        #expect(try DataHubEngineTests.contents("ds", in: queue) == [#"{"k":"1"}"#])
    }

    @Test func operationsOfOneDatasetRunInSubmissionOrder() async throws {
        let queue = try DataHubEngineTests.makeDatabase()
        let hub = DataHub(database: queue, timings: DataHubTimings(queued: .zero, processing: .milliseconds(10)))
        _ = try await hub.submit(.create(DataHubEngineTests.upload(#"[{"k":"1","v":0}]"#)), datasetName: "ds")
        for value in 1...5 {
            _ = try await hub.submit(.update(DataHubEngineTests.upload(#"[{"k":"1","v":\#(value)}]"#), idKeys: ["k"], insertNew: false), datasetName: "ds")
        }
        await hub.waitUntilIdle()
        #expect(try DataHubEngineTests.contents("ds", in: queue) == [#"{"k":"1","v":5}"#])
        let operations = try await queue.read { db in try DatasetOperation.fetchAll(db) }
        #expect(operations.count == 6)
        #expect(operations.allSatisfy { $0.status == .finished })
    }
}
