import Foundation

/// Downloads the `purchase_orders` collection to a file with our client, with the guide's
/// Node.js algorithm, and in one single request (the sandbox's ceiling).
enum DownloadBenchmark {
    static let collection = "purchase_orders"
    static let target = ">= 3x the Node.js script's records/s; peak RSS at the big size within 20% of the small size's"

    static func run(_ plan: BenchPlan, sandbox: BenchSandbox, node: PeerAvailability) async throws -> [BenchResult] {
        let token = try await sandbox.token()
        let ourFile = plan.workDirectory.appendingPathComponent("rossumkit.json")

        // Peak RSS at the small size first: it must stay flat as the collection grows.
        try await sandbox.seedPurchaseOrders(plan.smallCollectionSize)
        let small = try await plan.measure { try await runOurs(plan, sandbox: sandbox, token: token, file: ourFile) }
        try expectRecords(in: ourFile, plan.smallCollectionSize, side: "RossumKit")
        let smallRSS = Int(Samples(small.map { Double($0.peakRSSBytes) }).median)

        let size = plan.collectionSize
        try await sandbox.seedPurchaseOrders(size)
        let name = "download a \(size.grouped)-record collection to a file"
        let ours = try await plan.measure { try await runOurs(plan, sandbox: sandbox, token: token, file: ourFile) }
        try expectRecords(in: ourFile, size, side: "RossumKit")
        var oursRow = BenchResult(benchmark: name, side: "RossumKit", usages: ours, records: size)
        oursRow.target = target
        let rssGrowth = Double(oursRow.peakRSSBytes!) / Double(smallRSS)
        let rssNote = String(format: "peak RSS %@ at %@ vs %@ at %@ (%+.0f%%)", ReportTable.megabytes(oursRow.peakRSSBytes!),
                             size.grouped, ReportTable.megabytes(smallRSS), plan.smallCollectionSize.grouped, (rssGrowth - 1) * 100)

        var nodeRow: BenchResult
        switch node {
        case .skipped(let reason):
            nodeRow = BenchResult(benchmark: name, side: NodePeer.side, note: reason)
            oursRow.note = rssNote + "; speed target not checked: Node.js peer missing"
        case .ready(let executable):
            let file = plan.workDirectory.appendingPathComponent("node.json")
            let script = plan.scriptsDirectory + "/download-collection.mjs"
            let peer = try await plan.measure {
                try await ChildProcess.run(executable, [script, sandbox.dataStorageURL, token, collection, file.path])
            }
            try expectRecords(in: file, size, side: NodePeer.side)
            nodeRow = BenchResult(benchmark: name, side: NodePeer.side, usages: peer, records: size)
            let speedup = oursRow.recordsPerSecond! / nodeRow.recordsPerSecond!
            nodeRow.oursFasterBy = speedup
            oursRow.met = speedup >= 3 && rssGrowth <= 1.2
            oursRow.note = String(format: "%.2fx the Node.js records/s; ", speedup) + rssNote
        }

        let ceilingFile = plan.workDirectory.appendingPathComponent("ceiling.json")
        let ceilingRuns = try await plan.measure {
            try await ChildProcess.run(plan.clientExecutable, [
                "client-find-once", "--base-url", sandbox.apiURL, "--token", token, "--collection", collection,
                "--limit", String(size), "--output", ceilingFile.path])
        }
        try expectRecords(in: ceilingFile, size, side: "sandbox ceiling", key: "result")
        var ceilingRow = BenchResult(benchmark: name, side: "sandbox ceiling (1 request)", usages: ceilingRuns, records: size)
        ceilingRow.oursFasterBy = ceilingRow.wallSeconds! / oursRow.wallSeconds!
        ceilingRow.note = String(format: "our client reaches %.0f%% of the one-request rate", 100 * oursRow.recordsPerSecond! / ceilingRow.recordsPerSecond!)
        return [oursRow, nodeRow, ceilingRow]
    }

    private static func runOurs(_ plan: BenchPlan, sandbox: BenchSandbox, token: String, file: URL) async throws -> ChildUsage {
        // Every run writes a new file, like a nightly job's first run (no old file to replace).
        try? FileManager.default.removeItem(at: file)
        return try await ChildProcess.run(plan.clientExecutable, [
            "client-download", "--base-url", sandbox.apiURL, "--token", token, "--collection", collection, "--output", file.path])
    }

    /// The file must be valid JSON holding exactly `expected` records (an array, or an
    /// object whose `key` is the array).
    static func expectRecords(in file: URL, _ expected: Int, side: String, key: String? = nil) throws {
        let data = try Data(contentsOf: file)
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data) } catch {
            throw BenchError.wrongResult("\(side) wrote a file that is not valid JSON: \(error)")
        }
        let records: Any? = key.map { (parsed as? [String: Any])?[$0] as Any } ?? parsed
        guard let array = records as? [Any], array.count == expected else {
            throw BenchError.wrongResult("\(side) wrote \((records as? [Any])?.count ?? -1) records, expected \(expected)")
        }
    }
}
