import Glibc
import NcursesBackend
import TerminalUI

// A demo screen for the terminal engine, driven by the end-to-end tests in tmux:
// a table of many rows with mixed-script names, dialogs, a flash line, a spinner.
//   terminal-harness [--rows N] [--pid-file PATH] [--theme NAME] [--themes-dir DIR] [--read-only] [--mouse]

@main
struct TerminalHarness {
    static func main() {
        var rowCount = 100_000
        var pidFile: String?
        var themeName: String?
        var themeDirectories: [String] = []
        var readOnly = false
        var mouse = false
        var benchFrames: Int?
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            switch argument {
            case "--rows": rowCount = arguments.next().flatMap { Int($0) } ?? rowCount
            case "--pid-file": pidFile = arguments.next()
            case "--theme": themeName = arguments.next()
            case "--themes-dir": themeDirectories.append(arguments.next() ?? "themes")
            case "--read-only": readOnly = true
            case "--mouse": mouse = true
            case "--bench-frames": benchFrames = arguments.next().flatMap { Int($0) }
            default:
                printError("unknown argument \(argument)")
                Glibc.exit(2)
            }
        }
        if let benchFrames {
            do {
                try FrameBenchmark.run(frames: benchFrames, rows: rowCount, width: 200, height: 60)
            } catch {
                printError("terminal-harness: \(error)")
                Glibc.exit(1)
            }
            return
        }
        if let pidFile, let file = fopen(pidFile, "w") {
            fputs("\(getpid())\n", file)
            fclose(file)
        }

        var environment: [String: String] = [:]
        if let noColor = getenv("NO_COLOR") { environment["NO_COLOR"] = String(cString: noColor) }
        let resolution = ThemeLoader.resolve(name: themeName, directories: themeDirectories, environment: environment, colorCount: 256)
        let keyMap: KeyMap
        do {
            keyMap = try KeyMap(actions: HarnessApp.actions, readOnly: readOnly)
        } catch {
            printError("\(error)")
            Glibc.exit(1)
        }

        do {
            let loop = try TerminalLoop<HarnessEvent>(options: TerminalOptions(minimumWidth: 40, minimumHeight: 10, mouse: mouse, colors: environment["NO_COLOR"] == nil))
            var app = HarnessApp(totalRows: rowCount, keyMap: keyMap, theme: resolution.theme)
            let startedAt = ContinuousClock.now
            if let problem = resolution.problems.first { app.flash.post(problem.description, level: .error, now: startedAt) }
            try loop.run { input in
                let now = ContinuousClock.now
                switch input {
                case .resize(let width, let height):
                    app.width = width
                    app.height = height
                case .key(let key):
                    switch app.handle(key: key, now: now) {
                    case .quit: return .quit
                    case .crash: fatalError("crash requested from the keyboard")
                    case .continueRunning: break
                    }
                    if let job = app.startJob {
                        app.startJob = nil
                        // Background work on another thread posts its result back to the loop.
                        Task.detached {
                            try? await Task.sleep(for: .milliseconds(200))
                            loop.post(.backgroundDone(job))
                        }
                    }
                case .mouse(let event):
                    if event.kind == .wheelDown { app.scroll.move(by: 3, rowCount: app.rows.rowCount) }
                    if event.kind == .wheelUp { app.scroll.move(by: -3, rowCount: app.rows.rowCount) }
                    if event.kind == .press, let row = app.table.rowIndex(atScreenY: event.y, in: app.tableRect, state: app.scroll, rowCount: app.rows.rowCount) {
                        app.scroll.select(row, rowCount: app.rows.rowCount)
                    }
                case .paste:
                    // The demo has no text field outside its prompts; a paste is not keys.
                    app.flash.post("paste ignored", level: .warn, now: now)
                case .event(.backgroundDone(let job)):
                    app.flash.post("Background job \(job) finished", now: now)
                case .tick:
                    app.flash.expire(at: now)
                }
                return .draw(app.render(now: now), wakeAt: app.nextDeadline(now: now))
            }
        } catch {
            printError("terminal-harness: \(error)")
            Glibc.exit(1)
        }
    }
}

/// Writes a line to standard error (never while curses owns the screen).
func printError(_ message: String) {
    let line = message + "\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
}
