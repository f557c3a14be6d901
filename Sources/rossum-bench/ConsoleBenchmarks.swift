import Foundation

/// The `rossum-tui` executable next to this one, and the environment every console of the
/// bench runs with: its own HOME and XDG folders, so no profile, journal or log of the user's
/// is read or written.
struct ConsoleUnderTest: Sendable {
    var executable: String
    var environment: [String: String]

    static func locate(_ plan: BenchPlan) -> ConsoleUnderTest? {
        let executable = URL(fileURLWithPath: plan.clientExecutable).deletingLastPathComponent().appendingPathComponent("rossum-tui").path
        guard FileManager.default.isExecutableFile(atPath: executable) else { return nil }
        let home = plan.workDirectory.appendingPathComponent("console-home").path
        return ConsoleUnderTest(executable: executable, environment: [
            "HOME": home, "XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
            "XDG_DATA_HOME": home + "/data", "XDG_CACHE_HOME": home + "/cache", "TERM": "xterm-256color",
            "LANG": "C.UTF-8", "ROSSUM_PROFILE": "", "ROSSUM_BASE_URL": "", "ROSSUM_TOKEN": "",
            "ROSSUM_USERNAME": "", "ROSSUM_PASSWORD": "",
        ])
    }

    /// The same console pointed at a sandbox with a token.
    func connected(to sandbox: BenchSandbox, token: String) -> ConsoleUnderTest {
        var copy = self
        copy.environment["ROSSUM_BASE_URL"] = sandbox.apiURL
        copy.environment["ROSSUM_TOKEN"] = token
        return copy
    }
}

/// The benchmarks of the console itself, driven through tmux like a user would: start to
/// first frame, idle cost, memory of a 100,000-row list, and how fast a status change shows.
enum ConsoleBenchmarks {
    static func run(_ plan: BenchPlan, log: (String) -> Void) async -> [BenchResult] {
        guard let console = ConsoleUnderTest.locate(plan) else {
            return notMeasured("not measured: no rossum-tui next to rossum-bench (build every product: swift build -c release)", plan)
        }
        guard TmuxPane.isAvailable else {
            return notMeasured("not measured: tmux is needed to drive the console (apt-get install tmux)", plan)
        }
        var results: [BenchResult] = []
        func attempt(_ name: String, _ target: String, _ body: () async throws -> BenchResult) async {
            await attemptRows(name, target) { [try await body()] }
        }
        func attemptRows(_ name: String, _ target: String, _ body: () async throws -> [BenchResult]) async {
            log("console: \(name)")
            do {
                results += try await body()
            } catch {
                // The whole story (a screen, say) goes to the log; the table keeps one line.
                log("console: \(name) failed: \(error)")
                let summary = String(describing: error).split(separator: "\n").first.map(String.init) ?? ""
                var failed = BenchResult(benchmark: name, side: "rossum-tui", note: "failed: \(summary)")
                failed.target = target
                failed.met = false
                results.append(failed)
            }
        }
        await attemptRows(ConsoleIdleBenchmark.name, ConsoleIdleBenchmark.target) { try await ConsoleIdleBenchmark.run(plan, console: console) }
        await attempt(ConsoleStartBenchmark.name, ConsoleStartBenchmark.target) { try await onOwnThread { try ConsoleStartBenchmark.run(plan, console: console) } }
        await attempt(ConsoleListMemoryBenchmark.name(annotations: plan.consoleListAnnotations), ConsoleListMemoryBenchmark.target) {
            try await ConsoleListMemoryBenchmark.run(plan, console: console)
        }
        await attempt(ConsoleLatencyBenchmark.name, ConsoleLatencyBenchmark.target) { try await ConsoleLatencyBenchmark.run(plan, console: console) }
        await attempt(ConsoleKeypressBenchmark.name, ConsoleKeypressBenchmark.target) { try await ConsoleKeypressBenchmark.run(plan, console: console) }
        await attempt(ConsoleEditKeypressBenchmark.name, ConsoleEditKeypressBenchmark.target) {
            try await ConsoleEditKeypressBenchmark.run(plan, console: console)
        }
        return results
    }

    static func notMeasured(_ note: String, _ plan: BenchPlan) -> [BenchResult] {
        [(ConsoleIdleBenchmark.name, ConsoleIdleBenchmark.target), (ConsoleStartBenchmark.name, ConsoleStartBenchmark.target),
         (ConsoleListMemoryBenchmark.name(annotations: plan.consoleListAnnotations), ConsoleListMemoryBenchmark.target),
         (ConsoleLatencyBenchmark.name, ConsoleLatencyBenchmark.target),
         (ConsoleKeypressBenchmark.name, ConsoleKeypressBenchmark.target),
         (ConsoleEditKeypressBenchmark.name, ConsoleEditKeypressBenchmark.target)].map { row in
            var result = BenchResult(benchmark: row.0, side: "rossum-tui", note: note)
            result.target = row.1
            return result
        }
    }

    /// Blocking work (tmux round trips, sleeps between samples) kept off the cooperative pool,
    /// which also runs the in-process sandbox the console talks to.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}
