import Foundation
import RossumKit
import Testing

/// A console killed while it holds a review (SIGTERM from a supervisor, SIGHUP when the
/// terminal window closes) cancels that review before it ends, as `q` does: no document stays
/// locked by a console that is gone. The sandbox runs as a process of its own, so it outlives
/// the console and can be asked afterwards.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && consolePath() != nil, "tmux or rossum-tui missing; console end-to-end tests skipped"))
struct ReviewOnSignalEndToEndTests {
    @Test(arguments: [SIGTERM, SIGHUP])
    func aSignalCancelsTheReviewTheConsoleHeld(signal: Int32) async throws {
        let server = try SandboxProcess()
        defer { server.stop() }
        let (username, password) = ("demo@rossum.local", "demo-password")
        let api = try RossumClient(baseURL: server.apiURL, credentials: .credentials(username: username, password: password))
        let session = try TmuxSession(width: 120, height: 35)
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("rossum-tui-e2e-\(UUID().uuidString).pid").path
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("rossum-tui-e2e-\(UUID().uuidString)").path
        session.temporaryPaths += [pidFile, state]
        let binary = try #require(consolePath())
        try session.typeLine("XDG_STATE_HOME='\(state)' XDG_CONFIG_HOME='\(state)' ROSSUM_USERNAME='\(username)' "
            + "ROSSUM_PASSWORD='\(password)' sh -c 'echo $$ > \"$0\"; exec \"$@\"' '\(pidFile)' '\(binary)' "
            + "--base-url '\(server.apiURL)' --allow-insecure-http; echo MARKER-$?")

        // Tree -> first queue -> "to review" -> the first annotation; one edit starts the review.
        let tree = try session.waitForScreen(timeout: .seconds(30)) { $0.range(of: #"  #\d+ "#, options: .regularExpression) != nil }
        try #require(tree.matched, "no queues:\n\(tree.screen)")
        let id = try openFirstToReview(session)
        try session.press("j", "e")
        #expect(try session.waitFor("enter saves · esc cancels").matched)
        try session.type("7")
        try session.press("Enter")
        #expect(try session.waitFor("yours — esc leaves it", timeout: .seconds(15)).matched)
        #expect(try await api.annotations.retrieve(id).status == AnnotationStatus.reviewing)

        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, signal) == 0)
        #expect(try session.waitFor("MARKER-\(128 + signal)", timeout: .seconds(15)).matched)
        #expect(try await api.annotations.retrieve(id).status == AnnotationStatus.toReview, "the review outlived the console")
    }
}
