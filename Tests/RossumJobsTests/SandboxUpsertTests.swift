import Foundation
import RossumJobs
import RossumKit
import RossumSandbox
import Testing

@Suite struct SandboxUpsertTests {
    static let records = #"[{"supplier_id": "SUP-900001", "name": "Nová s.r.o."}, {"supplier_id": "SUP-000001", "name": "Renamed GmbH"}]"#

    func writeOptions(_ file: String, policy: UpsertPolicy = fastPolicy(), onFailure: String? = nil) -> MDHCommands.WriteOptions {
        MDHCommands.WriteOptions(dataset: "suppliers", file: file, mode: .update(idKeys: ["supplier_id"], updateOrNew: true),
                                 policy: policy, onFailure: onFailure)
    }

    @Test func upsertFinishesAndChangesTheDataset() async throws {
        try await SandboxHarness.with { harness in
            let file = try harness.directory.write("suppliers.json", Self.records)
            let (context, output) = harness.context()
            let outcome = try await MDHCommands.write(writeOptions(file), context: context)
            #expect(outcome.attempt == 1)
            #expect(!outcome.resumed)
            // Each status change is printed once with a timestamp; the last one is always "finished".
            let statusLines = output.outLines.filter { $0.contains("operation \(outcome.operationID) is ") }
            #expect(statusLines.last?.hasSuffix("is finished") == true)
            #expect(Set(statusLines).count == statusLines.count)
            #expect(statusLines.allSatisfy { $0.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ "#, options: .regularExpression) != nil })
            #expect(output.outLines.last?.contains("finished: dataset suppliers updated from suppliers.json (2 records") == true)
            // The summary says what the server did: one supplier new, one renamed.
            #expect(output.outLines.last?.contains("; 1 inserted, 1 updated, 0 deleted, ") == true)
            let storage = try harness.client().dataStorage
            let renamed = try await storage.find("suppliers", query: ["supplier_id": "SUP-000001"])
            #expect(renamed.first?["name"] == "Renamed GmbH")
            #expect(try await storage.count("suppliers", query: ["supplier_id": "SUP-900001"]) == 1)
            let entry = try #require(try Journal(paths: harness.paths).recentEntries().first)
            #expect(entry.job.status == .succeeded)
            #expect(entry.attempts.map(\.status) == [.finished])
            #expect(entry.attempts.first?.operationStatus == "finished")
        }
    }

    @Test func uploadFailingTwiceIsRetriedAndThenSucceeds() async throws {
        try await SandboxHarness.with { harness in
            // Two upload POSTs answer 500 (not retried by the client: the server may have taken them).
            await harness.server.setFaults(try FaultConfiguration(parsing: "error=1,limit=2,status=500,prefix=/svc/master-data-hub/api/v1/dataset/suppliers"))
            let file = try harness.directory.write("suppliers.json", Self.records)
            let (context, output) = harness.context()
            let outcome = try await MDHCommands.write(writeOptions(file), context: context)
            #expect(outcome.attempt == 3)
            let entry = try #require(try Journal(paths: harness.paths).recentEntries().first)
            #expect(entry.attempts.map(\.status) == [.uploadFailed, .uploadFailed, .finished])
            #expect(output.errLines.filter { $0.contains("upload failed") }.count >= 2)
            #expect(try await harness.operations(of: "suppliers").count == 1)
        }
    }

    @Test func aFileTheServerRejectsIsSentOnceAndRaisesTheAlert() async throws {
        try await SandboxHarness.with { harness in
            // A workbook passes local checks (it is sent as is) but the sandbox cannot read one:
            // the operation fails because of the file, so no other try is made (issue 12, item 3).
            let file = harness.directory.file("suppliers.xlsx")
            try Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0] + Array("xl/workbook.xml".utf8)).write(to: URL(fileURLWithPath: file))
            let alertFile = harness.directory.file("alert.txt")
            let command = "printf '%s|%s|%s|%s' \"$ROSSUM_JOB_DATASET\" \"$ROSSUM_JOB_ATTEMPTS\" \"$ROSSUM_JOB_EXIT_CODE\" \"$ROSSUM_JOB_OPERATION_IDS\" > '\(alertFile)'"
            let (context, output) = harness.context()
            let failure = await failure { try await MDHCommands.write(writeOptions(file, policy: fastPolicy(retries: 2), onFailure: command), context: context) }
            #expect(failure?.status == .badInput)
            #expect(failure?.message.contains("rejected the file: unsupported file format .xlsx") == true)

            let operations = try await harness.operations(of: "suppliers")
            #expect(operations.count == 1)
            #expect(operations.allSatisfy { $0.status == .failed })
            let alert = try String(contentsOfFile: alertFile, encoding: .utf8).split(separator: "|").map(String.init)
            #expect(alert == ["suppliers", "1", "65", operations[0].id])

