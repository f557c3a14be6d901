import Foundation
import NcursesBackend
import TerminalUI

/// Renders a 200x60 frame of an annotation table over many rows and flushes it to a curses
/// screen (an off-screen one writing to /dev/null), timing every frame. The selection moves
/// one row per frame, so after the first screenful every frame scrolls and every row is
/// written again: the worst case of the row diff.
enum RenderBenchmark {
    static let width = 200, height = 60
    static let target = "median < 1 ms, p99 < 3 ms"

    /// The fields an annotation list shows, kept as the console keeps them: models in memory,
    /// formatted into rows only when visible.
    struct AnnotationLine {
        var id: Int
        var status: String
        var queue: String
        var document: String
        var created: String
        var modifier: String
        var total: String
    }

    static func lines(_ count: Int) -> [AnnotationLine] {
        let statuses = ["to_review", "reviewing", "confirmed", "exported", "postponed", "rejected", "importing"]
        let queues = ["Invoices EU", "Invoices US", "Receipts", "Purchase orders", "Credit notes"]
        return (0..<count).map { index in
            AnnotationLine(id: 100_000 + index, status: statuses[index % statuses.count], queue: queues[index % queues.count],
                           document: "invoice-\(index)-ACME Corporation Ltd.pdf",
                           created: "2026-11-\(String(format: "%02d", 1 + index % 28)) 1\(index % 10):2\(index % 10)",
                           modifier: "user\(index % 17)@example.com", total: String(format: "%.2f EUR", Double(index % 99_999) / 7))
        }
    }

    struct Outcome {
        var frameSeconds: [Double]
        var cpuSeconds: Double
        /// The selected annotation's id as read back from the screen of the last frame.
        var lastFrameText: String
    }

    static func measureFrames(rows: Int, frames: Int, warmups: Int) throws -> Outcome {
        let data = lines(rows)
        let provider = ComputedRowProvider(rowCount: data.count) { index in
            let line = data[index]
            return TableRow([TableCell(String(line.id)), TableCell(line.status, slot: .accent), TableCell(line.queue),
                             TableCell(line.document), TableCell(line.created), TableCell(line.modifier), TableCell(line.total)])
        }
        let table = TableView(columns: [
            TableColumn("ID", width: .fixed(8), alignment: .right), TableColumn("Status", width: .fixed(11)),
            TableColumn("Queue", width: .fixed(16)), TableColumn("Document", width: .flex(min: 20, weight: 2)),
            TableColumn("Created", width: .fixed(17)), TableColumn("Modified by", width: .flex(min: 12, weight: 1)),
            TableColumn("Total", width: .fixed(14), alignment: .right),
        ])
        let theme = BuiltinThemes.default
        let screen = try CursesScreen.offscreen(width: width, height: height, locale: "C.UTF-8")
        defer { screen.end() }
        var state = ScrollState()

        func frame() {
            var grid = Grid(width: width, height: height)
            _ = grid.put(" Annotations · \(provider.rowCount) ", x: 0, y: 0, style: theme.style(.title))
            table.render(provider, state: &state, in: Rect(x: 0, y: 1, width: width, height: height - 2), into: &grid, theme: theme)
            _ = grid.put(" row \(state.selected + 1) of \(provider.rowCount)", x: 0, y: height - 1, style: theme.style(.muted))
            screen.flush(grid)
            state.move(by: 1, rowCount: provider.rowCount)
        }

        for _ in 0..<warmups { frame() }
        var samples: [Double] = []
        samples.reserveCapacity(frames)
        let cpuBefore = CPUTime.ofSelf()
        let clock = ContinuousClock()
        for _ in 0..<frames {
            let started = clock.now
            frame()
            samples.append((clock.now - started).seconds)
        }
        let cpu = CPUTime.ofSelf() - cpuBefore
        let lastText = (0..<width).map { screen.cell(x: $0, y: height - 1).text }.joined()
        return Outcome(frameSeconds: samples, cpuSeconds: cpu, lastFrameText: lastText)
    }

    static func run(_ plan: BenchPlan) throws -> [BenchResult] {
        let outcome = try measureFrames(rows: plan.tableRows, frames: plan.frames, warmups: max(50, plan.frames / 10))
        let samples = Samples(outcome.frameSeconds)
        var row = BenchResult(benchmark: "render + flush a \(width)x\(height) frame of a \(plan.tableRows.grouped)-row annotation table",
                              side: "TerminalUI + NcursesBackend", runs: plan.frames)
        row.wallSeconds = samples.median
        row.p99Seconds = samples.percentile(99)
        row.cpuSeconds = outcome.cpuSeconds / Double(plan.frames)
        row.target = target
        row.met = samples.median < 0.001 && samples.percentile(99) < 0.003
        row.note = "per frame; every frame scrolls one row, so all rows are written"
        return [row]
    }
}

/// User + system CPU time of this process (getrusage(RUSAGE_SELF)).
enum CPUTime {
    static func ofSelf() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_utime.seconds + usage.ru_stime.seconds
    }
}
