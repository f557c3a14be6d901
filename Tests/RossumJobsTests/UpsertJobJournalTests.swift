import Foundation
import Synchronization
import Testing
@testable import RossumJobs

/// An MDH double that replays a script of operation statuses, to test how the job records and
/// resumes without a server (the sandbox tests cover the real protocol).
final class ScriptedDatasetService: DatasetService, Sendable {
    private let state: Mutex<(uploads: Int, statuses: [String: [String]], script: [[String]])>

    /// `script[n]` is the status sequence of the n-th upload's operation.
    init(script: [[String]], existing: [String: [String]] = [:]) {
        state = Mutex((0, existing, script))
    }

    var uploads: Int { state.withLock { $0.uploads } }

    func upload(dataset: String, file: RecordFile, mode: DatasetWriteMode) async throws -> String {
        state.withLock { state in
            let id = "op\(state.uploads + 1)"
            state.statuses[id] = state.script.isEmpty ? ["finished"] : state.script.removeFirst()
            state.uploads += 1
            return id
        }
    }

    func operation(id: String) async throws -> OperationSnapshot {
        try state.withLock { state in
            guard var statuses = state.statuses[id], !statuses.isEmpty else { throw CommandFailure(.unavailable, "no operation \(id)") }
            let status = statuses.count > 1 ? statuses.removeFirst() : statuses[0]
            state.statuses[id] = statuses
            return OperationSnapshot(id: id, status: status, detail: status == "failed" ? "scripted failure" : nil)
        }
    }

    func datasetExists(_ dataset: String) async throws -> Bool { dataset != "missing" }
}

@Suite struct UpsertJobJournalTests {
    func makeJob(_ service: ScriptedDatasetService, journal: Journal, output: OutputStreams, pid: Int32 = 1000,
                 alive: @escaping @Sendable (Int32) -> Bool = { _ in false }) -> UpsertJob {
        UpsertJob(service: service, journal: journal,
                  policy: UpsertPolicy(retries: 2, pollEvery: .milliseconds(1), timeout: .seconds(60), retryDelay: .zero),
                  output: output, sleep: { _ in }, processID: pid, isProcessAlive: alive)
    }

    @Test func everyAttemptAndStatusIsJournaled() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("s.json", #"[{"id": 1}]"#)
        let journal = try Journal(path: directory.file("journal.sqlite"))
        let service = ScriptedDatasetService(script: [["queued", "failed"], ["queued", "processing", "finished"]])
        let (output, captured) = OutputStreams.capturing()
        let outcome = try await makeJob(service, journal: journal, output: output)
            .run(.init(dataset: "suppliers", filePath: file, mode: .update(idKeys: ["id"], updateOrNew: true)))
        #expect(outcome.attempt == 2)
        #expect(outcome.operationID == "op2")
        #expect(service.uploads == 2)
        let entry = try #require(try journal.recentEntries().first)
        #expect(entry.job.status == .succeeded)
        #expect(entry.job.checksum == SHA256Digest.hexDigest(of: Array(#"[{"id": 1}]"#.utf8)))
        #expect(entry.attempts.map(\.status) == [.failed, .finished])
        #expect(entry.attempts.map(\.operationID) == ["op1", "op2"])
        #expect(entry.attempts[0].detail == "scripted failure")
        #expect(captured.outLines.contains { $0.hasSuffix("attempt 2/3: operation op2 is processing") })
        #expect(captured.outLines.last?.contains("finished: dataset suppliers updated from s.json (1 records") == true)
    }

    @Test func aRerunResumesTheJournaledOperationInsteadOfUploading() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("s.json", #"[{"id": 1}]"#)
        let journal = try Journal(path: directory.file("journal.sqlite"))
        let record = try RecordFile.load(path: file, idKeys: ["id"])
        let mode = DatasetWriteMode.update(idKeys: ["id"], updateOrNew: true)
        let job = try journal.insert(JournalJob(kind: mode.jobKind, dataset: "suppliers", filePath: file, checksum: record.checksum,
                                                parameters: mode.journalParameters, pid: 999_999, startedAt: Date()))
        _ = try journal.insert(JournalAttempt(jobID: job.id!, number: 1, operationID: "op-old", status: .watching,
                                              operationStatus: "queued", startedAt: Date()))
        let service = ScriptedDatasetService(script: [], existing: ["op-old": ["processing", "finished"]])

        // While the process that started it lives, a second run refuses instead of watching twice.
        let (busyOutput, _) = OutputStreams.capturing()
        await #expect(throws: CommandFailure.self) {
            try await makeJob(service, journal: journal, output: busyOutput, alive: { $0 == 999_999 })
                .run(.init(dataset: "suppliers", filePath: file, mode: mode))
        }

        let (output, captured) = OutputStreams.capturing()
        let outcome = try await makeJob(service, journal: journal, output: output).run(.init(dataset: "suppliers", filePath: file, mode: mode))
        #expect(outcome.resumed)
        #expect(outcome.operationID == "op-old")
        #expect(service.uploads == 0)
        #expect(captured.outLines.first?.contains("resuming job #\(job.id!): watching operation op-old") == true)
        #expect(try journal.entry(jobID: job.id!)?.job.status == .succeeded)
    }

    @Test func cancellationLeavesTheJobResumable() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("s.json", #"[{"id": 1}]"#)
        let journal = try Journal(path: directory.file("journal.sqlite"))
        let service = ScriptedDatasetService(script: [["processing"]])
        let (output, _) = OutputStreams.capturing()
        let started = AsyncStream<Void>.makeStream()
        let job = UpsertJob(service: service, journal: journal, policy: UpsertPolicy(pollEvery: .seconds(3600)), output: output,
                            sleep: { duration in
                                started.continuation.yield()
                                try await Task.sleep(for: duration)
                            }, processID: 1000, isProcessAlive: { _ in false })
        let run = Task { try await job.run(.init(dataset: "suppliers", filePath: file, mode: .update(idKeys: ["id"], updateOrNew: true))) }
        let stream = started.stream
        _ = try await withDeadline {
            var waiting = stream.makeAsyncIterator()
            return await waiting.next() != nil
        }
        run.cancel()
        let result = await run.result
        #expect(throws: CommandFailure.self) { try result.get() }
        if case .failure(let failure as CommandFailure) = result { #expect(failure.status == .interrupted) }
        let entry = try #require(try journal.recentEntries().first)
        #expect(entry.job.status == .running)
        #expect(entry.latestAttempt?.status == .watching)
        #expect(entry.latestAttempt?.operationID == "op1")
    }

    @Test func unknownDatasetFailsBeforeUploading() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("s.json", #"[{"id": 1}]"#)
        let journal = try Journal(path: directory.file("journal.sqlite"))
        let service = ScriptedDatasetService(script: [])
        let (output, captured) = OutputStreams.capturing()
        await #expect(throws: CommandFailure.self) {
            try await makeJob(service, journal: journal, output: output)
                .run(.init(dataset: "missing", filePath: file, mode: .update(idKeys: ["id"], updateOrNew: true)))
        }
        #expect(service.uploads == 0)
        #expect(captured.errLines.first?.contains(#""event":"rossum_job_failed""#) == true)
        #expect(captured.errLines.first?.contains(#""exit_code":69"#) == true)
    }
}
