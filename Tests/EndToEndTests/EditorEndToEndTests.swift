import Foundation
import RossumKit
import Testing

/// The detail view as a validation screen, in the real `rossum-tui demo` in tmux: correct a
/// line total (the sum warning appears), add the missing line item (it disappears), confirm,
/// and find every change in the server's content.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && consolePath() != nil, "tmux or rossum-tui missing; console end-to-end tests skipped"))
struct EditorEndToEndTests {
    static let sumWarning = "Line items add up to"

    /// The line items' `item_amount_total` values, in order.
    func lineTotals(_ api: RossumClient, _ id: Int) async throws -> [String] {
        func find(_ nodes: [ContentNode]) -> ContentNode? {
            for node in nodes {
                if node.schemaID == "line_items" { return node }
                if let found = find(node.children) { return found }
            }
            return nil
        }
        let table = try #require(find(try await api.annotations.content(id)), "no line items in #\(id)")
        return table.children.map { row in
            row.children.first { $0.schemaID == "item_amount_total" }?.content?.value?.stringValue ?? ""
        }
    }

    @Test func fixAnAmountAddALineItemAndConfirm() async throws {
        let session = try TmuxSession(width: 120, height: 35)
        // Still: no arrivals or demo reviews that would move the document under the test.
        let port = try startDemo(session, extra: "--no-live")
        let api = try RossumClient(baseURL: "http://127.0.0.1:\(port)/api/v1",
                                   credentials: .credentials(username: "demo@rossum.local", password: "demo-password"))

        let id = try openFirstToReview(session)
        // `G`: the last cell, the last row's line total.
        try session.press("G")
        let opened = try session.waitFor("Line items (", timeout: .seconds(15))
        try #require(opened.matched, "no line items shown:\n\(opened.screen)")
        let before = try await lineTotals(api, id)
        let last = try #require(before.last.flatMap(Double.init), "last line total of #\(id): \(before)")
        let corrected = String(format: "%.2f", last - 1)

        // The last row's line total, retyped one unit lower: the review starts and the server
        // warns that the rows no longer add up to the total.
        try session.press("e")
        #expect(try session.waitFor("enter saves · esc cancels").matched)
        for _ in 0..<(before.last?.count ?? 0) { try session.press("BSpace") }
        try session.type(corrected)
        try session.press("Enter")
        let warned = try session.waitFor(Self.sumWarning, timeout: .seconds(15))
        #expect(warned.matched, "no sum warning after the correction:\n\(warned.screen)")

        // The missing row: add it, move to its line total, type the difference. A resize in the
        // middle of typing loses nothing.
        try session.press("a")
        #expect(try session.waitFor("Line items (\(before.count + 1) rows)").matched)
        for _ in 0..<6 {
            // The focused cell's caption names its column.
            let caption = try session.waitForScreen(timeout: .milliseconds(800)) { screen in
                screen.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Line total: ") }
            }
            if caption.matched { break }
            try session.press("l")
        }
        try session.press("e")
        #expect(try session.waitFor("enter saves · esc cancels").matched)
        try session.type("1.0")
        try session.resize(width: 80, height: 24)
        #expect(try session.waitForScreen { !$0.split(separator: "\n").contains { $0.count > 80 } }.matched)
        try session.type("0")
        try session.press("Enter")
        let cleared = try session.waitForScreen(timeout: .seconds(15)) { !$0.contains(Self.sumWarning) && $0.contains("1.00") }
        #expect(cleared.matched, "the sum warning stayed:\n\(cleared.screen)")
        try session.press("g")
        // What stays is what the annotation itself carries (an extension's warning), if anything.
        let standing = (try await api.annotations.retrieve(id).messages?.arrayValue ?? []).filter { $0["type"]?.stringValue == "warning" }
        let summary = try session.waitFor(standing.isEmpty ? "no problems" : "validation    \(standing.count) warning")
        #expect(summary.matched, "\(summary.screen)")

        // Confirm: nothing blocks it. With a standing warning the dialog lists it and starts on
        // Cancel, so confirming is a move to the button and enter; without, enter confirms.
        try session.press("c")
        let dialog = try session.waitFor("Confirm annotation #\(id)?")
        #expect(dialog.matched)
        if !standing.isEmpty {
            #expect(dialog.screen.contains("The server warns (\(standing.count))"))
            try session.press("Tab")
        }
        try session.press("Enter")
        #expect(try session.waitFor("#\(id) confirmed", timeout: .seconds(15)).matched)
        // The demo exports in the background: the annotation waits in `exporting` for a second.
        var status = try await api.annotations.retrieve(id).status
        let deadline = ContinuousClock.now + .seconds(15)
        while status == .exporting, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            status = try await api.annotations.retrieve(id).status
        }
        #expect(status == AnnotationStatus.confirmed || status == AnnotationStatus.exported, "status \(String(describing: status))")
        let after = try await lineTotals(api, id)
        #expect(after.count == before.count + 1)
        #expect(after.dropLast().last.flatMap(Double.init) == Double(corrected))
        #expect(after.last.flatMap(Double.init) == 1.0)

        try session.press("q")
        #expect(try session.waitFor("MARKER-0").matched)
    }
}
