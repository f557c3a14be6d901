import Foundation

/// The benchmarks the runner knows, by the name `--only` takes.
enum BenchmarkKind: String, CaseIterable, Sendable {
    case list, download, faults, render, console
}

/// Starts a fresh sandbox, prepares the peers and runs the chosen benchmarks in order.
enum BenchRunner {
    static func run(_ plan: BenchPlan, only kinds: Set<BenchmarkKind> = Set(BenchmarkKind.allCases),
                    log: (String) -> Void = { _ in }) async throws -> [BenchResult] {
        try FileManager.default.createDirectory(at: plan.workDirectory, withIntermediateDirectories: true)
        var results: [BenchResult] = []
        if kinds.contains(.list) || kinds.contains(.download) || kinds.contains(.faults) {
            log("starting the sandbox (\(plan.sandboxSize.rawValue))")
            let sandbox = try await BenchSandbox.start(size: plan.sandboxSize)
            do {
                if kinds.contains(.list) {
                    let python = await PythonPeer.prepare(plan)
                    log("list: Python peer \(python.summary)")
                    results += try await ListBenchmark.run(plan, sandbox: sandbox, python: python)
                }
                if kinds.contains(.download) {
                    let node = await NodePeer.prepare(plan)
                    log("download: Node.js peer \(node.summary)")
                    results += try await DownloadBenchmark.run(plan, sandbox: sandbox, node: node)
                }
                if kinds.contains(.faults) {
                    log("faults: \(plan.faultedRuns) downloads under \(FaultedDownloadBenchmark.faults)")
                    results.append(try await FaultedDownloadBenchmark.run(plan, sandbox: sandbox, runs: plan.faultedRuns))
                }
            } catch {
                await sandbox.shutdown()
                throw error
            }
            await sandbox.shutdown()
        }
        if kinds.contains(.render) {
            log("render: \(plan.frames) frames")
            results += try RenderBenchmark.run(plan)
        }
        if kinds.contains(.console) {
            results += await ConsoleBenchmarks.run(plan, log: log)
        }
        return results
    }
}

extension PeerAvailability {
    var summary: String {
        switch self {
        case .ready(let executable): return "ready (\(executable))"
        case .skipped(let reason): return reason
        }
    }
}
