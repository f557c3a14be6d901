import Foundation
import RossumKit

/// `rossum-tui demo` left alone with the operation monitor open while ten MDH operations run:
/// the CPU the whole process uses (console, polling, and the in-process sandbox answering it)
/// over idle windows, as `/proc` accounts it.
enum ConsoleIdleBenchmark {
    static let name = "console idle 30 s in demo mode, monitor polling 10 running operations"
    static let target = "< 0.5% of one core"
    static let operations = 10

    static func run(_ plan: BenchPlan, console: ConsoleUnderTest) async throws -> BenchResult {
        // A still demo (nothing arrives by itself) whose operations outlast the measurement.
        let command = [console.executable, "demo", "--size", "small", "--no-live", "--operation-seconds", "86400"]
        let pane = try TmuxPane.start(command, width: 120, height: 35, environment: console.environment)
        defer { pane.kill() }
        let (_, first) = try await ConsoleBenchmarks.onOwnThread {
            try pane.waitFor("the demo's first frame", timeout: .seconds(60), ConsoleStartBenchmark.showsLoadedTree)
        }
        let client = try RossumClient(baseURL: try demoAPIURL(first), credentials: .credentials(username: "demo@rossum.local", password: "demo-password"))
        for index in 0..<operations {
            let record: JSONValue = ["supplier_id": .string("BENCH-\(index)"), "name": .string("Idle benchmark supplier \(index)")]
            _ = try await client.masterDataHub.update("suppliers", from: .records([record]), idKeys: ["supplier_id"])
        }
        let windows = try await ConsoleBenchmarks.onOwnThread { () throws -> [Double] in
            // The monitor opens by itself once the console sees operations running; open it
            // with `m` only if it has not.
            let opened = try? pane.waitFor("the monitor opening by itself", timeout: .seconds(5)) { $0.contains("Operations · ") }
            if opened == nil { try pane.send(["m"]) }
            try pane.waitFor("the monitor showing \(operations) running operations", timeout: .seconds(30)) {
                $0.contains("Operations · \(operations) running")
            }
            let probe = ProcessProbe(pid: try pane.processID())
            // Warm-up: the first polls, the first highlight expiring.
            Thread.sleep(forTimeInterval: min(5, plan.consoleIdleSeconds))
            var fractions: [Double] = []
            for _ in 0..<plan.runs {
                let cpuBefore = try probe.cpuSeconds()
                let started = ContinuousClock.now
                Thread.sleep(forTimeInterval: plan.consoleIdleSeconds)
                let cpu = try probe.cpuSeconds() - cpuBefore
                fractions.append(cpu / (ContinuousClock.now - started).seconds)
            }
            // Still polling, still current: ten running, no "stale since" badge.
            let screen = try pane.capture()
            guard screen.contains("Operations · \(operations) running"), !screen.contains("stale since") else {
                throw BenchError.wrongResult("after idling the monitor no longer showed \(operations) fresh running operations:\n\(screen)")
            }
            try pane.send(["q"])
            return fractions
        }
        let samples = Samples(windows)
        var row = BenchResult(benchmark: name, side: "rossum-tui", runs: windows.count)
        row.cpuSeconds = samples.median * plan.consoleIdleSeconds
        row.target = target
        row.met = samples.median < 0.005
        row.note = String(format: "%.2f%% of one core (median of %d windows of %.0f s; highest %.2f%%); console and in-process sandbox together",
                          samples.median * 100, windows.count, plan.consoleIdleSeconds, samples.percentile(100) * 100)
        return row
    }

    /// The demo's header names its sandbox (`sandbox 127.0.0.1:PORT`); the bench talks to it
    /// with the demo credentials to start the operations.
    static func demoAPIURL(_ screen: String) throws -> String {
        guard let match = screen.range(of: #"127\.0\.0\.1:[0-9]+"#, options: .regularExpression) else {
            throw BenchError.wrongResult("no sandbox address in the demo's header:\n\(screen)")
        }
        return "http://\(screen[match])/api/v1"
    }
}
