import Foundation
import Testing

/// Drives the real `terminal-harness` binary in a detached tmux session: what a user sees,
/// and that the terminal is handed back in order however the program ends.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct HarnessEndToEndTests {
    func start(_ session: TmuxSession, arguments: String = "") throws -> String {
        let harness = try #require(harnessPath(), "terminal-harness is not built (swift build --build-tests)")
        try session.typeLine("'\(harness)' \(arguments); echo MARKER-$?")
        // The header and the footer: the whole first frame, not a capture taken mid-paint.
        let drawn = try session.waitForScreen { $0.contains("row 1/") && $0.contains("enter Open") }
        #expect(drawn.matched, "harness did not draw:\n\(drawn.screen)")
        return drawn.screen
    }

    /// After the program ends: the shell's marker shows, the alternate screen is left,
    /// the cursor is visible again and the harness's screen is gone.
    func expectRestored(_ session: TmuxSession, status: String) throws {
        let back = try session.waitFor("MARKER-\(status)")
        #expect(back.matched, "no MARKER-\(status):\n\(back.screen)")
        #expect(try session.display("#{alternate_on}") == "0")
        #expect(try session.display("#{cursor_flag}") == "1")
        #expect(!back.screen.contains("row 1/"))
    }

    @Test func drawsNavigatesResizesAndQuitsCleanly() throws {
        let session = try TmuxSession(width: 120, height: 35)
        let screen = try start(session, arguments: "--rows 100000")
        #expect(try session.display("#{alternate_on}") == "1")
        #expect(screen.contains("row 1/100000 · marked 0 · 120x35"))
        // Mixed-script names line up: every table row's size column ends in the same column.
        let tableLines = screen.split(separator: "\n").map(String.init).filter { $0.contains(" kB") }
        #expect(tableLines.count > 20)
        #expect(tableLines.contains { $0.contains("山田 太郎") } && tableLines.contains { $0.contains("Jiří Dvořák") })
        #expect(Set(tableLines.compactMap { displayColumn(of: " kB", in: $0) }).count == 1, "columns misaligned:\n\(tableLines.joined(separator: "\n"))")

        try session.press("j", "j", "j")
        #expect(try session.waitFor("row 4/100000").matched)
        try session.press("G")
        #expect(try session.waitFor("row 100000/100000").matched)

        // The confirmation focuses Cancel: enter cancels.
        try session.press("d")
        #expect(try session.waitFor("Delete row 100000?").matched)
        try session.press("Enter")
        let afterCancel = try session.waitForScreen { !$0.contains("Delete row 100000?") }
        #expect(afterCancel.matched && !afterCancel.screen.contains("Deleted row"))

        // Command line with completion, then a flash message.
        try session.press(":")
        try session.type("fl")
        try session.press("Tab", "Enter")
        #expect(try session.waitFor("Hello from the command line").matched)

        // A background job posts back to the loop.
        try session.press("b")
        #expect(try session.waitFor("Background job 1 finished").matched)

        // Resizes, including below the minimum size, and back.
        try session.resize(width: 60, height: 20)
        #expect(try session.waitFor("60x20").matched)
        try session.resize(width: 30, height: 8)
        #expect(try session.waitFor("Terminal too small").matched)
        for (w, h) in [(1, 1), (200, 50), (5, 3), (90, 30)] { try session.resize(width: w, height: h) }
        #expect(try session.waitFor("90x30").matched)

        try session.press("q")
        try expectRestored(session, status: "0")
    }

    @Test func sigtermRestoresTheTerminalAndExitsWithTheSignal() throws {
        let session = try TmuxSession(width: 100, height: 30)
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("harness-\(UUID().uuidString).pid").path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        _ = try start(session, arguments: "--pid-file '\(pidFile)'")
        let pidText = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(Int32(pidText))
        #expect(kill(pid, SIGTERM) == 0)
        try expectRestored(session, status: "143")
    }

    @Test func aCrashStillRestoresTheTerminal() throws {
        let session = try TmuxSession(width: 100, height: 30)
        _ = try start(session)
        try session.press("!")
        // A Swift runtime trap is SIGILL (132) on x86-64, SIGTRAP (133) on arm64.
        let back = try session.waitForScreen { $0.contains("MARKER-132") || $0.contains("MARKER-133") }
        #expect(back.matched, "no crash marker:\n\(back.screen)")
        #expect(try session.display("#{alternate_on}") == "0")
        #expect(try session.display("#{cursor_flag}") == "1")
    }

    @Test func ctrlZSuspendsToTheShellAndFgRedraws() throws {
        let session = try TmuxSession(width: 100, height: 30)
        _ = try start(session)
        try session.press("j")
        #expect(try session.waitFor("row 2/").matched)
        try session.press("C-z")
        let stopped = try session.waitFor("Stopped")
        #expect(stopped.matched, "shell did not report the stop:\n\(stopped.screen)")
        #expect(try session.display("#{alternate_on}") == "0")
        #expect(try session.display("#{cursor_flag}") == "1")
        try session.typeLine("fg")
        let back = try session.waitFor("row 2/")
        #expect(back.matched, "no redraw after fg:\n\(back.screen)")
        #expect(try session.display("#{alternate_on}") == "1")
        try session.press("q")
        // The shell already printed the marker when the job stopped; now the prompt returns.
        let done = try session.waitForScreen { $0.contains("$ fg") && !$0.contains("row 2/") }
        #expect(done.matched, "harness did not end:\n\(done.screen)")
        #expect(try session.display("#{alternate_on}") == "0")
        #expect(try session.display("#{cursor_flag}") == "1")
    }

    @Test func readOnlyModeHidesDangerousActions() throws {
        let session = try TmuxSession(width: 120, height: 35)
        let screen = try start(session, arguments: "--read-only")
        #expect(!screen.contains("d Delete"))
        try session.press("d", "?")
        // The whole help: its title and its last entry (a capture can catch the box half drawn).
        let help = try session.waitForScreen { $0.contains("Keys") && $0.contains("Crash on purpose") }
        #expect(help.matched, "the help did not show the harness's own actions:\n\(help.screen)")
        #expect(!help.screen.contains("Delete row") && !help.screen.contains("Delete the selected row"))
        // Wait for the help to close: an ESC followed at once by q would read as alt-q.
        try session.press("Escape")
        #expect(try session.waitForScreen { !$0.contains("Crash on purpose") }.matched)
        try session.press("q")
        try expectRestored(session, status: "0")
    }
}
