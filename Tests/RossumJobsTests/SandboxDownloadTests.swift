import Foundation
import RossumJobs
import RossumKit
import RossumSandbox
import Synchronization
import Testing

@Suite struct SandboxDownloadTests {
    static let recordCount = 10_000

    /// Fills `collection` with `recordCount` records through Data Storage.
    func fill(_ harness: SandboxHarness, _ collection: String) async throws {
        let storage = try harness.client().dataStorage
        for batch in stride(from: 0, to: Self.recordCount, by: 5000) {
            let documents: [RossumKit.JSONValue] = (batch..<batch + 5000).map { index in
                ["code": .string("R\(index)"), "n": .number(Double(index)), "group": .number(Double(index % 7))]
            }
            _ = try await storage.insertMany(collection, documents: documents)
        }
    }

    /// The records of an NDJSON file (Foundation parsing: fast enough for thousands of records).
    func lines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// The `_id` of a record as text, whatever its JSON shape (`{"$oid": ...}` or a string).
    func identity(_ record: [String: Any]) -> String? {
        record["_id"].map { "\($0)" }
    }

    @Test func wholeCollectionUnderFaultsIsExactAndValid() async throws {
        try await SandboxHarness.with { harness in
            try await fill(harness, "big")
            // 5xx and dropped connections on page requests; every page is asked again (here up to
            // 3 attempts per request, the harness's cap).
            await harness.server.setFaults(try FaultConfiguration(parsing: "error=0.2,drop=0.1,prefix=/svc/data-storage/api/v1/data/find,seed=5"))
            let target = harness.directory.file("big.json")
            let (context, output) = harness.context()
            let outcome = try await StorageCommands.download(.init(collection: "big", outputPath: target, batchSize: 1000), context: context)
            #expect(outcome.records == Self.recordCount)
            #expect(outcome.serverCount == Self.recordCount)
            #expect(outcome.retries > 0)
            let records = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: target))) as? [[String: Any]])
            #expect(records.count == Self.recordCount)
            #expect(Set(records.compactMap(identity)).count == Self.recordCount)
            #expect(Set(records.compactMap { $0["code"] as? String }).count == Self.recordCount)
            #expect(!FileManager.default.fileExists(atPath: target + ".part"))
            #expect(output.errLines.last == "wrote \(Self.recordCount) records to \(target) (\(outcome.retries) page retries); the server counts \(Self.recordCount): complete")
        }
    }

    /// The issue's combined faults on every request (login, the collection check, pages, the
    /// count): retried for a time budget rather than a few attempts, every run is exact.
    @Test func downloadsUnderCombinedFaultsAreExactEveryTime() async throws {
        try await SandboxHarness.with { harness in
            try await fill(harness, "big")
            await harness.server.setFaults(try FaultConfiguration(parsing: "error=0.2,drop=0.05,truncate=0.05,throttle=0.1,seed=12"))
            for run in 1...3 {
                let target = harness.directory.file("big-\(run).ndjson")
                var (context, _) = harness.context(requestAttempts: nil)
                context.clientConfiguration.maxRetryAfter = .milliseconds(20)  // the sandbox asks for 1 s
                let outcome = try await StorageCommands.download(.init(collection: "big", outputPath: target, ndjson: true, batchSize: 1000),
                                                                 context: context)
                #expect(outcome.records == Self.recordCount, "run \(run)")
                #expect(outcome.serverCount == Self.recordCount, "run \(run)")
                let records = try lines(target)
                #expect(records.count == Self.recordCount, "run \(run)")
                #expect(Set(records.compactMap(identity)).count == Self.recordCount, "run \(run)")
            }
            #expect(harness.server.faultCounters.injected > 10)
            await harness.server.setFaults(FaultConfiguration())
        }
    }

    @Test func aFailedDownloadLeavesNoFileAndAnInterruptedNDJSONOneResumes() async throws {
        try await SandboxHarness.with { harness in
            try await fill(harness, "big")
            let target = harness.directory.file("big.json")

            // Every page fails: when the retries run out the download stops, and nothing is left behind.
            await harness.server.setFaults(try FaultConfiguration(parsing: "error=1,status=500,prefix=/svc/data-storage/api/v1/data/find"))
            let (failing, _) = harness.context()
            let failed = await failure { try await StorageCommands.download(.init(collection: "big", outputPath: target), context: failing) }
            #expect(failed?.status == .unavailable)
            #expect(!FileManager.default.fileExists(atPath: target))
            #expect(!FileManager.default.fileExists(atPath: target + ".part"))
            await harness.server.setFaults(FaultConfiguration())

            // Interrupted part way (like Ctrl-C): exit 130 as documented; a JSON array leaves nothing...
            let arrayRun = try await interrupted(harness, .init(collection: "big", outputPath: target, batchSize: 1500))
            #expect(arrayRun?.status == .interrupted)
            #expect(!FileManager.default.fileExists(atPath: target))
            #expect(!FileManager.default.fileExists(atPath: target + ".part"))

            // ...an NDJSON download keeps whole lines in FILE.part, and --resume completes it.
            let ndjson = harness.directory.file("big.ndjson")
            _ = try await interrupted(harness, .init(collection: "big", outputPath: ndjson, ndjson: true, batchSize: 1500))
            #expect(!FileManager.default.fileExists(atPath: ndjson))
            let kept = try lines(ndjson + ".part").count
            #expect(kept > 0 && kept < Self.recordCount)
            // A torn last line, as a kill in the middle of a write leaves.
            let handle = try #require(FileHandle(forWritingAtPath: ndjson + ".part"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(#"{"_id":{"$oid":"ff"#.utf8))
            try handle.close()

            let (resuming, output) = harness.context()
            let resumed = try await StorageCommands.download(.init(collection: "big", outputPath: ndjson, ndjson: true, batchSize: 1500, resume: true),
                                                             context: resuming)
            #expect(resumed.resumedRecords == kept)
            #expect(resumed.records == Self.recordCount)
            #expect(output.errLines.first == "resuming after \(kept) records already in \(ndjson).part")
            let records = try lines(ndjson)
            #expect(records.count == Self.recordCount)
            #expect(Set(records.compactMap(identity)).count == Self.recordCount)
            #expect(!FileManager.default.fileExists(atPath: ndjson + ".part"))
        }
    }

    /// Runs a download and cancels it once the progress bar shows a few thousand records.
    func interrupted(_ harness: SandboxHarness, _ request: CollectionDownloadJob.Request) async throws -> CommandFailure? {
        let cancel = Mutex<Task<Void, Never>?>(nil)
        let (context, _) = harness.context(errIsTerminal: true) { text in
            // The bar reads "\r[###...] 4500/10000 records ..."
            if let range = text.range(of: #"\] (\d+)/"#, options: .regularExpression),
               let count = Int(text[range].dropFirst(2).dropLast()), count >= 4500 {
                cancel.withLock { $0?.cancel() }
            }
        }
        let result = Mutex<CommandFailure?>(nil)
        let task = Task {
            let failure = await failure { try await StorageCommands.download(request, context: context) }
            result.withLock { $0 = failure }
        }
        cancel.withLock { $0 = task }
        try await withDeadline { await task.value }
        return result.withLock { $0 }
    }

    @Test func badOptionsAndPathsFailClearly() async throws {
        try await SandboxHarness.with { harness in
            let (context, _) = harness.context()
            let missingDirectory = harness.directory.file("no/such/dir/out.json")
            #expect(await failure { try await StorageCommands.download(.init(collection: "suppliers", outputPath: missingDirectory), context: context) }?.status == .cannotCreate)
            #expect(await failure { try await StorageCommands.download(.init(collection: "suppliers", outputPath: harness.directory.file("a.json"), query: "{nope"), context: context) }?.status == .usage)
            #expect(await failure { try await StorageCommands.download(.init(collection: "suppliers", outputPath: harness.directory.file("a.json"), resume: true), context: context) }?.status == .usage)
            #expect(await failure { try await StorageCommands.download(.init(collection: "suppliers", outputPath: harness.directory.file("b.ndjson"), ndjson: true, resume: true), context: context) }?.status == .noInput)
            let unknown = await failure { try await StorageCommands.download(.init(collection: "supliers", outputPath: harness.directory.file("c.json")), context: context) }
            #expect(unknown?.status == .unavailable)
            #expect(unknown?.message.contains("no collection named \"supliers\"") == true)
            #expect(!FileManager.default.fileExists(atPath: harness.directory.file("a.json.part")))
            #expect(!FileManager.default.fileExists(atPath: harness.directory.file("c.json")))
        }
    }
}
