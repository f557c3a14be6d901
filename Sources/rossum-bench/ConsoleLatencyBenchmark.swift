import Foundation
import RossumKit
import RossumSandbox

/// How long after an MDH operation finishes on the server the console's monitor shows it
/// finished. The server stamps the change (`status_ts`); the bench reads the screen every
/// 10 ms. The monitor polls every `pollInterval`, so up to one interval of waiting is
/// expected; the target allows 100 ms on top of it for the request, the update and the paint.
enum ConsoleLatencyBenchmark {
    static let name = "status change on the server to the monitor showing it"
    static let target = "poll interval + < 100 ms"
    /// The console's default monitor poll interval.
    static let pollInterval = 2.0

    static func run(_ plan: BenchPlan, console: ConsoleUnderTest) async throws -> BenchResult {
        let timings = DataHubTimings(queued: .milliseconds(100), processing: .milliseconds(500))
        let sandbox = try await BenchSandbox.start(size: .small, dataHubTimings: timings)
        do {
            let token = try await sandbox.token()
            let connected = console.connected(to: sandbox, token: token)
            let client = try RossumClient(baseURL: sandbox.apiURL, credentials: .token(token))
            let pane = try TmuxPane.start([connected.executable, "console"], width: 160, height: 45, environment: connected.environment)
            defer { pane.kill() }
            try await ConsoleBenchmarks.onOwnThread {
                try pane.waitFor("the console's first frame", timeout: .seconds(60), ConsoleStartBenchmark.showsLoadedTree)
                try pane.send(["M"])
                try pane.waitFor("the full-screen monitor", timeout: .seconds(30)) { $0.contains("Operations · ") }
            }
            var random = SystemRandomNumberGenerator()
            var latencies: [Double] = []
            for index in 0..<(plan.warmups + plan.runs) {
                // Start at a random point of the console's poll cycle.
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...Int(pollInterval * 1000), using: &random)))
                let latency = try await measureOnce(index, client: client, sandbox: sandbox, pane: pane)
                if index >= plan.warmups { latencies.append(latency) }
            }
            try? pane.send(["q"])
            await sandbox.shutdown()

            let samples = Samples(latencies)
            var row = BenchResult(benchmark: name, side: "rossum-tui", runs: latencies.count)
            row.wallSeconds = samples.median
            row.p99Seconds = samples.percentile(99)
            row.target = target
            let worst = samples.percentile(100)
            row.met = worst < pollInterval + 0.1
            row.note = String(format: "the monitor polls every %.0f s, so the budget is %@; slowest %@", pollInterval,
                              ReportTable.duration(pollInterval + 0.1), ReportTable.duration(worst))
            return row
        } catch {
            await sandbox.shutdown()
            throw error
        }
    }

    /// Starts an upsert with a file name of its own, waits for its row to read `finished`,
    /// and returns the time from the server's status stamp to that screen.
    static func measureOnce(_ index: Int, client: RossumClient, sandbox: BenchSandbox, pane: TmuxPane) async throws -> Double {
        let file = "latency-\(index)-\(UUID().uuidString.prefix(6)).json"
        let records = #"[{"supplier_id": "LATENCY-\#(index)", "name": "Latency benchmark"}]"#
        let operationID = try await client.masterDataHub.update(
            "suppliers", from: .bytes(Array(records.utf8), filename: file, contentType: "application/json"), idKeys: ["supplier_id"])
        let shownAt = try await ConsoleBenchmarks.onOwnThread { () throws -> Date in
            try pane.waitFor("\(file) finished in the monitor", timeout: .seconds(30)) { screen in
                screen.split(separator: "\n").contains { $0.contains(file) && $0.contains("finished") }
            }
            return Date()
        }
        guard let (status, changedAt) = try await sandbox.operationStatus(operationID), status == "finished" else {
            throw BenchError.wrongResult("operation \(operationID) is not finished on the server")
        }
        return shownAt.timeIntervalSince(changedAt)
    }
}
