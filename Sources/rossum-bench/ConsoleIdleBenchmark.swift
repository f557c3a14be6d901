import Foundation
import RossumKit
import RossumSandbox

/// The console left alone on the workspace tree with the monitor panel open while ten MDH
/// operations run: the CPU its process uses over idle windows, as `/proc` accounts it.
///
/// Measured twice. The row with the target is the console process on its own, talking to the
/// bench's sandbox (what a person's machine pays against Rossum, as in the paging row). The
/// second row is `rossum-tui demo`, whose process also runs the sandbox answering the polls.
enum ConsoleIdleBenchmark {
    static let name = "console idle 30 s, monitor polling 10 running operations"
    static let demoName = "the same in `rossum-tui demo` (console and in-process sandbox together)"
    static let target = "< 0.15% of one core"
    static let limit = 0.0015
    static let operations = 10
    /// Operations that outlast the measurement.
    static let timings = DataHubTimings(queued: .milliseconds(100), processing: .seconds(86_400))

    static func run(_ plan: BenchPlan, console: ConsoleUnderTest) async throws -> [BenchResult] {
        let sandbox = try await BenchSandbox.start(size: .small, dataHubTimings: timings)
        let alone: [Double]
        do {
            let token = try await sandbox.token()
            let connected = console.connected(to: sandbox, token: token)
            let pane = try TmuxPane.start([connected.executable, "console"], width: 120, height: 35, environment: connected.environment)
            defer { pane.kill() }
            alone = try await measure(plan, pane: pane, client: try RossumClient(baseURL: sandbox.apiURL, credentials: .token(token)))
            await sandbox.shutdown()
        } catch {
            await sandbox.shutdown()
            throw error
        }
        var row = BenchResult(benchmark: name, side: "rossum-tui", runs: alone.count)
        row.cpuSeconds = mean(alone) * plan.consoleIdleSeconds
        row.target = target
        row.met = mean(alone) < limit
        row.note = note(alone, plan, "the console process alone")

        // The demo: one process for both sides.
        let command = [console.executable, "demo", "--size", "small", "--no-live", "--operation-seconds", "86400"]
        let pane = try TmuxPane.start(command, width: 120, height: 35, environment: console.environment)
        defer { pane.kill() }
        let (_, first) = try await ConsoleBenchmarks.onOwnThread {
            try pane.waitFor("the demo's first frame", timeout: .seconds(60), ConsoleStartBenchmark.showsLoadedTree)
        }
        let demoClient = try RossumClient(baseURL: try demoAPIURL(first), credentials: .credentials(username: "demo@rossum.local", password: "demo-password"))
        let demoWindows = try await measure(plan, pane: pane, client: demoClient)
        var demo = BenchResult(benchmark: demoName, side: "rossum-tui", runs: demoWindows.count)
        demo.cpuSeconds = mean(demoWindows) * plan.consoleIdleSeconds
        demo.note = note(demoWindows, plan, "console and sandbox in one process; no target")
        return [row, demo]
    }

    /// The share over the whole measurement. The kernel counts CPU in ticks of 10 ms, so one
    /// 30 s window's figure moves in steps of 0.033%; the windows together are three times finer.
    static func mean(_ windows: [Double]) -> Double { windows.reduce(0, +) / Double(max(1, windows.count)) }

    static func note(_ windows: [Double], _ plan: BenchPlan, _ what: String) -> String {
        let samples = Samples(windows)
        return String(format: "%.3f%% of one core over %d windows of %.0f s (each %.3f%% to %.3f%%); %@",
                      mean(windows) * 100, windows.count, plan.consoleIdleSeconds, samples.percentile(0) * 100,
                      samples.percentile(100) * 100, what)
    }

    /// Starts the operations, waits for the monitor to show them, then samples the console's
    /// CPU over `plan.runs` windows; the monitor must still be current afterwards.
    static func measure(_ plan: BenchPlan, pane: TmuxPane, client: RossumClient) async throws -> [Double] {
        _ = try await ConsoleBenchmarks.onOwnThread {
            try pane.waitFor("the console's first frame", timeout: .seconds(60), ConsoleStartBenchmark.showsLoadedTree)
        }
        for index in 0..<operations {
            let record: RossumKit.JSONValue = ["supplier_id": .string("BENCH-\(index)"), "name": .string("Idle benchmark supplier \(index)")]
            _ = try await client.masterDataHub.update("suppliers", from: .records([record]), idKeys: ["supplier_id"])
        }
        return try await ConsoleBenchmarks.onOwnThread { () throws -> [Double] in
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
