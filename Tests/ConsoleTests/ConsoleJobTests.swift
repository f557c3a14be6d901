import Foundation
import Logging
import RossumJobs
import RossumKit
import RossumSandbox
import Synchronization
import Testing
@testable import Console

/// The console's jobs run on RossumJobs' engine against the in-process sandbox, and the monitor
/// shows what the server says of them.
@Suite struct ConsoleJobTests {
    func withServices(_ body: (ConsoleServices, RossumClient, Journal) async throws -> Void) async throws {
        var configuration = SandboxConfiguration()
        configuration.size = .small
        configuration.live = false
        configuration.seedsHistory = false
        configuration.dataHubTimings = DataHubTimings(queued: .milliseconds(20), processing: .milliseconds(50))
        let server = try await SandboxServer.start(configuration)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("console-jobs-\(UUID().uuidString)").path
        let path = folder + "/journal.sqlite"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let client = try RossumClient(baseURL: server.apiURL, credentials: .credentials(username: configuration.username, password: configuration.password))
            let journal = try Journal(path: path)
            let services = ConsoleServices(client: client, journal: journal, scope: JournalScope(server: server.apiURL, account: configuration.username),
                                           jobPolicy: UpsertPolicy(retries: 1, pollEvery: .milliseconds(30), retryDelay: .milliseconds(10)),
                                           logger: Logger(label: "test"))
            try await body(services, client, journal)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    /// Runs a job and collects every monitor row it reported, merged as the app merges them.
    func run(_ job: ConsoleJob, _ services: ConsoleServices) async -> (progress: [JobProgress], state: AppState) {
        let seen = Mutex<[JobProgress]>([])
        await ConsoleJobRunner.run(job, services: services) { progress in seen.withLock { $0.append(progress) } }
        var state = makeState()
        let progress = seen.withLock { $0 }
        for step in progress { state.send(.job(step)) }
        return (progress, state)
    }

    func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func anUpsertBecomesTheServersOperationAndEndsWithItsCounts() async throws {
        try await withServices { services, client, _ in
            let records = try file(#"[{"supplier_id": "CJT-1", "name": "One"}, {"supplier_id": "CJT-2", "name": "Two"}]"#)
            defer { try? FileManager.default.removeItem(at: records) }
            let (progress, state) = await run(.upsert(dataset: "suppliers", file: records.path, idKeys: ["supplier_id"]), services)
            let first = try #require(progress.first)
            #expect(first.row.source == .job && first.row.state == "starting")
            let takeover = try #require(progress.first { $0.replaces != nil })
            #expect(takeover.replaces == first.row.id && takeover.row.id.hasPrefix("mdh:"))
            #expect(!progress.contains { $0.row.id.hasPrefix("mdh:") && $0.row.state == "finished" && $0.row.counts.isEmpty })
            // One row for the action, in the server's words, with its counts.
            #expect(state.monitor.operations.count == 1)
            let row = try #require(state.monitor.operations.first)
            #expect(row.id == takeover.row.id && row.state == "finished" && row.kindLabel == "upsert")
            #expect(row.counts.inserted == 2)
            let operation = try await client.masterDataHub.operation(String(row.id.dropFirst(4)))
            #expect(operation.status.rawValue == "finished")
            // The monitor's own poll names the same row; the journal's record of it merges in.
            let polled = try await OperationsRequest().fetch(services)
            #expect(polled.filter { $0.id == row.id }.count == 1)
        }
    }

    @Test func aFileTheServerRefusesFailsAndIsNeverShownFinished() async throws {
        try await withServices { services, _, _ in
            let records = try file(#"[{"supplier_id": "CJT-3"}, {"name": "no key"}]"#)
            defer { try? FileManager.default.removeItem(at: records) }
            let (progress, state) = await run(.upsert(dataset: "suppliers", file: records.path, idKeys: ["supplier_id"]), services)
            #expect(!progress.contains { $0.row.state == "finished" })
            let row = try #require(state.monitor.operations.last)
            #expect(row.isFailure)
            #expect(row.error?.isEmpty == false)
            #expect(state.flash?.text.contains("failed") == true)
        }
    }

    @Test func aDownloadReportsItsRecordsAsItGoes() async throws {
        try await withServices { services, client, _ in
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("download-\(UUID().uuidString).jsonl")
            defer { try? FileManager.default.removeItem(at: output) }
            let expected = try await client.dataStorage.count("suppliers")
            let (_, state) = await run(.download(dataset: "suppliers", file: output.path), services)
            let row = try #require(state.monitor.operations.first)
            #expect(row.state == "finished" && row.progress == 1)
            #expect(row.counts.recordCount == expected)
            let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == expected)
        }
    }

    @Test func theMonitorListsOnlyThisServerAndAccountsJobs() async throws {
        try await withServices { services, _, journal in
            let now = Date()
            for (server, account) in [(services.scope.server, services.scope.account), ("https://other.example/api/v1", services.scope.account),
                                      (services.scope.server, "someone-else")] {
                var job = JournalJob(kind: "mdh.upsert", dataset: "suppliers", filePath: "/tmp/x-\(account).json", checksum: "c", parameters: "",
                                     status: .failed, pid: 1, startedAt: now, updatedAt: now, finishedAt: now, summary: "file refused")
                job.server = server
                job.account = account
                _ = try journal.insert(job)
            }
            let rows = try await OperationsRequest().fetch(services).filter { $0.id.hasPrefix("journal:") }
            #expect(rows.count == 1)
            #expect(rows.first?.file == "x-\(services.scope.account).json")
        }
    }
}

@Suite struct JobRowTrackerTests {
    @Test func aRetryEndsTheFailedAttemptsRowAndStartsAnother() {
        let seen = Mutex<[JobProgress]>([])
        let tracker = JobRowTracker(row: OperationRow(id: "job:upsert:1", source: .job, kind: "upsert", state: "starting", dataset: "s")) { progress in
            seen.withLock { $0.append(progress) }
        }
        tracker.apply(.uploading(attempt: 1))
        tracker.apply(.attemptFailed(attempt: 1, reason: "HTTP 500"))
        tracker.apply(.retrying(attempt: 2, reason: "HTTP 500", after: .seconds(1)))
        tracker.apply(.uploading(attempt: 2))
        tracker.apply(.submitted(attempt: 2, operationID: "op2"))
        tracker.apply(.operation(OperationReport(attempt: 2, operationID: "op2", status: "finished", counts: OperationCounts(recordCount: 3, inserted: 3))))
        tracker.apply(.finished(JobSummary(text: "done")))
        var state = makeState()
        for progress in seen.withLock({ $0 }) { state.send(.job(progress)) }
        #expect(!state.monitor.hasRunning, "no row is left uploading: \(state.monitor.operations.map { "\($0.id) \($0.state)" })")
        #expect(state.monitor.operations.map(\.state).sorted() == ["failed", "finished"])
        #expect(state.monitor.operations.first { $0.id == "mdh:op2" }?.counts.inserted == 3)
    }
}
