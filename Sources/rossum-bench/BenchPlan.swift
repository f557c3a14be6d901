import Foundation
import RossumSandbox

/// How big each benchmark is and where its tools live. `full` is the sizes; `quick`
/// checks the whole pipeline in a minute; tests build a tiny plan of their own.
struct BenchPlan: Sendable {
    var name: String
    var sandboxSize: DemoSize
    var annotationCount: Int
    var collectionSize: Int
    /// The smaller collection whose peak RSS the big download is compared with.
    var smallCollectionSize: Int
    var tableRows: Int
    var frames: Int
    var runs: Int
    /// Seconds of each idle window of the console.
    var consoleIdleSeconds: Double = 30
    /// Annotations in the one queue the console's list pages through.
    var consoleListAnnotations = 100_000
    /// Downloads of the collection under combined faults (the issue asks for 15 of 15).
    var faultedRuns = 15
    var warmups = 1
    var inFlight = 4
    var pageSize = 100
    /// This executable, run as a child for our side (`client-list`, `client-download`, ...).
    var clientExecutable: String
    var scriptsDirectory: String
    var venvDirectory: String
    /// Create the Python venv and install the SDK when it is missing.
    var installPeers = true
    var usePython = true
    var useNode = true
    var workDirectory: URL

    static func preset(_ size: String, runs: Int?, clientExecutable: String, workDirectory: URL) -> BenchPlan? {
        switch size {
        case "full":
            return BenchPlan(name: "full", sandboxSize: .demo, annotationCount: 10_000, collectionSize: 200_000,
                             smallCollectionSize: 20_000, tableRows: 100_000, frames: 2_000, runs: runs ?? 5,
                             clientExecutable: clientExecutable, scriptsDirectory: "scripts/bench",
                             venvDirectory: ".build/bench-venv", workDirectory: workDirectory)
        case "quick":
            return BenchPlan(name: "quick", sandboxSize: .small, annotationCount: 500, collectionSize: 5_000,
                             smallCollectionSize: 500, tableRows: 100_000, frames: 300, runs: runs ?? 3,
                             consoleIdleSeconds: 5, consoleListAnnotations: 5_000, faultedRuns: 3,
                             clientExecutable: clientExecutable, scriptsDirectory: "scripts/bench",
                             venvDirectory: ".build/bench-venv", workDirectory: workDirectory)
        default:
            return nil
        }
    }

    /// Runs `body` `warmups` times unmeasured, then `runs` times.
    func measure<T>(_ body: () async throws -> T) async throws -> [T] {
        for _ in 0..<warmups { _ = try await body() }
        var results: [T] = []
        for _ in 0..<runs { results.append(try await body()) }
        return results
    }

    /// `measure` for bodies that block (driving a console through tmux).
    func measureSync<T>(_ body: () throws -> T) throws -> [T] {
        for _ in 0..<warmups { _ = try body() }
        return try (0..<runs).map { _ in try body() }
    }
}

extension Int {
    /// 10000 -> "10,000", for benchmark names.
    var grouped: String {
        let digits = String(self)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}
