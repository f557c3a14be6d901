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
        let latencies = try await ConsoleKeypressBenchmark.onToReviewTab(plan, console: console) { pane in
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
        return ConsoleKeypressBenchmark.row(name, latencies, note: "; the server answers 400 ms later")
    }
}
