import Foundation
import RossumKit
import RossumSandbox

/// From the keypress that accepts a postpone to the frame whose row shows `postponing…`, read
/// from the screen through tmux. The sandbox answers slowly on purpose (every request waits),
/// so the pending row is on screen long enough to be seen: the time measured is the console's
/// own, not the server's.
enum ConsoleKeypressBenchmark {
    static let name = "keypress to the row showing the pending change"
    static let target = "< 16 ms at the 95th percentile"
    /// Enough keypresses for a 95th percentile; a plan of one run (the tests) takes one.
    static func samples(_ plan: BenchPlan) -> Int { plan.runs >= 3 ? 30 : plan.runs }

    static func run(_ plan: BenchPlan, console: ConsoleUnderTest) async throws -> BenchResult {
        let latencies = try await onToReviewTab(plan, console: console) { pane in
            var latencies: [Double] = []
            for index in 0..<(samples(plan) + plan.warmups) {
                // Top of the list, chosen by the person (a row that left is not a choice).
                try pane.send(["g", "p"])
                try pane.waitFor("the postpone dialog", timeout: .seconds(30)) { $0.contains("Postpone annotation #") && $0.contains("▶ Postpone ◀") }
                let pressed = ContinuousClock.now
                try pane.send(["Enter"])
                let (seen, _) = try pane.waitFor("the pending row", timeout: .seconds(10), interval: .zero) { $0.contains("postponing…") }
                if index >= plan.warmups { latencies.append((seen - pressed).seconds) }
                try pane.waitFor("the answer", timeout: .seconds(30)) { screen in
                    // The flash line is the one above the hint bar (the last line of the screen).
                    let lines = screen.split(separator: "\n")
                    let flash = lines.count >= 2 ? lines[lines.count - 2] : ""
                    return !screen.contains("postponing…") && flash.contains(" postponed")
                }
                // The tab reloads without the postponed row; the next sample starts on a row to review.
                try pane.waitFor("the reloaded tab", timeout: .seconds(30)) { screen in
                    let lines = screen.split(separator: "\n")
                    return lines.count > 4 && lines[4].contains(" to review ")
                }
            }
            try? pane.send(["q"])
            return latencies
        }
        return row(name, latencies)
    }

    /// The console on the to-review tab of the queue with the most to review, against a sandbox
    /// that answers every request 400 ms late (so what a row measures is the console's own
    /// display, not the server); `samples` runs there, off the cooperative pool.
    static func onToReviewTab(_ plan: BenchPlan, console: ConsoleUnderTest,
                              _ samples: @escaping @Sendable (TmuxPane) throws -> [Double]) async throws -> [Double] {
        var faults = FaultConfiguration()
        faults.latency = .milliseconds(400)
        let sandbox = try await BenchSandbox.start(size: .small, faults: faults)
        do {
            let token = try await sandbox.token()
            let connected = console.connected(to: sandbox, token: token)
            let client = try RossumClient(baseURL: sandbox.apiURL, credentials: .token(token))
            let queue = try require(try await client.queues.list().collect().max { ($0.counts?["to_review"] ?? 0) < ($1.counts?["to_review"] ?? 0) })
            let pane = try TmuxPane.start([connected.executable, "console"], width: 120, height: 35, environment: connected.environment)
            defer { pane.kill() }
            let latencies = try await ConsoleBenchmarks.onOwnThread { () throws -> [Double] in
                try pane.waitFor("the console's first frame", timeout: .seconds(60), ConsoleStartBenchmark.showsLoadedTree)
                try pane.send([":"])
                try pane.type("queue \(queue.id)")
                try pane.send(["Enter", "]"])
                try pane.waitFor("the to-review tab", timeout: .seconds(30), Self.showsToReviewTab)
                return try samples(pane)
            }
            await sandbox.shutdown()
            return latencies
        } catch {
            await sandbox.shutdown()
            throw error
        }
    }

    /// A keypress row: median, p99 and the 95th percentile against one frame (16 ms).
    static func row(_ name: String, _ latencies: [Double], note: String = "") -> BenchResult {
        let measured = Samples(latencies)
        var row = BenchResult(benchmark: name, side: "rossum-tui", runs: latencies.count)
        row.wallSeconds = measured.median
        row.p99Seconds = measured.percentile(99)
        row.target = target
        let p95 = measured.percentile(95)
        row.met = p95 < 0.016
        row.note = "p95 \(ReportTable.duration(p95)), read through tmux (its round trip included)" + note
        return row
    }

    /// The list shows the to-review tab, loaded: the title's count is the tab's, and the first
    /// row is one to review.
    static func showsToReviewTab(_ screen: String) -> Bool {
        let lines = screen.split(separator: "\n").map(String.init)
        guard lines.count > 4, let open = lines[1].range(of: "("), let close = lines[1].range(of: ")", range: open.upperBound..<lines[1].endIndex),
              let tab = lines[2].range(of: "to review ") else { return false }
        let total = lines[1][open.upperBound..<close.lowerBound]
        let count = lines[2][tab.upperBound...].prefix { $0.isNumber || $0 == "," }
        return !total.isEmpty && total == count && lines[4].contains(" to review ")
    }

    static func require<T>(_ value: T?) throws -> T {
        guard let value else { throw BenchError.wrongResult("the sandbox has no queue with annotations to review") }
        return value
    }
}
