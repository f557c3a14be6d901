import Foundation
import RossumKit
import Testing

/// "Why did this export fail, and is it fixed?" in the real `rossum-tui demo` in tmux: the
/// failed exports across queues, the case file naming the failing hook, the annotation's hook
/// runs, a replay of the run, and the export retried, checked on the server.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && consolePath() != nil, "tmux or rossum-tui missing; console end-to-end tests skipped"))
struct DiagnosisEndToEndTests {
    @Test func failedExportToCaseFileToHookRunToReplayToRetry() async throws {
        let session = try TmuxSession(width: 120, height: 35)
        let port = try startDemo(session, extra: "--no-live")
        let api = try RossumClient(baseURL: "http://127.0.0.1:\(port)/api/v1",
                                   credentials: .credentials(username: "demo@rossum.local", password: "demo-password"))

        // Every queue's failed exports, the first one selected.
        try session.press(":")
        try session.type("failed-exports")
        try session.press("Enter")
        let listed = try session.waitForScreen(timeout: .seconds(15)) { $0.range(of: #"(?m)^ +\d+ failed export"#, options: .regularExpression) != nil }
        try #require(listed.matched, "no failed exports listed:\n\(listed.screen)")
        let row = try #require(listed.screen.range(of: #"(?m)^ +\d+ failed export"#, options: .regularExpression))
        let id = try #require(Int(listed.screen[row].split(separator: " ").first ?? ""))
        func exportRuns() async throws -> Int {
            try await api.hooks.runData(filters: ["annotation": QueryValue(id)]).filter { $0.action == "export" }.count
        }
        let runsBefore = try await exportRuns()

        // The case file says why: the failing hook and its answer.
        try session.press("w")
        let file = try session.waitFor("Export failed: ", timeout: .seconds(15))
        #expect(file.matched, "no headline in the case file of #\(id):\n\(file.screen)")
        #expect(file.screen.contains("Why #\(id) is failed export"))

        // Its hook runs; the newest export run whole; then replayed through the hook test.
        try session.press("L")
        let runs = try session.waitForScreen(timeout: .seconds(15)) { $0.contains("Hook runs (") && $0.contains("ERP export") }
        try #require(runs.matched, "no hook runs of #\(id):\n\(runs.screen)")
        // Only the export hook's runs: the newest is selected; enter shows it whole.
        // The line starts with the annotation's filter; the hook narrows it further.
        try session.press("/")
        try session.type(" hook:\"ERP export\"")
        try session.press("Enter")
        let filtered = try session.waitForScreen(timeout: .seconds(15)) { screen in
            let rows = screen.split(separator: "\n").filter { $0.range(of: #"^ +\d\d-\d\d \d\d:\d\d"#, options: .regularExpression) != nil }
            return screen.contains("/hook:") && !rows.isEmpty && rows.allSatisfy { $0.contains("ERP export") }
        }
        try #require(filtered.matched, "the filter did not narrow to the export hook:\n\(filtered.screen)")
        try session.press("Enter")
        let whole = try session.waitFor("\"request\" : {", timeout: .seconds(5))
        #expect(whole.matched, "the run is not shown whole:\n\(whole.screen)")
        // One key at a time: escape and a letter sent together read as alt and the letter.
        try session.press("Escape")
        #expect(try session.waitFor("R replay", timeout: .seconds(5)).matched)
        try session.press("R")
        #expect(try session.waitFor("Replay ERP export on #\(id)?", timeout: .seconds(5)).matched, "R asked nothing")
        try session.press("Right")
        try session.press("Enter")
        let replayed = try session.waitFor("Logged answer", timeout: .seconds(15))
        #expect(replayed.matched, "no replay report:\n\(replayed.screen)")
        #expect(try await exportRuns() == runsBefore, "a replay is a test: nothing is logged as a run")

        // Back to the case file: E asks, the export runs again once.
        for back in ["R replay", "Why #\(id)"] {
            try session.press("Escape")
            #expect(try session.waitFor(back, timeout: .seconds(5)).matched, "not back at \(back)")
        }
        try session.press("E")
        let dialog = try session.waitFor("Retry export annotation #\(id)?", timeout: .seconds(5))
        try #require(dialog.matched, "E asked nothing:\n\(dialog.screen)")
        try session.press("Enter")
        let deadline = ContinuousClock.now + .seconds(20)
        while try await exportRuns() == runsBefore, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(try await exportRuns() == runsBefore + 1, "one retry, one export run")
        let status = try await api.annotations.retrieve(id).status?.rawValue
        #expect(["exporting", "exported", "failed_export"].contains(status ?? ""), "\(status ?? "nil")")
        try session.press("q")
    }
}
