import Foundation
import RossumJobs
import RossumKit
import RossumSandbox
import Synchronization
import Testing

/// Collects a job's events, in the order the job sent them.
final class EventLog: Sendable {
    private let events = Mutex<[JobEvent]>([])
    var all: [JobEvent] { events.withLock { $0 } }
    var sink: JobEventSink { { [self] event in events.withLock { $0.append(event) } } }

    var operations: [OperationReport] { all.compactMap { if case .operation(let report) = $0 { report } else { nil } } }
    var finished: [JobSummary] { all.compactMap { if case .finished(let summary) = $0 { summary } else { nil } } }
    var failed: [JobFailure] { all.compactMap { if case .failed(let failure) = $0 { failure } else { nil } } }
}

/// The jobs' events, through the entry points the console calls, against the in-process sandbox.
@Suite struct JobEventTests {
    func scope(_ harness: SandboxHarness) -> JournalScope {
        JournalScope(server: harness.server.apiURL, account: SandboxHarness.username)
    }

    @Test func aSuccessfulUpsertReportsEachStepInOrderWithTheServersCounts() async throws {
        try await SandboxHarness.with { harness in
            let file = try harness.directory.write("suppliers.json", SandboxUpsertTests.records)
            let journal = try Journal(paths: harness.paths)
            let log = EventLog()
            let outcome = try await DatasetJobs.write(client: harness.client(), dataset: "suppliers", file: URL(fileURLWithPath: file),
                                                      idKeys: ["supplier_id"], replace: false, journal: journal, scope: scope(harness),
                                                      policy: fastPolicy(), events: log.sink)
            let events = log.all
            guard events.count >= 5 else { Issue.record("too few events: \(events)"); return }
            #expect(events[0] == .started(JobStart(kind: "mdh.upsert", jobID: outcome.jobID, dataset: "suppliers", file: file,
                                                   fileRecords: 2, format: "json", maxAttempts: 4)))
            #expect(events[1] == .uploading(attempt: 1))
            #expect(events[2] == .submitted(attempt: 1, operationID: outcome.operationID))
            // Then only looks at the operation, running until the last one, then the end.
            let middle = events[3..<(events.count - 1)]
            #expect(middle.allSatisfy { if case .operation = $0 { true } else { false } }, "\(events)")
            let reports = log.operations
            #expect(reports.allSatisfy { $0.operationID == outcome.operationID && $0.attempt == 1 })
            #expect(reports.dropLast().allSatisfy { $0.phase == .running })
            let last = try #require(reports.last)
            #expect(last.status == "finished")
            #expect(last.phase == .succeeded)

            // The counts are the server's: one new supplier, one renamed, none deleted.
            let records = try await harness.client().dataStorage.count("suppliers")
            #expect(last.counts == OperationCounts(recordCount: records, inserted: 1, updated: 1, deleted: 0))
            guard case .finished(let summary) = events.last else { Issue.record("no finished event last: \(events)"); return }
            #expect(summary.counts == last.counts)
            #expect(summary.operationID == outcome.operationID)
            #expect(summary.text.hasSuffix("; 1 inserted, 1 updated, 0 deleted, \(records) records in the dataset"))
            #expect(outcome.counts == last.counts)
            #expect(log.failed.isEmpty)

            // The same journal row the command line writes, under the connection's scope.
            let entry = try #require(try journal.recentEntries(scope: scope(harness)).first)
            #expect(entry.job.id == outcome.jobID)
            #expect(entry.job.status == .succeeded)
            #expect(entry.attempts.map(\.status) == [.finished])
        }
    }

    @Test func aFailedOperationEndsInAFailedEventAndNeverAFinishedOne() async throws {
        try await SandboxHarness.with { harness in
            // The sandbox cannot read a workbook: the operation fails because of the file, and
            // the job ends without another try.
            let file = harness.directory.file("suppliers.xlsx")
            try Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0] + Array("xl/workbook.xml".utf8)).write(to: URL(fileURLWithPath: file))
            let log = EventLog()
            let failure = await failure {
                try await DatasetJobs.write(client: harness.client(), dataset: "suppliers", file: URL(fileURLWithPath: file), idKeys: [],
                                            replace: true, journal: try Journal(paths: harness.paths), scope: scope(harness),
                                            policy: fastPolicy(retries: 1), events: log.sink)
            }
            #expect(failure?.status == .badInput)
            #expect(log.finished.isEmpty)
            #expect(log.failed == [JobFailure(reason: failure?.message ?? "", exitStatus: .badInput)])
            guard case .failed? = log.all.last else { Issue.record("not failed last: \(log.all)"); return }
            #expect(log.operations.filter { $0.phase == .failed }.count == 1)
            #expect(log.all.filter { if case .attemptFailed = $0 { true } else { false } }.count == 1)
            #expect(!log.all.contains { if case .retrying = $0 { true } else { false } })
            let entry = try #require(try Journal(paths: harness.paths).recentEntries(scope: scope(harness)).first)
            #expect(entry.job.kind == "mdh.replace")
            #expect(entry.job.status == .failed)
        }
    }

    @Test func aReplaceWithIDKeysIsRefusedBeforeAnythingIsSent() async throws {
        try await SandboxHarness.with { harness in
            let file = try harness.directory.write("suppliers.json", SandboxUpsertTests.records)
            let log = EventLog()
            let failure = await failure {
                try await DatasetJobs.write(client: harness.client(), dataset: "suppliers", file: URL(fileURLWithPath: file),
                                            idKeys: ["supplier_id"], replace: true, journal: try Journal(paths: harness.paths),
                                            scope: scope(harness), events: log.sink)
            }
            #expect(failure?.status == .usage)
            #expect(log.all == [.failed(JobFailure(reason: failure?.message ?? "", exitStatus: .usage))])
            #expect(try await harness.operations(of: "suppliers").isEmpty)
        }
    }

    @Test func aDownloadReportsItsRecordCounts() async throws {
        try await SandboxHarness.with { harness in
            let client = try harness.client()
            let expected = try await client.dataStorage.count("suppliers")
            let target = URL(fileURLWithPath: harness.directory.file("suppliers.ndjson"))
            let log = EventLog()
            let outcome = try await DatasetJobs.download(client: client, dataset: "suppliers", output: target, events: log.sink)
            let events = log.all
            #expect(events.first == .started(JobStart(kind: "storage.download", jobID: nil, dataset: "suppliers", file: target.path,
                                                      fileRecords: nil, format: "ndjson", maxAttempts: 1)))
            let progress = events.compactMap { if case .downloaded(let records, let total) = $0 { (records, total) } else { nil } }
            #expect(progress.last?.0 == expected)
            #expect(progress.allSatisfy { $0.1 == expected })
            #expect(progress.map(\.0) == progress.map(\.0).sorted())
            #expect(log.finished == [JobSummary(records: expected, serverCount: expected, text: outcome.text)])
            guard case .finished? = events.last else { Issue.record("not finished last: \(events)"); return }
            let lines = try String(contentsOf: target, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == expected)
            #expect(outcome.records == expected)
        }
    }
}
