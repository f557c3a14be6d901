import Foundation

/// `rossum-tui demo --size small` from the moment it is started to the first frame that shows
/// the loaded workspace tree: process start, sandbox seeding, login, the first API calls and
/// the first paint, all included.
enum ConsoleStartBenchmark {
    static let name = "`rossum-tui demo` start to first full frame"
    static let target = "< 500 ms (small seeding included)"

    static func run(_ plan: BenchPlan, console: ConsoleUnderTest) throws -> BenchResult {
        let samples = try plan.measureSync { try measureOnce(plan, console: console) }
        var row = BenchResult(benchmark: name, side: "rossum-tui", runs: samples.count)
        let times = Samples(samples.map(\.seconds))
        row.wallSeconds = times.median
        row.peakRSSBytes = Int(Samples(samples.map { Double($0.peakRSS) }).median)
        row.cpuSeconds = Samples(samples.map(\.cpuSeconds)).median
        row.target = target
        row.met = times.median < 0.5
        row.note = String(format: "slowest %@; the screen is read every 5 ms through tmux", ReportTable.duration(times.percentile(100)))
        return row
    }

    struct Sample {
        var seconds: Double
        var cpuSeconds: Double
        var peakRSS: Int
    }

    /// The pane's shell waits on a FIFO, so tmux's own start is not counted: the clock starts
    /// when the bench releases it and `exec`s the console.
    static func measureOnce(_ plan: BenchPlan, console: ConsoleUnderTest) throws -> Sample {
        let fifo = plan.workDirectory.appendingPathComponent("start-\(UUID().uuidString.prefix(8)).fifo").path
        guard mkfifo(fifo, 0o600) == 0 else { throw BenchError.wrongResult("cannot create \(fifo): \(String(cString: strerror(errno)))") }
        defer { unlink(fifo) }
        let command = ["sh", "-c", "read go < \"$0\" && exec \"$@\"", fifo, console.executable, "demo", "--size", "small"]
        let pane = try TmuxPane.start(command, width: 120, height: 35, environment: console.environment)
        defer { pane.kill() }

        let writer = try openWhenRead(fifo, timeout: .seconds(10))
        let started = ContinuousClock.now
        _ = write(writer, "\n", 1)
        close(writer)
        let (seen, _) = try pane.waitFor("the first full frame of the demo", timeout: .seconds(30), interval: .milliseconds(5), showsLoadedTree)
        let probe = ProcessProbe(pid: try pane.processID())
        let cpu = try probe.cpuSeconds()
        let peak = try probe.memory().peak
        try pane.send(["q"])
        return Sample(seconds: (seen - started).seconds, cpuSeconds: cpu, peakRSS: peak)
    }

    /// The tree has loaded: its title counts workspaces and queues, rows are drawn, and the
    /// footer with the keys is there.
    static func showsLoadedTree(_ screen: String) -> Bool {
        guard let title = screen.range(of: #"Workspaces and queues \([1-9][0-9]* workspaces, [1-9][0-9]* queues\)"#, options: .regularExpression)
        else { return false }
        return screen[title.upperBound...].contains("#") && screen.contains("q quit")
    }

    /// Opens the FIFO for writing once the pane's shell has opened it for reading.
    private static func openWhenRead(_ fifo: String, timeout: Duration) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            let descriptor = open(fifo, O_WRONLY | O_NONBLOCK)
            if descriptor >= 0 { return descriptor }
            guard errno == ENXIO, ContinuousClock.now < deadline else {
                throw BenchError.wrongResult("the console's pane never opened \(fifo)")
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
    }
}
