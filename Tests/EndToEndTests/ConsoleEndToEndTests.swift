import Foundation
import RossumKit
import Testing

/// The real `rossum-tui demo` in tmux: walk tree -> queue -> list -> detail, confirm one
/// annotation and check it on the server, bulk-postpone three, start an upsert and watch its
/// operation finish in the monitor, resize, quit with the terminal restored; then read-only.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && consolePath() != nil, "tmux or rossum-tui missing; console end-to-end tests skipped"))
struct ConsoleEndToEndTests {
    static let username = "demo@rossum.local"
    static let password = "demo-password"

    func client(port: Int) throws -> RossumClient {
        try RossumClient(baseURL: "http://127.0.0.1:\(port)/api/v1", credentials: .credentials(username: Self.username, password: Self.password))
    }

    /// `Confirm annotation #123?` -> 123
    func id(after prefix: String, in screen: String) -> Int? {
        guard let range = screen.range(of: prefix) else { return nil }
        return Int(screen[range.upperBound...].prefix { $0.isNumber })
    }

    @Test func triageUpsertResizeAndQuit() async throws {
        let session = try TmuxSession(width: 120, height: 35)
        let port = try startDemo(session)
        let api = try client(port: port)

        // Tree -> queue -> list (status tab "to review") -> detail and back.
        try session.press("j", "Enter")
        #expect(try session.waitFor("Annotations ·").matched)
        try session.press("]")
        #expect(try session.waitForScreen { $0.contains(" to review ") && $0.split(separator: "\n").filter { $0.contains(" to review  ") }.count > 3 }.matched)
        try session.press("Enter")
        #expect(try session.waitFor("Extracted data").matched)
        try session.press("Escape")
        #expect(try session.waitFor("Annotations ·").matched)

        // Confirm one; the server agrees.
        try session.press("c")
        let dialog = try session.waitFor("Confirm annotation #")
        let confirmedID = try #require(id(after: "Confirm annotation #", in: dialog.screen), "\(dialog.screen)")
        try session.press("Enter")
        #expect(try session.waitFor("#\(confirmedID) confirmed").matched)
        // The refreshed tab no longer lists it (marks must land on rows still to review).
        #expect(try session.waitForScreen { !$0.contains(" \(confirmedID) to review") && !$0.contains(" \(confirmedID) exported") }.matched)
        let confirmed = try await api.annotations.retrieve(confirmedID)
        #expect(confirmed.status != AnnotationStatus.toReview && confirmed.status != nil)

        // Mark three and postpone them in bulk; the report names each.
        try session.press("Space", "Space", "Space", "p")
        #expect(try session.waitFor("Postpone 3 annotations?").matched)
        try session.press("Right", "Enter")
        // The summary line and all three item lines (a capture may land mid-repaint).
        let report = try session.waitForScreen(timeout: .seconds(15)) { screen in
            screen.contains("done: 3 succeeded, 0 failed")
                && screen.split(separator: "\n").filter { $0.contains("✓ #") && $0.contains("postponed") }.count == 3
        }
        #expect(report.matched, "bulk report:\n\(report.screen)")
        let postponedIDs = report.screen.split(separator: "\n").compactMap { line -> Int? in
            guard line.contains("postponed"), let range = line.range(of: "✓ #") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(postponedIDs.count == 3)
        for id in postponedIDs { #expect(try await api.annotations.retrieve(id).status == AnnotationStatus.postponed) }
        // Escape alone: a key right after it would read as alt-key.
        try session.press("Escape")
        #expect(try session.waitForScreen { !$0.contains("Postpone 3 annotations") }.matched)

        // An upsert from the datasets screen; its operation reaches `finished` in the monitor.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-po-\(port).json")
        try Data(#"[{"po_number":"PO-E2E-1","amount":1}]"#.utf8).write(to: file)
        try session.press("D")
        #expect(try session.waitFor("purchase_orders").matched)
        try session.press("U")
        #expect(try session.waitFor("Upsert into purchase_orders").matched)
        try session.type(file.path)
        try session.press("Tab")
        try session.type("po_number")
        try session.press("Enter", "Enter")
        let finished = try session.waitForScreen(timeout: .seconds(30)) { screen in
            screen.split(separator: "\n").contains { $0.contains("finished") && $0.contains("e2e-po-") }
        }
        #expect(finished.matched, "no finished operation:\n\(finished.screen)")

        // Resize, then quit: the shell gets the terminal back.
        try session.resize(width: 80, height: 24)
        let resized = try session.waitForScreen(timeout: .seconds(15)) { $0.contains("Datasets") && !$0.split(separator: "\n").contains { $0.count > 80 } }
        #expect(resized.matched, "not redrawn at 80x24:\n\(resized.screen)")
        try session.press("q")
        #expect(try session.waitFor("MARKER-0").matched)
        #expect(try session.display("#{alternate_on}") == "0")
        #expect(try session.display("#{cursor_flag}") == "1")
    }

    @Test func readOnlyRefusesConfirm() throws {
        let session = try TmuxSession(width: 120, height: 35)
        try startDemo(session, extra: "--readonly")
        #expect(try session.screen().contains("READ-ONLY"))
        try session.press("j", "Enter")
        #expect(try session.waitFor("Annotations ·").matched)
        try session.press("c", "?")
        // Wait for the whole overlay: tmux can capture the pane halfway through a repaint.
        let help = try session.waitForScreen { $0.contains("Keys (read-only)") && $0.contains("Next to review") }
        #expect(help.matched, "help:\n\(help.screen)")
        #expect(!help.screen.contains("Confirm annotation"), "no confirm dialog in read-only mode")
        #expect(!help.screen.contains("Postpone") && help.screen.contains("Next to review"))
        try session.press("Escape")
        #expect(try session.waitForScreen { !$0.contains("Keys (read-only)") }.matched)
        try session.press("q")
        #expect(try session.waitFor("MARKER-0").matched)
    }

    /// A theme that cannot be used is said on the first screen, not only in the log file.
    @Test func anUnusableThemeIsSaidOnScreen() throws {
        let session = try TmuxSession(width: 120, height: 35)
        // NO_COLOR (which a test runner may set) chooses the monochrome theme over any name.
        try session.typeLine("unset NO_COLOR")
        try startDemo(session, extra: "--theme no-such-theme")
        let said = try session.waitFor("theme: no-such-theme.yaml: no such theme")
        #expect(said.matched, "\(said.screen)")
        try session.press("q")
        #expect(try session.waitFor("MARKER-0").matched)
    }
}

/// The built `rossum-tui` binary, next to the test bundle or in `.build/debug`.
func consolePath() -> String? {
    let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return [bundleDirectory.appendingPathComponent("rossum-tui").path, packageRoot.appendingPathComponent(".build/debug/rossum-tui").path]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}
