import Foundation
import RossumJobs
import RossumKit
import RossumSandbox
import Testing

/// Each documented exit code where the issue found another: a conflict (409), an output path
/// that is a directory, an input file too large to send, and an interrupted download.
@Suite struct ExitStatusTests {
    @Test func aRerunSendsNothingAndARefusedActionIsATemporaryFailure() async throws {
        try await SandboxHarness.with { harness in
            let queue = try #require(try await harness.client().queues.list().collect().first)
            let id = try #require(try await harness.client().annotations.list(filters: ["queue": QueryValue(queue.id), "status": "to_review"], maxPages: 1)
                .firstPage().results.first?.id)
            let (first, _) = harness.context()
            try await ScriptingCommands.act(.postpone, ids: [id], yes: true, json: true, context: first)
            // Postponed already: a rerun sends nothing and succeeds (the action runs at most once).
            let (again, rerunOutput) = harness.context()
            try await ScriptingCommands.act(.postpone, ids: [id], yes: true, json: true, context: again)
            #expect(rerunOutput.outLines.first?.contains("\"already\":true") == true, "\(rerunOutput.outLines)")
            // Deleted: the status refuses a confirm, which is not sent, and exits as a 409 would,
            // since a later run may find the annotation changed.
            try await ScriptingCommands.act(.delete, ids: [id], yes: true, json: true, context: harness.context().0)
            let (refused, output) = harness.context()
            let confirm = await failure { try await ScriptingCommands.act(.confirm, ids: [id], yes: true, json: true, context: refused) }
            #expect(confirm?.status == .jobFailed)
            #expect(output.outLines.first?.contains("is deleted") == true, "\(output.outLines)")
            #expect(ExitStatus.jobFailed.meaning.contains("409"))
        }
    }

    @Test func anOutputPathThatIsADirectoryFailsBeforeAnythingIsDownloaded() async throws {
        try await SandboxHarness.with { harness in
            // Counts the page requests; no fault is injected.
            await harness.server.setFaults(try FaultConfiguration(parsing: "latency=1ms,prefix=/svc/data-storage/api/v1/data/find"))
            let (context, _) = harness.context()
            let downloaded = await failure {
                try await StorageCommands.download(.init(collection: "suppliers", outputPath: harness.directory.path), context: context)
            }
            #expect(downloaded?.status == .cannotCreate)
            #expect(downloaded?.message.contains("it is a directory") == true)
            #expect(harness.server.faultCounters.matchingRequests == 0)
            #expect(!FileManager.default.fileExists(atPath: harness.directory.path + ".part"))

            let exported = await failure {
                try await ScriptingCommands.export(queueID: 1, format: .csv, statuses: [], outputPath: harness.directory.path, context: context)
            }
            #expect(exported?.status == .cannotCreate)
        }
    }

    @Test func aFileTooLargeToSendIsRefusedWithoutReadingIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // 1 GB, sparse: nothing on disk, but reading it would read 1 GB.
        let path = directory.file("huge.json")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, 1 << 30) == 0)
        let before = try Self.bytesReadByThisProcess()
        let failure: CommandFailure?
        do {
            _ = try RecordFile.load(path: path, idKeys: ["id"])
            failure = nil
        } catch let thrown as CommandFailure {
            failure = thrown
        }
        let read = try Self.bytesReadByThisProcess() - before
        #expect(failure?.status == .badInput)
        #expect(failure?.message == "\(path) has 1024 MB; MDH accepts at most 50 MB per file: split it")
        // Other tests run alongside and read too, but nowhere near the file's 1 GB.
        #expect(read < 256 << 20, "read \(read) bytes")
    }

    /// Bytes this process has read through read(2) and its kin (`rchar` of /proc/self/io).
    static func bytesReadByThisProcess() throws -> Int {
        let text = try String(contentsOfFile: "/proc/self/io", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("rchar:") })
        return try #require(Int(line.dropFirst("rchar:".count).trimmingCharacters(in: .whitespaces)))
    }

    @Test func aDownloadStoppedBySIGTERMExitsWith130AndLeavesNoFile() async throws {
        try await SandboxHarness.with { harness in
            // Slow pages, so the signal arrives while the download runs.
            await harness.server.setFaults(try FaultConfiguration(parsing: "latency=300ms,prefix=/svc/data-storage/api/v1/data/find"))
            let target = harness.directory.file("purchase_orders.json")
            var environment = harness.environment
            environment["PATH"] = "/usr/bin:/bin"
            environment["XDG_CONFIG_HOME"] = harness.directory.file("config")
            environment["XDG_STATE_HOME"] = harness.directory.file("state")
            environment["ROSSUM_BASE_URL"] = harness.server.apiURL
            for number in [SIGTERM, SIGINT] {
                let child = try ChildRun(["storage", "download", "purchase_orders", "-o", target, "--batch-size", "50"], environment: environment)
                // Wait (with a deadline) until it has asked for its first pages.
                let waitUntil = ContinuousClock.now + .seconds(20)
                while harness.server.faultCounters.matchingRequests < 2, ContinuousClock.now < waitUntil {
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(harness.server.faultCounters.matchingRequests >= 2)
                child.signal(number)
                let result = await child.wait()
                #expect(result.status == 130, "signal \(number): \(result.err)")
                #expect(!result.endedBySignal)
                #expect(!FileManager.default.fileExists(atPath: target))
                #expect(!FileManager.default.fileExists(atPath: target + ".part"))
                await harness.server.setFaults(try FaultConfiguration(parsing: "latency=300ms,prefix=/svc/data-storage/api/v1/data/find"))
            }
        }
    }
}
