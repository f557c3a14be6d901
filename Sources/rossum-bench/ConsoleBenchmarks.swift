import Foundation

/// The benchmarks that need the console's demo mode (`rossum-tui demo`). Until that command
/// exists next to this executable, their rows say so instead of showing a number.
enum ConsoleBenchmarks {
    static let rows: [(name: String, target: String)] = [
        ("console idle 30 s in demo mode, monitor polling 10 running operations", "< 0.5% of one core"),
        ("`rossum-tui demo` start to first full frame", "< 500 ms (small seeding included)"),
        ("annotation list holding 100,000 annotations", "< 200 MB RSS"),
        ("status change on the server to the monitor showing it", "poll interval + < 100 ms"),
    ]

    static func run(_ plan: BenchPlan) async -> [BenchResult] {
        let console = URL(fileURLWithPath: plan.clientExecutable).deletingLastPathComponent().appendingPathComponent("rossum-tui").path
        var hasDemo = false
        if FileManager.default.isExecutableFile(atPath: console) {
            hasDemo = (try? await ChildProcess.run(console, ["demo", "--help"])) != nil
        }
        let note = hasDemo
            ? "not measured: `rossum-tui demo` exists but this bench does not drive it yet"
            : "not measured: console not available (no `rossum-tui demo` in this build)"
        return rows.map { row in
            var result = BenchResult(benchmark: row.name, side: "rossum-tui", note: note)
            result.target = row.target
            return result
        }
    }
}