            let line = try #require(output.errLines.first { $0.hasPrefix("{") })
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["event"] as? String == "rossum_job_failed")
            #expect(object["exit_code"] as? Int == 65)
            #expect((object["operation_ids"] as? [String]) == [operations[0].id])
            let entry = try #require(try Journal(paths: harness.paths).recentEntries().first)
            #expect(entry.job.status == .failed)
            #expect(entry.attempts.map(\.status) == [.failed])
        }
    }

    /// Files MDH would fail (issue 12, item 3) never reach it: exit 65, no operation.
    @Test func filesTheServerWouldRejectAreNeverSent() async throws {
        try await SandboxHarness.with { harness in
            let files = [
                try harness.directory.write("dup.json", #"[{"supplier_id": "SUP-1"}, {"supplier_id": "SUP-1"}]"#),
                try harness.directory.write("quote.csv", "supplier_id,name\nSUP-1,\"Big\" Co\n"),
                try harness.directory.write("fake.xlsx", "supplier_id\nSUP-1\n"),
            ]
            let utf16 = harness.directory.file("wide.json")
            let text = #"[{"supplier_id": "SUP-1"}]"#
            try Data([0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: URL(fileURLWithPath: utf16))
            for file in files + [utf16] {
                let (context, _) = harness.context()
                #expect(await failure { try await MDHCommands.write(writeOptions(file), context: context) }?.status == .badInput, "\(file)")
            }
            #expect(try await harness.operations(of: "suppliers").isEmpty)
        }
    }

    @Test func slowOperationsTimeOutAndAreRetried() async throws {
        try await SandboxHarness.with(timings: DataHubTimings(queued: .milliseconds(10), processing: .seconds(30))) { harness in
            let file = try harness.directory.write("suppliers.json", Self.records)
            let (context, output) = harness.context()
            let failure = await failure {
                try await MDHCommands.write(writeOptions(file, policy: fastPolicy(retries: 1, timeout: .milliseconds(150))), context: context)
            }
            #expect(failure?.status == .jobFailed)
            #expect(failure?.message.contains("not done after 150 ms") == true)
            let entry = try #require(try Journal(paths: harness.paths).recentEntries().first)
            #expect(entry.attempts.map(\.status) == [.timedOut, .timedOut])
            #expect(try await harness.operations(of: "suppliers").count == 2)
            #expect(output.errLines.contains { $0.contains("attempt 2/2: timed out") })
        }
    }

    @Test func aKilledJobIsResumedWithoutUploadingAgain() async throws {
        try await SandboxHarness.with(timings: DataHubTimings(queued: .milliseconds(50), processing: .milliseconds(200))) { harness in
            let file = try harness.directory.write("suppliers.json", Self.records)
            let options = writeOptions(file)
            // What a killed run leaves behind: its upload reached the server and the journal
            // says it was watching that operation, in a process that no longer exists.
            let record = try RecordFile.load(path: file, idKeys: ["supplier_id"])
            let operationID = try await harness.client().masterDataHub.update(
                "suppliers", from: .bytes(Array(record.data), filename: "suppliers.json", contentType: "application/json"),
                idKeys: ["supplier_id"])
            let journal = try Journal(paths: harness.paths)
            let (context, output) = harness.context()
            let job = try journal.insert(JournalJob(kind: options.mode.jobKind, dataset: "suppliers", filePath: file, checksum: record.checksum,
                                                    parameters: options.mode.journalParameters, pid: Int32.max - 1, startedAt: Date(),
                                                    scope: try context.journalScope()))
            _ = try journal.insert(JournalAttempt(jobID: job.id!, number: 1, operationID: operationID, status: .watching, startedAt: Date()))

            let outcome = try await MDHCommands.write(options, context: context)
            #expect(outcome.resumed)
            #expect(outcome.jobID == job.id)
            #expect(outcome.operationID == operationID)
            #expect(output.outLines.first?.contains("watching operation \(operationID)") == true)
            #expect(try await harness.operations(of: "suppliers").count == 1)
            #expect(try journal.entry(jobID: job.id!)?.job.status == .succeeded)

            // The same file again is a new job (the previous one ended): it uploads once more.
            let (again, _) = harness.context()
            let second = try await MDHCommands.write(options, context: again)
            #expect(!second.resumed)
            #expect(try await harness.operations(of: "suppliers").count == 2)
        }
    }

    @Test func badInputFailsFastWithDistinctCodes() async throws {
        try await SandboxHarness.with { harness in
            let good = try harness.directory.write("good.json", Self.records)
            let missingKey = try harness.directory.write("nokey.json", #"[{"supplier_id": "A"}, {"name": "no id"}]"#)
            let notJSON = try harness.directory.write("broken.json", #"[{"supplier_id": "#)
            let (context, output) = harness.context()
            #expect(await failure { try await MDHCommands.write(writeOptions(harness.directory.file("absent.json")), context: context) }?.status == .noInput)
            #expect(await failure { try await MDHCommands.write(writeOptions(missingKey), context: context) }?.status == .badInput)
            #expect(await failure { try await MDHCommands.write(writeOptions(notJSON), context: context) }?.status == .badInput)
            var unknown = writeOptions(good)
            unknown.dataset = "no_such_dataset"
            let unknownFailure = await failure { try await MDHCommands.write(unknown, context: context) }
            #expect(unknownFailure?.status == .unavailable)
            #expect(unknownFailure?.message.contains("mdh datasets") == true)

            let (wrongPassword, _) = harness.context(environment: ["ROSSUM_PASSWORD": "wrong"])
            #expect(await failure { try await MDHCommands.write(writeOptions(good), context: wrongPassword) }?.status == .auth)
            let (unreachable, _) = harness.context(baseURL: "http://127.0.0.1:1/api/v1", requestAttempts: 1, requestTimeout: .seconds(1))
            #expect(await failure { try await MDHCommands.write(writeOptions(good), context: unreachable) }?.status == .unavailable)
            let (insecure, _) = harness.context(baseURL: "http://rossum.example.com/api/v1")
            #expect(await failure { try await MDHCommands.write(writeOptions(good), context: insecure) }?.status == .config)

            // Nothing reached the server, and every failure raised the alert line.
            #expect(try await harness.operations(of: "suppliers").isEmpty)
            #expect(output.errLines.filter { $0.contains("rossum_job_failed") }.count == 4)
            #expect(try Journal(paths: harness.paths).recentEntries().isEmpty)
        }
    }
}
