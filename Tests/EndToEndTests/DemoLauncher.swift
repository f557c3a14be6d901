import Foundation
import Testing

/// Starts `rossum-tui demo` in the session's shell, followed by `echo MARKER-$?`, on a port the
/// kernel picks (a port chosen by the test could be taken by another test's server meanwhile),
/// and returns that port, read from the console's header once the tree's queues have loaded.
/// With `pidFile`, the console's process id is written there first (the program `exec`s in
/// place of a tiny shell, so the id is the console's own). `binary` runs another copy (an
/// installed one) than the one built here.
@discardableResult
func startDemo(_ session: TmuxSession, extra: String = "", pidFile: String? = nil, binary: String? = nil) throws -> Int {
    let binary = try #require(binary ?? consolePath())
    let state = FileManager.default.temporaryDirectory.appendingPathComponent("rossum-tui-e2e-\(UUID().uuidString)").path
    session.temporaryPaths.append(state)
    let command = pidFile.map { "sh -c 'echo $$ > \"$0\"; exec \"$@\"' '\($0)' '\(binary)'" } ?? "'\(binary)'"
    try session.typeLine("XDG_STATE_HOME='\(state)' \(command) demo --size small --port 0 \(extra); echo MARKER-$?")
    let drawn = try session.waitFor("Workspaces and queues", timeout: .seconds(30))
    try #require(drawn.matched, "the console did not draw:\n\(drawn.screen)")
    // The tree's queues (`Name  #id`) have loaded.
    let loaded = try session.waitForScreen(timeout: .seconds(30)) { $0.range(of: #"  #\d+ "#, options: .regularExpression) != nil }
    try #require(loaded.matched, "no queues:\n\(loaded.screen)")
    let address = try #require(loaded.screen.range(of: #"127\.0\.0\.1:\d+"#, options: .regularExpression), "no server address in the header")
    return try #require(Int(loaded.screen[address].split(separator: ":").last ?? ""))
}

/// From the tree, opens the first queue's "to review" tab and its first annotation; returns the
/// annotation's id (from the breadcrumb). Waits until every listed row is to review, so `enter`
/// lands on the tab's rows and not on the previous tab's while it reloads.
func openFirstToReview(_ session: TmuxSession) throws -> Int {
    try session.press("j", "Enter")
    try #require(try session.waitFor("Annotations ·").matched)
    try session.press("]")
    let tab = try session.waitForScreen { screen in
        let rows = screen.split(separator: "\n").filter { $0.range(of: #"^ +\d+ "#, options: .regularExpression) != nil }
        return rows.count > 1 && rows.allSatisfy { $0.contains(" to review ") }
    }
    try #require(tab.matched, "the to-review tab did not load:\n\(tab.screen)")
    try session.press("Enter")
    let detail = try session.waitFor("Extracted data", timeout: .seconds(15))
    try #require(detail.matched, "no detail:\n\(detail.screen)")
    let crumb = try #require(detail.screen.range(of: #"› #\d+"#, options: .regularExpression), "no annotation in the breadcrumb")
    return try #require(Int(detail.screen[crumb].dropFirst(3)))
}
