import Foundation
import Testing
@testable import rossum_bench

/// Runs every benchmark at a tiny size against the real sandbox, so the bench cannot rot.
/// Asserts what each side produced (counts, valid files, rows on screen), never times.
@Suite struct BenchRunTests {
    /// The built `rossum-bench` next to this test binary: our side runs as a child, like in the bench.
    static var benchExecutable: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // On Linux the test binary is `.build/debug/<package>PackageTests.xctest`.
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("rossum-bench").path
    }

    static func tinyPlan() -> BenchPlan {
        var plan = BenchPlan(name: "tiny", sandboxSize: .small, annotationCount: 120, collectionSize: 600, smallCollectionSize: 200,
                             tableRows: 1_000, frames: 30, runs: 1, consoleIdleSeconds: 1, consoleListAnnotations: 300, faultedRuns: 2,
                             clientExecutable: benchExecutable,
                             scriptsDirectory: "scripts/bench", venvDirectory: ".build/bench-venv",
                             workDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("rossum-bench-test-\(UUID().uuidString)"))
        plan.warmups = 0
        // Never install anything from a test: a missing peer is skipped with a note.
        plan.installPeers = false
        return plan
    }

    @Test func everyBenchmarkRunsAtATinySize() async throws {
        let plan = Self.tinyPlan()
        try #require(FileManager.default.isExecutableFile(atPath: plan.clientExecutable),
                     "build rossum-bench first (swift build --build-tests): \(plan.clientExecutable)")
        defer { try? FileManager.default.removeItem(at: plan.workDirectory) }

        let results = try await BenchRunner.run(plan)

        let list = results.filter { $0.benchmark == "list 120 annotations (pages of 100)" }
        #expect(list.count == 3)
        let ourList = try #require(list.first { $0.side == "RossumKit" })
        #expect(ourList.runs == 1)
        #expect((ourList.peakRSSBytes ?? 0) > 0)
        #expect((ourList.cpuSeconds ?? -1) >= 0)
        let python = try #require(list.first { $0.side == PythonPeer.side })
        if python.runs == 0 {
            #expect(python.note?.hasPrefix("skipped") == true)
            #expect(ourList.met == nil)
        } else {
            #expect(python.oursFasterBy != nil)
            #expect(ourList.met != nil)
        }

        let download = results.filter { $0.benchmark == "download a 600-record collection to a file" }
        #expect(download.map(\.side) == ["RossumKit", NodePeer.side, "sandbox ceiling (1 request)"])
        #expect(download[0].recordsPerSecond != nil)
        #expect(download[0].note?.contains("peak RSS") == true)
        #expect(download[1].runs == 1 || download[1].note?.hasPrefix("skipped") == true)
        #expect(download[2].runs == 1)

        // Both faulted downloads must come out exact (the row says which failed otherwise).
        let faulted = try #require(results.first { $0.benchmark == FaultedDownloadBenchmark.name(600) })
        #expect(faulted.runs == 2)
        #expect(faulted.met == true, "\(faulted.note ?? "")")

        let render = try #require(results.first { $0.benchmark.hasPrefix("render + flush a 200x60 frame") })
        #expect(render.runs == 30)
        #expect(render.p99Seconds != nil && render.wallSeconds != nil)
        #expect(render.met != nil)

        // The console rows drive the real `rossum-tui` in tmux (built next to rossum-bench);
        // each must have measured something, whether or not this busy machine met the target.
        let console = results.filter { $0.side == "rossum-tui" && $0.benchmark != FaultedDownloadBenchmark.name(600) }
        #expect(console.map(\.benchmark) == [ConsoleIdleBenchmark.name, ConsoleIdleBenchmark.demoName, ConsoleStartBenchmark.name,
                                             ConsoleListMemoryBenchmark.name(annotations: 300), ConsoleLatencyBenchmark.name,
                                             ConsoleKeypressBenchmark.name, ConsoleEditKeypressBenchmark.name])
        for row in console {
            #expect(row.runs == 1, "\(row.benchmark): \(row.note ?? "")")
            // The demo's idle row is for comparison only: it has no target.
            #expect((row.met != nil) == (row.benchmark != ConsoleIdleBenchmark.demoName))
        }
        let idle = try #require(console.first)
        #expect((idle.cpuSeconds ?? -1) >= 0)
        #expect((console.dropFirst().first?.cpuSeconds ?? -1) >= 0)
        let start = try #require(console.dropFirst(2).first)
        #expect((start.wallSeconds ?? 0) > 0)
        let memory = try #require(console.dropFirst(3).first)
        #expect((memory.peakRSSBytes ?? 0) > 1_000_000)
        let latency = try #require(console.dropFirst(4).first)
        // The screen cannot show a change before the server made it.
        #expect((latency.wallSeconds ?? -1) > 0)
        let keypress = try #require(console.dropLast().last)
        #expect((keypress.wallSeconds ?? -1) > 0, "a pending row was seen after the key")
        let edit = try #require(console.last)
        #expect((edit.wallSeconds ?? -1) > 0, "an edited value was seen after the key")

        let table = ReportTable.render(results)
        for result in results { #expect(table.contains(result.benchmark)) }
    }

    @Test func renderedFramesShowTheTable() throws {
        let outcome = try RenderBenchmark.measureFrames(rows: 500, frames: 10, warmups: 0)
        #expect(outcome.frameSeconds.count == 10)
        // Each frame draws, then moves the selection a row down: the tenth shows row 10.
        // The text is read back from the curses screen, so it proves the flush happened.
        #expect(outcome.lastFrameText.contains("row 10 of 500"))
    }
}

@Suite struct BenchPartsTests {
    @Test func medianAndPercentiles() {
        #expect(Samples([3, 1, 2]).median == 2)
        #expect(Samples([4, 1, 3, 2]).median == 2.5)
        let hundred = Samples((1...100).map(Double.init))
        #expect(hundred.percentile(99) == 99)
        #expect(hundred.percentile(100) == 100)
        #expect(Samples([]).median.isNaN)
    }

    @Test func downloadedFilesAreCheckedForValidityAndCount() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bench-check-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"[{"a":1},{"a":2}]"#.utf8).write(to: file)
        try DownloadBenchmark.expectRecords(in: file, 2, side: "test")
        #expect(throws: BenchError.self) { try DownloadBenchmark.expectRecords(in: file, 3, side: "test") }
        try Data(#"{"result":[{"a":1}]}"#.utf8).write(to: file)
        try DownloadBenchmark.expectRecords(in: file, 1, side: "test", key: "result")
        try Data(#"[{"a":1},"#.utf8).write(to: file)
        #expect(throws: BenchError.self) { try DownloadBenchmark.expectRecords(in: file, 1, side: "test") }
    }

    @Test func reportRoundTripsThroughJSON() throws {
        var row = BenchResult(benchmark: "b", side: "s", runs: 2)
        row.wallSeconds = 0.5
        row.met = true
        let report = BenchReport(date: "d", machine: "m", size: "quick", runs: 2, results: [row, BenchResult(benchmark: "c", side: "t", note: "not measured")])
        let decoded = try JSONDecoder().decode(BenchReport.self, from: JSONEncoder().encode(report))
        #expect(decoded.results == report.results)
        let table = ReportTable.render(report.results)
        #expect(table.contains("500.0 ms"))
        #expect(table.contains("not measured"))
    }

    @Test func numbersAreGrouped() {
        #expect(200_000.grouped == "200,000")
        #expect(10_000.grouped == "10,000")
        #expect(600.grouped == "600")
    }
}
