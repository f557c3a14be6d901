import Foundation
import RossumKit
import Testing
import TerminalUI
@testable import Console

/// The case file as a reducer: opened with `w`, entries opened whole, the workbench's keys.
@Suite struct CaseFileReducerTests {
    static func file(status: String = "failed_export") -> CaseFile {
        CaseFile(annotationID: 1, status: status, fileName: "invoice-1.pdf", queueName: "Invoices EU",
                 entries: [CaseEntry(id: "hook-a", time: Date(timeIntervalSince1970: 1_800_000_000), source: .hook,
                                     summary: "SAP export on annotation_status.changed: failed 502", level: .error, detail: "{\"status\": \"failed\"}"),
                           CaseEntry(id: "history-created", time: Date(timeIntervalSince1970: 1_799_000_000), source: .history, summary: "created")],
                 headline: ["Export failed: SAP export answered 502: upstream timeout", "E retries the export, u returns it to review, L shows the hook logs"],
                 gaps: ["audit log: HTTP 403: admins only"])
    }

    @Test func wOpensTheCaseFileOfTheSelectedAnnotationAndEnterShowsAnEntryWhole() throws {
        var state = makeState()
        state.openQueueWithRows(rows: sampleRows(1...5) { $0 == 1 ? "failed_export" : "to_review" })
        let effects = state.press(.char("w"))
        let request = try #require(AppState.requests(CaseFileRequest.self, in: effects).first)
        #expect(request.annotationID == 1)
        state.answer(request, .success(Self.file()))
        let screen = state.render()
        #expect(screen.contains("Why #1 is failed export"))
        #expect(screen.contains("Export failed: SAP export answered 502"))
        #expect(screen.contains("not shown: audit log: HTTP 403"))
        #expect(FooterView.hints(state).map(\.1).contains("Retry a failed export") || FooterView.hints(state).map(\.0).contains("E"))
        state.press(.enter)
        let document = try #require(state.top as? DocumentScreen)
        #expect(document.text.joined().contains("failed"))
        state.press(.escape)
        // E asks first, naming the annotation; the answer reloads the case file.
        state.press(.char("E"))
        let (dialog, purpose) = try #require(state.dialog)
        #expect(purpose == .annotationCommand(.retryExport, ids: [1]))
        #expect(dialog.title == "Retry export annotation #1?")
        let sent = state.press(.enter)
        #expect(sent == [.fetch(AnyDataRequest(AnnotationCommandRequest(command: .retryExport, id: 1, bulkID: nil)))])
        let after = state.answer(AnnotationCommandRequest(command: .retryExport, id: 1, bulkID: nil), .success("exporting"))
        #expect(AppState.requests(CaseFileRequest.self, in: after).count == 1)
    }

    @Test func retryIsOfferedOnlyOnAFailedExport() throws {
        var state = makeState()
        _ = state.open(CaseFileScreen(annotationID: 1))
        state.answer(CaseFileRequest(annotationID: 1), .success(Self.file(status: "to_review")))
        #expect(state.press(.char("E")).isEmpty)
        #expect(state.dialog == nil)
        #expect(state.flash?.text.contains("does not apply") == true)
    }

    /// The timeline's rules: newest first, timeless entries (what holds it now) on top, and
    /// runs older than the logs' retention said to be gone rather than absent.
    @Test func theTimelineIsNewestFirstAndSaysWhatTheLogsNoLongerHave() throws {
        let json = """
        {"id": 5, "status": "failed_export", "created_at": "2026-11-01T10:00:00Z", "arrived_at": "2026-11-01T10:00:05Z",
         "export_failed_at": "2026-11-20T08:00:00Z", "confirmed_at": "2026-11-20T07:59:00Z",
         "messages": [{"type": "error", "content": "Export to SAP failed"}]}
        """
        let annotation = try JSONDecoder().decode(Annotation.self, from: Data(json.utf8))
        let now = try #require(ISO8601DateFormatter().date(from: "2026-11-30T12:00:00Z"))
        let file = CaseFileBuilder.build(CaseFileBuilder.Sources(annotation: annotation), now: now)
        #expect(file.entries.first?.source == .message)
        #expect(file.entries.map(\.summary).prefix(5) == ["[error] Export to SAP failed", "hook runs before this are gone: the API keeps hook logs for 7 days",
                                                            "export failed", "confirmed", "arrived in the queue"])
        #expect(file.headline.first == "Export failed; no failed hook run is in the logs (they keep 7 days)")
    }
}
