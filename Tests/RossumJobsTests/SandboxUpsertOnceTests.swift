import Foundation
import RossumJobs
import RossumKit
import RossumSandbox
import Testing

/// `mdh upsert` sends a file once (issue 12, item 2): two runs at once, an answer slower than
/// the request timeout, an answer lost after the server applied the upload, a resumed job.
/// Each asserts on the server's operation list.
@Suite struct SandboxUpsertOnceTests {
    static let records = SandboxUpsertTests.records

    func writeOptions(_ file: String, policy: UpsertPolicy = fastPolicy()) -> MDHCommands.WriteOptions {
        MDHCommands.WriteOptions(dataset: "suppliers", file: file, mode: .update(idKeys: ["supplier_id"], updateOrNew: true), policy: policy)
    }

    @Test func twoIdenticalRunsStartedTogetherUploadOnce() async throws {
        try await SandboxHarness.with { harness in
            let file = try harness.directory.write("suppliers.json", Self.records)
            let (first, _) = harness.context()
            let (second, _) = harness.context()
            async let one = failure { _ = try await MDHCommands.write(writeOptions(file), context: first) }
            async let two = failure { _ = try await MDHCommands.write(writeOptions(file), context: second) }
            let failures = await [one, two].compactMap { $0 }
            #expect(failures.count == 1)
            #expect(failures.first?.status == .jobFailed, "\(failures)")
            #expect(failures.first?.message.contains("another rossum-tui is running this same job") == true)
            #expect(try await harness.operations(of: "suppliers").count == 1)
        }
    }

    @Test func anAnswerSlowerThanTheRequestTimeoutIsNotSentAgain() async throws {
        try await SandboxHarness.with { harness in
            // Every PATCH is answered after 10 s; the client gives up after 5 s, the server applies
            // it anyway. (The timeout also bounds the job's other requests, login included: 3 s
            // was missed on a machine busy with a build.)
            var faults = FaultConfiguration()
            faults.latency = .seconds(10)
            faults.methods = ["PATCH"]
            faults.pathPrefix = "/svc/master-data-hub"
            await harness.server.setFaults(faults)
            let file = try harness.directory.write("suppliers.json", Self.records)
            let (context, _) = harness.context(requestAttempts: 1, requestTimeout: .seconds(5))
            let outcome = try await MDHCommands.write(writeOptions(file, policy: fastPolicy(lostAnswerGrace: .seconds(20))), context: context)
            let operations = try await harness.operations(of: "suppliers")
            #expect(operations.map(\.id) == [outcome.operationID])
            #expect(outcome.attempt == 1)
            let entry = try #require(try Journal(paths: harness.paths).recentEntries().first)
            #expect(entry.attempts.map(\.status) == [.finished])
        }
    }

    @Test func anAnswerLostAfterTheServerAppliedTheUploadIsNotSentAgain() async throws {
        try await SandboxHarness.with { harness in
            await harness.server.setFaults(.appliedThenDrop(next: 1, methods: ["PATCH"], pathPrefix: "/svc/master-data-hub"))
            let file = try harness.directory.write("suppliers.json", Self.records)
            let (context, _) = harness.context()
            let outcome = try await MDHCommands.write(writeOptions(file), context: context)
            let operations = try await harness.operations(of: "suppliers")
            #expect(operations.map(\.id) == [outcome.operationID])
            #expect(operations.first?.status == .finished)
        }
    }

    @Test func aJobKilledBeforeItJournaledTheAnswerAdoptsTheOperation() async throws {
        try await SandboxHarness.with { harness in
            let file = try harness.directory.write("suppliers.json", Self.records)
            let options = writeOptions(file)
            let record = try RecordFile.load(path: file, idKeys: ["supplier_id"])
            let journal = try Journal(paths: harness.paths)
            let (context, _) = harness.context()
            // What a run killed mid-upload leaves: the attempt journaled as uploading (the intent),
            // the upload applied on the server, its answer never journaled.
            let job = try journal.insert(JournalJob(kind: options.mode.jobKind, dataset: "suppliers", filePath: file, checksum: record.checksum,
                                                    parameters: options.mode.journalParameters, pid: Int32.max - 1, startedAt: Date(),
                                                    scope: try context.journalScope()))
            _ = try journal.insert(JournalAttempt(jobID: job.id!, number: 1, status: .uploading, startedAt: Date()))
            await harness.server.setFaults(.appliedThenDrop(next: 1, methods: ["PATCH"], pathPrefix: "/svc/master-data-hub"))
            let lost = await failure {
                _ = try await harness.client().masterDataHub.update(
                    "suppliers", from: .bytes(Array(record.data), filename: "suppliers.json", contentType: "application/json"),
                    idKeys: ["supplier_id"])
            }
            #expect(lost != nil)

            let outcome = try await MDHCommands.write(options, context: context)
            #expect(outcome.resumed)
            #expect(outcome.jobID == job.id)
            let operations = try await harness.operations(of: "suppliers")
            #expect(operations.map(\.id) == [outcome.operationID])
            #expect(try journal.entry(jobID: job.id!)?.attempts.map(\.status) == [.finished])
        }
    }
}
