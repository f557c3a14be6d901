import Foundation
import RossumJobs
import RossumSandbox
import Testing

/// `rossum-tui ... | head`: when the reader of standard output goes away, the command stops
/// quietly with 141 (128 + SIGPIPE, what the shell reports for other tools cut short) — no
/// crash, no backtrace, no message — and `-o -` streams a file to standard output.
@Suite struct ClosedOutputTests {
    func environment(_ harness: SandboxHarness) -> [String: String] {
        var environment = harness.environment
        environment["PATH"] = "/usr/bin:/bin"
        environment["XDG_CONFIG_HOME"] = harness.directory.file("config")
        environment["XDG_STATE_HOME"] = harness.directory.file("state")
        environment["ROSSUM_BASE_URL"] = harness.server.apiURL
        return environment
    }

    @Test func aClosedStandardOutputEndsEveryKindOfCommandQuietly() async throws {
        try await SandboxHarness.with { harness in
            let queueID = try #require(try await harness.client().queues.list().collect().first?.id)
            let commands = [
                ["queues", "list", "--json"],                      // lines of text
                ["annotations", "list", "--queue", String(queueID)],  // a table
                ["export", String(queueID), "--format", "csv", "-o", "-"],   // a streamed file
                ["export", String(queueID), "--format", "json", "-o", "-"],
                ["storage", "download", "purchase_orders", "-o", "-"],      // a download
            ]
            for arguments in commands {
                let result = try await ChildRun.run(arguments, environment: environment(harness), closedStdout: true)
                #expect(!result.endedBySignal, "\(arguments): signal \(result.status)")
                #expect(result.status == 141, "\(arguments): \(result.err)")
                #expect(result.err.isEmpty, "\(arguments): \(result.err)")
            }
        }
    }

    @Test func dashOStreamsTheExportToStandardOutput() async throws {
        try await SandboxHarness.with { harness in
            let queueID = try #require(try await harness.client().queues.list().collect().first?.id)
            let file = harness.directory.file("export.csv")
            let toFile = try await ChildRun.run(["export", String(queueID), "--format", "csv", "-o", file], environment: environment(harness))
            #expect(toFile.status == 0, "\(toFile.err)")
            let toStdout = try await ChildRun.run(["export", String(queueID), "--format", "csv", "-o", "-"], environment: environment(harness))
            #expect(toStdout.status == 0, "\(toStdout.err)")
            #expect(toStdout.out == (try String(contentsOfFile: file, encoding: .utf8)))
            #expect(!toStdout.out.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: "-.part"))

            let download = try await ChildRun.run(["storage", "download", "suppliers", "--ndjson", "-o", "-"], environment: environment(harness))
            #expect(download.status == 0, "\(download.err)")
            let count = try await harness.client().dataStorage.count("suppliers")
            #expect(download.out.split(separator: "\n").count == count)
        }
    }
}
