import Foundation
import Testing

/// The real console (its curses loop runs on a thread started from Swift's task pool, whose
/// signal mask blocks SIGINT/SIGTERM/SIGTSTP) under job control and signals: ctrl-z hands the
/// terminal back and `fg` redraws; SIGTERM and SIGINT end it with the signal's status and the
/// terminal restored.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && consolePath() != nil, "tmux or rossum-tui missing; console end-to-end tests skipped"))
struct ConsoleSignalEndToEndTests {
    func pidFile(_ session: TmuxSession) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rossum-tui-e2e-\(UUID().uuidString).pid").path
        session.temporaryPaths.append(path)
        return path
    }

    func pid(in file: String) throws -> Int32 {
        let text = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return try #require(Int32(text), "no pid in \(file): \(text)")
    }

    /// Polls a tmux format until it has `value`, up to `timeout`.
    func waitForDisplay(_ session: TmuxSession, _ format: String, _ value: String, timeout: Duration = .seconds(8)) throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if try session.display(format) == value { return true }
            if ContinuousClock.now >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    @Test func ctrlZGivesTheShellItsPromptAndFgRedrawsTheConsole() throws {
        let session = try TmuxSession(width: 120, height: 35)
        try startDemo(session)
        try session.press("C-z")
        let screen = try session.screen()
        #expect(try waitForDisplay(session, "#{alternate_on}", "0"), "the console kept the terminal:\n\(screen)")
        #expect(try session.display("#{cursor_flag}") == "1")
        try session.typeLine("jobs")
        let stopped = try session.waitFor("Stopped")
        #expect(stopped.matched, "the shell does not list a stopped job:\n\(stopped.screen)")

        try session.typeLine("fg")
        // Back on its screen, drawn whole again: the header and the tree's queues.
        let back = try session.waitForScreen(timeout: .seconds(15)) {
            $0.contains("Workspaces and queues") && $0.range(of: #"  #\d+ "#, options: .regularExpression) != nil
        }
        #expect(back.matched, "no redraw after fg:\n\(back.screen)")
        #expect(try session.display("#{alternate_on}") == "1")
        // Still answering keys: `q` quits cleanly.
        try session.press("q")
        #expect(try waitForDisplay(session, "#{alternate_on}", "0"))
        try session.typeLine("echo DONE-$?")
        #expect(try session.waitFor("DONE-0").matched)
    }

    @Test func sigtermRestoresTheTerminalAndExits143() throws {
        let session = try TmuxSession(width: 120, height: 35)
        let file = pidFile(session)
        try startDemo(session, pidFile: file)
        #expect(kill(try pid(in: file), SIGTERM) == 0)
        let back = try session.waitFor("MARKER-143")
        #expect(back.matched, "no MARKER-143:\n\(back.screen)")
        #expect(!back.screen.contains("Workspaces and queues"))
        #expect(try session.display("#{alternate_on}") == "0")
        #expect(try session.display("#{cursor_flag}") == "1")
    }

    @Test func sigintRestoresTheTerminalAndExits130() throws {
        let session = try TmuxSession(width: 120, height: 35)
        let file = pidFile(session)
        try startDemo(session, pidFile: file)
        #expect(kill(try pid(in: file), SIGINT) == 0)
        #expect(try waitForDisplay(session, "#{alternate_on}", "0"))
        #expect(try session.display("#{cursor_flag}") == "1")
        // An interactive shell drops the rest of a line whose command died of SIGINT, so the
        // status is asked for on the next line.
        try session.typeLine("echo STATUS-$?")
        let status = try session.waitFor("STATUS-130")
        #expect(status.matched, "no STATUS-130:\n\(status.screen)")
    }
}
