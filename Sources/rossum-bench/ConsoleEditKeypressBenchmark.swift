import Foundation
import RossumKit
import RossumSandbox

/// From the `enter` that saves a field's new value to the frame that shows it in the field's
/// row, read from the screen through tmux. Every request of the sandbox waits 400 ms on
/// purpose, so what is measured is the console showing the edit before the server has it
/// (the review's start, the operation and the validation all come later).
enum ConsoleEditKeypressBenchmark {
    static let name = "keypress to the edited value shown"
    static let target = ConsoleKeypressBenchmark.target
    static let editingHint = "enter saves · esc cancels"

    static func run(_ plan: BenchPlan, console: ConsoleUnderTest) async throws -> BenchResult {
        var faults = FaultConfiguration()
        faults.latency = .milliseconds(400)
        let sandbox = try await BenchSandbox.start(size: .small, faults: faults)
        do {
            let token = try await sandbox.token()
            let connected = console.connected(to: sandbox, token: token)
            let client = try RossumClient(baseURL: sandbox.apiURL, credentials: .token(token))
            let queue = try ConsoleKeypressBenchmark.require(
                try await client.queues.list().collect().max { ($0.counts?["to_review"] ?? 0) < ($1.counts?["to_review"] ?? 0) })
            let pane = try TmuxPane.start([connected.executable, "console"], width: 120, height: 35, environment: connected.environment)
            defer { pane.kill() }
            let latencies = try await ConsoleBenchmarks.onOwnThread { () throws -> [Double] in
                try pane.waitFor("the console's first frame", timeout: .seconds(60), ConsoleStartBenchmark.showsLoadedTree)
                try pane.send([":"])
                try pane.type("queue \(queue.id)")
                try pane.send(["Enter", "]"])
                try pane.waitFor("the to-review tab", timeout: .seconds(30), ConsoleKeypressBenchmark.showsToReviewTab)
                try pane.send(["Enter"])
                try pane.waitFor("the annotation's fields", timeout: .seconds(30)) { $0.contains("Extracted data") }
                var latencies: [Double] = []
                var previous = ""
                for index in 0..<(ConsoleKeypressBenchmark.samples(plan) + plan.warmups) {
                    // The focused field (the first), its value ending in a marker of this sample.
                    let marker = "~\(index)"
                    try pane.send(["e"])
                    try pane.waitFor("the field editor", timeout: .seconds(30)) { $0.contains(editingHint) }
                    if !previous.isEmpty { try pane.send(Array(repeating: "BSpace", count: previous.count)) }
                    try pane.type(marker)
                    try pane.waitFor("the typed marker", timeout: .seconds(10)) { $0.contains(marker + " ") }
                    let pressed = ContinuousClock.now
                    try pane.send(["Enter"])
                    let (seen, _) = try pane.waitFor("the edited value", timeout: .seconds(10), interval: .zero) { screen in
                        !screen.contains(editingHint) && screen.contains(marker + " ")
                    }
                    if index >= plan.warmups { latencies.append((seen - pressed).seconds) }
                    previous = marker
                    // The server has the edit and has validated the annotation again.
                    try pane.waitFor("the save and the validation", timeout: .seconds(30)) { screen in
                        !screen.contains("saving ") && !screen.contains("validating…") && screen.contains("yours")
                    }
                }
                try? pane.send(["Escape"])
                try? pane.send(["q"])
                return latencies
            }
            await sandbox.shutdown()
            return ConsoleKeypressBenchmark.row(name, latencies, note: "; the server answers 400 ms later")
        } catch {
            await sandbox.shutdown()
            throw error
        }
    }
}
