import Foundation
import RossumJobs
import RossumSandbox
import Synchronization
import Testing

/// Runs the built `rossum-tui` binary as a script would: exit codes, stderr lines, `--json` output.
@Suite struct ExecutableTests {
    struct Result {
        var status: Int32
        var out: String
        var err: String
        var outLines: [String] { out.split(separator: "\n").map(String.init) }
    }

    /// The binary next to the test bundle (`swift build --build-tests` builds both).
    static func binary() throws -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("rossum-tui").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fromSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/rossum-tui").path
        guard FileManager.default.isExecutableFile(atPath: fromSource) else {
            throw CommandFailure(.failure, "rossum-tui is not built: run `swift build --build-tests` first")
        }
        return fromSource
    }

    static func run(_ arguments: [String], environment: [String: String]) async throws -> Result {
        let path = try binary()
        // Blocking reads and waits run on a thread of their own: on the cooperative pool they
        // would starve the in-process sandbox the binary talks to.
        return try await withDeadline(seconds: 30) {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(returning: runBlocking(path, arguments, environment))
                }
            }
        }
    }

    static func runBlocking(_ path: String, _ arguments: [String], _ environment: [String: String]) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return Result(status: -1, out: "", err: "cannot run \(path): \(error)")
        }
        // stderr is drained on another thread so neither pipe can fill up and block the child.
        let errData = Mutex(Data())
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            errData.withLock { $0 = data }
            drained.signal()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: stdout, as: UTF8.self),
                      err: String(decoding: errData.withLock { $0 }, as: UTF8.self))
    }

    @Test func helpAndUsageErrors() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let environment = ["HOME": directory.path, "PATH": "/usr/bin:/bin"]
        let help = try await Self.run(["mdh", "upsert", "--help"], environment: environment)
        #expect(help.status == 0)
        #expect(help.out.contains("--id-key"))
        #expect(help.out.contains("*/30 * * * *"))
        let usage = try await Self.run(["mdh", "upsert", "suppliers", "x.json"], environment: environment)
        #expect(usage.status == 64)
        #expect(usage.err.contains("--id-key"))
        let insecure = try await Self.run(["--base-url", "http://rossum.example.com/api/v1", "mdh", "datasets"], environment: environment)
        #expect(insecure.status == 78)
        #expect(insecure.err == "rossum-tui: refusing plain http:// to rossum.example.com (credentials would travel unencrypted): use https:// or pass --allow-insecure-http\n")
        let refuseDelete = try await Self.run(["mdh", "delete", "suppliers"], environment: environment)
        #expect(refuseDelete.status == 64)
        #expect(refuseDelete.err.contains("pass --yes"))
        let paths = try await Self.run(["paths", "--json"], environment: environment.merging(["XDG_STATE_HOME": directory.file("state")]) { $1 })
        #expect(paths.status == 0)
        #expect(paths.outLines.contains(#"{"name":"journal","path":"\#(directory.file("state"))/rossum-tui/journal.sqlite"}"#))
    }

    @Test func againstTheSandbox() async throws {
        try await SandboxHarness.with { harness in
            var environment = harness.environment
            environment["PATH"] = "/usr/bin:/bin"
            environment["XDG_CONFIG_HOME"] = harness.directory.file("config")
            environment["XDG_STATE_HOME"] = harness.directory.file("state")
            environment["ROSSUM_BASE_URL"] = harness.server.apiURL

            let datasets = try await Self.run(["mdh", "datasets", "--json"], environment: environment)
            #expect(datasets.status == 0)
            let names = try datasets.outLines.map { line -> String? in
                (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["name"] as? String
            }
            #expect(names.contains("suppliers"))

            let file = try harness.directory.write("s.json", #"[{"supplier_id": "SUP-777777", "name": "Cron s.r.o."}]"#)
            let upsert = try await Self.run(["mdh", "upsert", "suppliers", file, "--id-key", "supplier_id", "--poll-every", "20ms"], environment: environment)
            #expect(upsert.status == 0)
            #expect(upsert.outLines.last?.contains("finished: dataset suppliers updated from s.json (1 records") == true)
            #expect(upsert.err.isEmpty)

            let jobs = try await Self.run(["jobs", "--json"], environment: environment)
            #expect(jobs.status == 0)
            let job = try #require(try JSONSerialization.jsonObject(with: Data((jobs.outLines.first ?? "").utf8)) as? [String: Any])
            #expect(job["status"] as? String == "succeeded")
            #expect(job["dataset"] as? String == "suppliers")

            let badKey = try await Self.run(["mdh", "upsert", "suppliers", file, "--id-key", "vat"], environment: environment)
            #expect(badKey.status == 65)
            #expect(badKey.err.split(separator: "\n").last == #"rossum-tui: \#(file): record 0 has no "vat" (the --id-key): every record needs it"#)

            var wrong = environment
            wrong["ROSSUM_PASSWORD"] = "wrong"
            let denied = try await Self.run(["queues", "list"], environment: wrong)
            #expect(denied.status == 77)
            #expect(denied.err.split(separator: "\n").count == 1)

            let queues = try await Self.run(["queues", "list", "--json"], environment: environment)
            #expect(queues.status == 0)
            #expect(!queues.outLines.isEmpty)
            #expect(queues.outLines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) is [String: Any] })

            let unwritable = try await Self.run(["storage", "download", "suppliers", "-o", "/proc/nope/x.json"], environment: environment)
            #expect(unwritable.status == 73)
        }
    }

    /// `rossum-tui console` says what is wrong with a profile before it takes the screen, with
    /// the exit code, instead of showing "loading…" or the command's usage text.
    @Test func theConsoleRefusesAnUnusableProfileAtOnce() async throws {
        try await SandboxHarness.with { harness in
            let api = harness.server.apiURL
            try FileManager.default.createDirectory(atPath: harness.directory.file("config/rossum-tui"), withIntermediateDirectories: true)
            try harness.directory.write("config/rossum-tui/config.yaml", """
                keys: {annotation.confirm: [C]}
                profiles:
                  wrong: {base_url: "\(api)", username: "\(SandboxHarness.username)", password: not-the-password}
                  unreachable: {base_url: "http://127.0.0.1:1/api/v1", token: some-token}
                  typo: {base_url: "\(api)", token: t, keys: {annotation.confrim: [C]}}
                  badkey: {base_url: "\(api)", token: t, keys: {annotation.confirm: [ctrl-]}}
                  views: {base_url: "\(api)", token: t, poll_intervals: {annotations: 10}}
                """)
            // The environment names another server: a profile named on the command line wins.
            let environment = ["HOME": harness.directory.path, "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": harness.directory.file("config"),
                               "XDG_STATE_HOME": harness.directory.file("state"), "ROSSUM_BASE_URL": "https://elsewhere.example.com/api/v1",
                               "ROSSUM_TOKEN": "env-token"]
            let expectations: [(profile: String, status: Int32, says: String)] = [
                ("wrong", 77, "profile wrong (\(api)): authentication failed"),
                ("unreachable", 69, "could not reach the server"),
                ("typo", 78, "keys: keymap: there is no action \"annotation.confrim\""),
                ("badkey", 78, "keys: keymap: action \"annotation.confirm\""),
                ("views", 78, "poll_intervals: unknown key \"annotations\""),
                ("nope", 78, "no profile named \"nope\""),
            ]
            for expected in expectations {
                let start = ContinuousClock.now
                let result = try await Self.run(["--profile", expected.profile, "console"], environment: environment)
                #expect(result.status == expected.status, "\(expected.profile): \(result.err)")
                #expect(result.err.contains(expected.says), "\(expected.profile): \(result.err)")
                #expect(!result.err.contains("USAGE"), "\(expected.profile): \(result.err)")
                #expect(ContinuousClock.now - start < .seconds(8), "\(expected.profile) took too long")
            }
        }
    }
}
