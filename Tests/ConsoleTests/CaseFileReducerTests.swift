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

    /// `S` on the case file offers the support bundle, named after the annotation, with the
    /// timeline and the raw entries; a secret in an entry does not reach it.
    @Test func sWritesTheSupportBundle() throws {
        var state = makeState()
        var file = Self.file()
        file.entries[0].detail = #"{"status": "failed", "headers": {"Authorization": "Bearer abc.def.ghi"}}"#
        _ = state.open(CaseFileScreen(annotationID: 1))
        state.answer(CaseFileRequest(annotationID: 1), .success(file))
        state.press(.char("S"))
        let (dialog, purpose) = try #require(state.dialog)
        guard case .saveText(let text) = purpose else { Issue.record("\(purpose)"); return }
        #expect(dialog.title == "Save to a file")
        #expect(text.hasPrefix("# Case file of annotation 1") && text.contains("SAP export on annotation_status.changed"))
        #expect(text.contains("```ndjson") && !text.contains("abc.def.ghi"))
        #expect((state.top as? CaseFileScreen)?.savable?.suggestedName == "case-1.md")
    }

    /// Read-only, the advice offers only the logs; at 80 columns the reason wraps, whole.
    @Test func theHeaderFitsReadOnlyAndNarrowTerminals() throws {
        var file = Self.file()
        file.headline = ["Export failed: ERP export answered 500: ERP rejected invoice TB-2026000487: a document with this number is already posted."]
        file.advice = "E retries the export once its cause is fixed · u returns it to review to fix the data · L hook logs"
        var state = makeState(readOnly: true, width: 80, height: 24)
        _ = state.open(CaseFileScreen(annotationID: 1))
        state.answer(CaseFileRequest(annotationID: 1), .success(file))
        let screen = state.render()
        #expect(screen.contains("read-only: L shows the hook logs") && !screen.contains("E retries"))
        #expect(screen.contains("already posted."), "the reason's end is on a second line:\n\(screen)")
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

extension CaseFileReducerTests {
    /// Messages are dated and name their hook; blockers of one kind are one entry; a failed
    /// import says why at the top; users are named, not numbered.
    @Test func entriesSayWhoWhenAndWhyInFew() throws {
        let json = """
        {"id": 6, "status": "failed_import", "created_at": "2026-11-29T10:00:00Z", "confirmed_by": "https://x/api/v1/users/5",
         "confirmed_at": "2026-11-29T11:00:00Z",
         "messages": [{"type": "error", "content": "HTTP 500: KeyError 'vat'", "detail": {"hook_name": "Validate VAT numbers", "timestamp": "2026-11-29T10:00:03Z"}}],
         "automation_blocker": {"id": 1, "content": [{"level": "datapoint", "type": "low_score", "schema_id": "amount_total"},
                                                     {"level": "datapoint", "type": "low_score", "schema_id": "date_due"},
                                                     {"level": "annotation", "type": "no_validation"}]}}
        """
        let annotation = try JSONDecoder().decode(Annotation.self, from: Data(json.utf8))
        var sources = CaseFileBuilder.Sources(annotation: annotation)
        sources.userNames = [5: "tomas.dvorak@rossum.local"]
        let now = try #require(ISO8601DateFormatter().date(from: "2026-11-30T12:00:00Z"))
        let file = CaseFileBuilder.build(sources, now: now)
        let message = try #require(file.entries.first { $0.source == .message })
        #expect(message.summary == "[error] Validate VAT numbers: HTTP 500: KeyError 'vat'" && message.time != nil && message.detail != nil)
        #expect(file.entries.filter { $0.source == .blocker }.map(\.summary) == ["not automated: low_score on amount_total, date_due",
                                                                               "not automated: no_validation"])
        #expect(file.entries.contains { $0.summary == "confirmed by tomas.dvorak@rossum.local" })
        #expect(file.headline.first == "Import failed: HTTP 500: KeyError 'vat'")
    }
}

extension CaseFileReducerTests {
    @Test func ruleRunsAreEntriesOfTheirOwn() throws {
        let annotation = try JSONDecoder().decode(Annotation.self, from: Data(#"{"id": 8, "status": "to_review"}"#.utf8))
        let run = try JSONDecoder().decode(RulesExecutionLog.self, from: Data("""
            {"rule_id": 2, "rule_name": "Block invoices over 10,000", "annotation_id": 8, "created_at": "2026-11-30T09:00:00Z",
             "trigger_event": "annotation_content.confirm", "execution_result": "failed"}
            """.utf8))
        var sources = CaseFileBuilder.Sources(annotation: annotation)
        sources.ruleRuns = [run]
        let entry = try #require(CaseFileBuilder.build(sources, now: Date()).entries.first { $0.source == .rule })
        #expect(entry.summary == "Block invoices over 10,000 on annotation_content.confirm: failed" && entry.level == .error)
    }

    /// Operations on the datasets matching reads, from a day before the annotation arrived;
    /// other datasets and older operations are not its story.
    @Test func dataHubOperationsAroundTheAnnotationsLife() throws {
        let annotation = try JSONDecoder().decode(Annotation.self, from: Data(#"{"id": 8, "status": "to_review", "arrived_at": "2026-11-30T09:00:00Z"}"#.utf8))
        func operation(_ id: String, _ dataset: String, _ created: String, _ status: String, error: String? = nil) throws -> DatasetOperation {
            var object: JSONObject = ["_id": .string(id), "dataset_name": .string(dataset), "created_at": .string(created),
                                               "status": .string(status), "type": "update", "result": ["inserted_count": 2, "modified_count": 5]]
            if let error { object["error_message"] = .string(error) }
            return try JSONDecoder().decode(DatasetOperation.self, from: JSONEncoder().encode(JSONValue.object(object)))
        }
        var sources = CaseFileBuilder.Sources(annotation: annotation)
        sources.matchingDatasets = ["suppliers"]
        sources.datasetOperations = [
            try operation("a", "suppliers", "2026-11-30T08:00:00Z", "finished"),
            try operation("b", "suppliers", "2026-11-29T10:00:00Z", "failed", error: "duplicate key"),
            try operation("c", "suppliers", "2026-11-28T08:00:00Z", "finished"),
            try operation("d", "currencies", "2026-11-30T08:30:00Z", "finished"),
        ]
        let entries = CaseFileBuilder.build(sources, now: Date()).entries.filter { $0.source == .mdh }
        #expect(entries.map(\.id) == ["mdh-a", "mdh-b"])
        #expect(entries[0].summary.hasPrefix("upsert of dataset suppliers (read by matching): finished"))
        #expect(entries[1].level == .error && entries[1].summary.hasSuffix(": duplicate key"))
        sources.matchingDatasets = []
        #expect(!CaseFileBuilder.build(sources, now: Date()).entries.contains { $0.source == .mdh }, "no matching hook, no MDH story")
    }
}
