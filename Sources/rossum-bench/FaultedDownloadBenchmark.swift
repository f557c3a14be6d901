import Foundation
import RossumSandbox

/// `rossum-tui storage download` (the real command, logging in with a password) against a
/// sandbox that fails like a bad day in production: a fifth of all requests answered 5xx, one
/// in twenty connections dropped, one in twenty bodies cut short, one in ten throttled. Every
/// run must write the whole collection exactly (no record lost, none twice); the time is set
/// against the same download without faults.
enum FaultedDownloadBenchmark {
    static let faults = "error=0.2,drop=0.05,truncate=0.05,throttle=0.1"
    static let target = "every run exits 0 with every record exactly once"

    static func name(_ records: Int) -> String { "download \(records.grouped) records under combined faults" }

    static func run(_ plan: BenchPlan, sandbox: BenchSandbox, runs: Int) async throws -> BenchResult {
        let records = plan.collectionSize
        try await sandbox.seedPurchaseOrders(records)
        guard let console = ConsoleUnderTest.locate(plan) else {
            return BenchResult(benchmark: name(records), side: "rossum-tui", note: "not measured: no rossum-tui next to rossum-bench")
        }
        var environment = console.environment
        environment["ROSSUM_BASE_URL"] = sandbox.apiURL
        environment["ROSSUM_USERNAME"] = sandbox.username
        environment["ROSSUM_PASSWORD"] = sandbox.password
        let file = plan.workDirectory.appendingPathComponent("faulted.json")

        func download() async throws -> (usage: ChildUsage, problem: String?) {
            try? FileManager.default.removeItem(at: file)
            let usage = try await ChildProcess.run(console.executable, ["storage", "download", DownloadBenchmark.collection, "-o", file.path],
                                                   environment: environment)
            guard usage.exitStatus == 0 else {
                return (usage, "exit \(usage.exitStatus): \(usage.standardError.split(separator: "\n").last ?? "")")
            }
            return (usage, exactness(of: file, expected: records))
        }

        await sandbox.server.setFaults(FaultConfiguration())
        let clean = try await download()
        if let problem = clean.problem { throw BenchError.wrongResult("the fault-free download failed: \(problem)") }

        var exact = 0
        var problems: [String] = []
        var times: [Double] = []
        for run in 0..<runs {
            // A different seed each run: fifteen different bad days.
            await sandbox.server.setFaults(try FaultConfiguration(parsing: faults + ",seed=\(run + 1)"))
            let outcome = try await download()
            times.append(outcome.usage.wallSeconds)
            if let problem = outcome.problem { problems.append("run \(run + 1): \(problem)") } else { exact += 1 }
        }
        await sandbox.server.setFaults(FaultConfiguration())

        var row = BenchResult(benchmark: name(records), side: "rossum-tui", runs: runs)
        row.wallSeconds = Samples(times).median
        row.target = target
        row.met = exact == runs
        row.note = String(format: "%d of %d runs exact (%@); median %.2f s vs %.2f s without faults (%.1fx)",
                          exact, runs, faults, Samples(times).median, clean.usage.wallSeconds, Samples(times).median / clean.usage.wallSeconds)
            + (problems.isEmpty ? "" : "; " + problems.prefix(3).joined(separator: "; "))
        return row
    }

    /// Nil when `file` holds exactly `expected` records with distinct `_id`s; else what is wrong.
    static func exactness(of file: URL, expected: Int) -> String? {
        guard let data = try? Data(contentsOf: file),
              let array = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] else {
            return "the file is not a JSON array of records"
        }
        var ids = Set<String>()
        for record in array {
            guard let id = record["_id"] else { return "a record without _id" }
            ids.insert(String(describing: id))
        }
        if array.count != expected { return "\(array.count) records, expected \(expected)" }
        if ids.count != array.count { return "\(array.count - ids.count) records written twice" }
        return nil
    }
}
