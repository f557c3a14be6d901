import ArgumentParser
import Foundation

@main
struct RossumBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rossum-bench",
        abstract: "Benchmarks of RossumKit, the terminal engine and the console, side by side with their peers.",
        subcommands: [RunBenchmarks.self, ClientList.self, ClientDownload.self, ClientFindOnce.self],
        defaultSubcommand: RunBenchmarks.self)
}

struct RunBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the benchmarks against a fresh sandbox and print one table (the default).")

    @Option(help: "Measured runs per side after one warm-up (default 5 for full, 3 for quick).") var runs: Int?
    @Option(help: "full (the issue's sizes) or quick.") var size = "full"
    @Option(help: "Also write the results as JSON to this file.") var json: String?
    @Option(help: "Benchmarks to run, comma-separated: list, download, faults, render, console.") var only: String?
    @Flag(help: "Also print the table as Markdown.") var markdown = false
    @Flag(help: "Never install the Python SDK; skip the Python peer when it is missing.") var noInstall = false
    @Flag(help: "Skip the Python SDK peer.") var noPython = false
    @Flag(help: "Skip the Node.js peer.") var noNode = false

    func run() async throws {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("rossum-bench-\(getpid())")
        guard var plan = BenchPlan.preset(size, runs: runs, clientExecutable: executable, workDirectory: work) else {
            throw ValidationError("--size must be full or quick")
        }
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1") }
        plan.installPeers = !noInstall
        plan.usePython = !noPython
        plan.useNode = !noNode
        var kinds = Set(BenchmarkKind.allCases)
        if let only {
            kinds = []
            for name in only.split(separator: ",") {
                guard let kind = BenchmarkKind(rawValue: String(name).trimmedText) else {
                    throw ValidationError("--only: unknown benchmark \"\(name)\" (list, download, faults, render, console)")
                }
                kinds.insert(kind)
            }
        }
        guard FileManager.default.fileExists(atPath: plan.scriptsDirectory) else {
            throw ValidationError("run from the package root: \(plan.scriptsDirectory) not found")
        }
        defer { try? FileManager.default.removeItem(at: work) }

        let results = try await BenchRunner.run(plan, only: kinds) { message in
            FileHandle.standardError.write(Data("rossum-bench: \(message)\n".utf8))
        }
        print(ReportTable.render(results))
        if markdown { print("\n" + ReportTable.markdown(results)) }
        if let json {
            let report = BenchReport(date: ISO8601DateFormatter().string(from: Date()), machine: Self.machine(), size: plan.name,
                                     runs: plan.runs, results: results)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: json))
        }
    }

    static func machine() -> String {
        "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GB, \(ProcessInfo.processInfo.operatingSystemVersionString)"
    }
}
