import Foundation

/// Prints the results as one plain-text table.
enum ReportTable {
    static let headers = ["benchmark", "side", "runs", "wall (median)", "CPU (median)", "peak RSS", "records/s",
                          "p99", "ours faster", "target", "met", "note"]

    static func render(_ results: [BenchResult]) -> String {
        let rows = results.map(cells)
        var widths = headers.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: " | ")
                .trimmingCharacters(in: .whitespaces)
        }
        var text = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "-|-")]
        text += rows.map(line)
        return text.joined(separator: "\n")
    }

    static func markdown(_ results: [BenchResult]) -> String {
        var text = ["| " + headers.joined(separator: " | ") + " |", "|" + headers.map { _ in "---" }.joined(separator: "|") + "|"]
        text += results.map { "| " + cells($0).map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        return text.joined(separator: "\n")
    }

    static func cells(_ result: BenchResult) -> [String] {
        [
            result.benchmark, result.side, result.runs == 0 ? "-" : String(result.runs),
            result.wallSeconds.map(duration) ?? "-", result.cpuSeconds.map(duration) ?? "-",
            result.peakRSSBytes.map(megabytes) ?? "-", result.recordsPerSecond.map(rate) ?? "-",
            result.p99Seconds.map(duration) ?? "-", result.oursFasterBy.map { String(format: "%.2fx", $0) } ?? "-",
            result.target ?? "-", result.met.map { $0 ? "yes" : "NO" } ?? "-", result.note ?? "",
        ]
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 0.001 { return String(format: "%.0f µs", seconds * 1e6) }
        if seconds < 1 { return String(format: "%.1f ms", seconds * 1e3) }
        return String(format: "%.2f s", seconds)
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }

    static func rate(_ perSecond: Double) -> String {
        perSecond >= 10_000 ? String(format: "%.0fk", perSecond / 1000) : String(format: "%.0f", perSecond)
    }
}
