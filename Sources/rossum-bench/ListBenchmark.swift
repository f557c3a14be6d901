import Foundation

/// Lists every annotation of the sandbox (pages of 100, 4 requests in flight) with our client
/// and with the Python SDK, each as a child process.
enum ListBenchmark {
    static let target = ">= 2x faster than the Python SDK, lower peak RSS"

    static func run(_ plan: BenchPlan, sandbox: BenchSandbox, python: PeerAvailability) async throws -> [BenchResult] {
        let count = try await sandbox.keepAnnotations(plan.annotationCount)
        let name = "list \(count.grouped) annotations (pages of \(plan.pageSize))"

        let ours = try await plan.measure {
            let usage = try await ChildProcess.run(plan.clientExecutable, [
                "client-list", "--base-url", sandbox.apiURL, "--username", sandbox.username, "--password", sandbox.password,
                "--in-flight", String(plan.inFlight), "--page-size", String(plan.pageSize)])
            try expectCount(usage, count, side: "RossumKit")
            return usage
        }
        var oursRow = BenchResult(benchmark: name, side: "RossumKit", usages: ours, records: count)
        oursRow.target = target

        var peerRow: BenchResult
        switch python {
        case .skipped(let reason):
            peerRow = BenchResult(benchmark: name, side: PythonPeer.side, note: reason)
            oursRow.note = "target not checked: Python peer missing"
        case .ready(let executable):
            let script = plan.scriptsDirectory + "/list_annotations.py"
            let peer = try await plan.measure {
                let usage = try await ChildProcess.run(executable, [
                    script, sandbox.apiURL, sandbox.username, sandbox.password, String(plan.inFlight)])
                try expectCount(usage, count, side: PythonPeer.side)
                return usage
            }
            peerRow = BenchResult(benchmark: name, side: PythonPeer.side, usages: peer, records: count)
            let speedup = peerRow.wallSeconds! / oursRow.wallSeconds!
            peerRow.oursFasterBy = speedup
            oursRow.met = speedup >= 2 && oursRow.peakRSSBytes! < peerRow.peakRSSBytes!
            oursRow.note = String(format: "%.2fx faster, RSS %.0f%% of the SDK's", speedup,
                                  100 * Double(oursRow.peakRSSBytes!) / Double(peerRow.peakRSSBytes!))
        }
        let ceiling = BenchResult(benchmark: name, side: "sandbox ceiling",
                                  note: "not measured: the API serves at most 100 annotations per page, so no single request holds them all")
        return [oursRow, peerRow, ceiling]
    }

    static func expectCount(_ usage: ChildUsage, _ expected: Int, side: String) throws {
        let listed = Int(usage.standardOutput.trimmedText.split(separator: "\n").last ?? "")
        guard listed == expected else {
            throw BenchError.wrongResult("\(side) listed \(listed.map(String.init) ?? "?") annotations, expected \(expected)")
        }
    }
}

enum BenchError: Error, CustomStringConvertible {
    case wrongResult(String)
    var description: String {
        switch self {
        case .wrongResult(let detail): return "wrong result: \(detail)"
        }
    }
}
