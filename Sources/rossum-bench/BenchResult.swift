/// One row of the report: one side (our client or a peer) of one benchmark.
struct BenchResult: Codable, Sendable, Equatable {
    var benchmark: String
    var side: String
    /// Measured runs (after the warm-up); 0 when the row was not measured.
    var runs: Int
    var wallSeconds: Double?
    var cpuSeconds: Double?
    var peakRSSBytes: Int?
    var recordsPerSecond: Double?
    /// Per-frame p99 of the render benchmark.
    var p99Seconds: Double?
    /// On a peer's row: how many times faster our client is (peer wall time / ours).
    var oursFasterBy: Double?
    var target: String?
    /// nil when the target could not be checked (a peer missing, nothing measured).
    var met: Bool?
    /// Why a row was skipped or not measured, or what else it shows.
    var note: String?

    init(benchmark: String, side: String, runs: Int = 0, note: String? = nil) {
        self.benchmark = benchmark
        self.side = side
        self.runs = runs
        self.note = note
    }

    init(benchmark: String, side: String, usages: [ChildUsage], records: Int?) {
        self.init(benchmark: benchmark, side: side, runs: usages.count)
        let wall = Samples(usages.map(\.wallSeconds)).median
        wallSeconds = wall
        cpuSeconds = Samples(usages.map(\.cpuSeconds)).median
        peakRSSBytes = Int(Samples(usages.map { Double($0.peakRSSBytes) }).median)
        if let records { recordsPerSecond = Double(records) / wall }
    }
}

/// The whole run, as written by `--json`.
struct BenchReport: Codable, Sendable {
    var date: String
    var machine: String
    var size: String
    var runs: Int
    var results: [BenchResult]
}
