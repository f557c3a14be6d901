import Foundation
import RossumSandbox

/// The console (alone, against the bench's sandbox) opens a queue of 100,000 annotations and
/// pages through every row to the last, so its list ends up holding all of them; its resident
/// memory is then read from `/proc`.
enum ConsoleListMemoryBenchmark {
    static let target = "< 200 MB RSS"
    static let limitBytes = 200 * 1_048_576

    static func name(annotations: Int) -> String { "annotation list holding \(annotations.grouped) annotations" }

    static func run(_ plan: BenchPlan, console: ConsoleUnderTest) async throws -> BenchResult {
        let count = plan.consoleListAnnotations
        let size: DemoSize = count > 12_000 ? .large : (count > 500 ? .demo : .small)
        let sandbox = try await BenchSandbox.start(size: size)
        do {
            let queueID = try await sandbox.gatherAnnotations(count)
            let connected = console.connected(to: sandbox, token: try await sandbox.token())
            // A 1 ms delay on annotation requests is the sandbox's way to count them: every
            // run must have asked for at least every page of the list.
            await sandbox.server.setFaults(try FaultConfiguration(parsing: "latency=1ms,prefix=/api/v1/annotations"))
            let server = sandbox.server
            let pages = (count + 99) / 100
            let samples = try await ConsoleBenchmarks.onOwnThread {
                try plan.measureSync {
                    let before = server.faultCounters.matchingRequests
                    let sample = try measureOnce(connected, queueID: queueID, count: count)
                    let requests = server.faultCounters.matchingRequests - before
                    guard requests >= pages else {
                        throw BenchError.wrongResult("the console asked for \(requests) annotation pages, fewer than the list's \(pages)")
                    }
                    return sample
                }
            }
            await sandbox.shutdown()
            var row = BenchResult(benchmark: name(annotations: count), side: "rossum-tui", runs: samples.count)
            let peak = Int(Samples(samples.map { Double($0.peak) }).median)
            row.peakRSSBytes = peak
            row.wallSeconds = Samples(samples.map(\.seconds)).median
            row.cpuSeconds = Samples(samples.map(\.cpuSeconds)).median
            row.target = target
            row.met = peak < limitBytes
            row.note = String(format: "peak RSS after paging through all %@ rows, every page fetched (wall and CPU: from the open list to the last row loaded); %@ just after opening the list",
                              count.grouped, ReportTable.megabytes(Int(Samples(samples.map { Double($0.opened) }).median)))
            return row
        } catch {
            await sandbox.shutdown()
            throw error
        }
    }

    struct Sample {
        var opened: Int
        var peak: Int
        var seconds: Double
        var cpuSeconds: Double
    }

    static func measureOnce(_ console: ConsoleUnderTest, queueID: Int, count: Int) throws -> Sample {
        let pane = try TmuxPane.start([console.executable, "console"], width: 200, height: 60, environment: console.environment)
        defer { pane.kill() }
        try pane.waitFor("the console's first frame", timeout: .seconds(60), ConsoleStartBenchmark.showsLoadedTree)
        try pane.type(":queue \(queueID)")
        try pane.send(["Enter"])
        let total = "(\(count.grouped))"
        try pane.waitFor("the list of queue \(queueID) with \(count.grouped) annotations", timeout: .seconds(60)) {
            $0.contains("Annotations · ") && $0.contains(total) && !$0.contains("loading")
        }
        let probe = ProcessProbe(pid: try pane.processID())
        let opened = try probe.memory().resident
        let started = ContinuousClock.now
        let cpuBefore = try probe.cpuSeconds()
        // Page down through the whole list (the viewport is over 20 rows, so this is enough),
        // in bursts the terminal keeps up with, then make sure the last row is shown.
        var remaining = count / 20 + 1
        while remaining > 0 {
            let burst = min(remaining, 250)
            try pane.send(["NPage"], repeat: burst)
            remaining -= burst
        }
        try pane.send(["G"])
        try pane.waitFor("the last rows loaded", timeout: .seconds(300), interval: .milliseconds(100)) {
            $0.contains(total) && !$0.contains("loading")
        }
        try waitUntilQuiet(probe, timeout: .seconds(120))
        let seconds = (ContinuousClock.now - started).seconds
        let cpu = try probe.cpuSeconds() - cpuBefore
        let peak = try probe.memory().peak
        try pane.send(["q"])
        return Sample(opened: opened, peak: peak, seconds: seconds, cpuSeconds: cpu)
    }

    /// Every page asked for while paging has been answered and stored once the console stops
    /// using CPU: waits for half a second with under 5 ms of it.
    static func waitUntilQuiet(_ probe: ProcessProbe, timeout: Duration) throws {
        let deadline = ContinuousClock.now + timeout
        var last = try probe.cpuSeconds()
        while ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            let now = try probe.cpuSeconds()
            if now - last < 0.005 { return }
            last = now
        }
        throw BenchError.wrongResult("the console kept working for \(timeout) after the last page")
    }
}
