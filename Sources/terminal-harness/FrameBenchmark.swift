import NcursesBackend
import TerminalUI

/// `--bench-frames N`: renders the demo table (scrolling one row per frame, so every row
/// changes) and flushes it to an off-screen curses screen, then prints median timings.
enum FrameBenchmark {
    static func run(frames: Int, rows: Int, width: Int, height: Int) throws {
        let screen = try CursesScreen.offscreen(width: width, height: height, locale: "C.UTF-8")
        defer { screen.end() }
        let keyMap = try KeyMap(actions: HarnessApp.actions)
        var app = HarnessApp(totalRows: rows, keyMap: keyMap, theme: BuiltinThemes.default)
        app.width = width
        app.height = height
        var renderTimes: [Duration] = []
        var flushTimes: [Duration] = []
        let clock = ContinuousClock()
        for _ in 0..<frames {
            app.scroll.move(by: 1, rowCount: rows)
            var grid = Grid(width: 0, height: 0)
            let now = clock.now
            renderTimes.append(clock.measure { grid = app.render(now: now) })
            flushTimes.append(clock.measure { screen.flush(grid) })
        }
        func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }
        let total = zip(renderTimes, flushTimes).map { $0 + $1 }
        func microseconds(_ d: Duration) -> Int { Int(d / .microseconds(1)) }
        print("frames \(frames) of \(width)x\(height), \(rows) rows (µs, median/min): render \(microseconds(median(renderTimes)))/\(microseconds(renderTimes.min()!)), flush \(microseconds(median(flushTimes)))/\(microseconds(flushTimes.min()!)), render+flush \(microseconds(median(total)))/\(microseconds(total.min()!))")
    }
}
