import Foundation
import RossumKit
import Testing
import TerminalUI
@testable import Console

/// Each screen rendered to text and compared with a reviewed file under `Snapshots/`.
/// Record deliberately with `RECORD_SNAPSHOTS=1 swift test --filter RenderSnapshotTests`, then
/// read the diff before committing.
@Suite struct RenderSnapshotTests {
    static let sizes = [(120, 35), (80, 24)]

    func check(_ name: String, _ build: (inout AppState) -> Void) throws {
        for (width, height) in Self.sizes {
            var state = makeState(width: width, height: height)
            build(&state)
            let text = ConsoleRenderer.render(state).plainText() + "\n"
            let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Snapshots/\(name)-\(width)x\(height).txt")
            if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
                try text.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: file, encoding: .utf8)
            #expect(text == expected, "\(name) at \(width)x\(height) differs from \(file.lastPathComponent)")
        }
    }

    static func withMonitor(_ state: inout AppState) {
        let now = state.now
        state.answer(OperationsRequest(), .success([
            OperationRow(id: "op-1", source: .masterDataHub, kind: "upsert", state: "processing", dataset: "suppliers",
                         file: "suppliers-2026-11.json", startedAt: now.addingTimeInterval(-75), progress: 0.4),
            OperationRow(id: "op-2", source: .masterDataHub, kind: "replace", state: "finished", dataset: "cost_centers",
                         file: "cost_centers.csv", startedAt: now.addingTimeInterval(-600), finishedAt: now.addingTimeInterval(-540),
                         counts: OperationCounts(recordCount: 1_250, inserted: 1_250, updated: 0, deleted: 1_100)),
            OperationRow(id: "op-3", source: .dataStorage, kind: "bulk_write", state: "failed", dataset: "vendors",
                         startedAt: now.addingTimeInterval(-900), finishedAt: now.addingTimeInterval(-899), error: "duplicate key 'V-100'"),
        ]))
    }

    @Test func workspaceTree() throws {
        try check("tree") { state in
            _ = ConsoleCore.start(&state)
            state.answer(WorkspacesRequest(), .success((OrganizationSummary(id: 1, name: "Acme Corp"), sampleWorkspaces)))
            Self.withMonitor(&state)
        }
    }

    @Test func annotationList() throws {
        try check("list") { state in
            Self.withMonitor(&state)
            state.openQueueWithRows(total: 100_000)
            state.answer(FieldColumnsRequest(queueID: 11, schemaID: 5), .success([FieldColumn(id: "sender_name", title: "Supplier"),
                                                                             FieldColumn(id: "invoice_id", title: "Invoice"),
                                                                             FieldColumn(id: "amount_total", title: "Amount")]))
            state.answerPage(0, rows: sampleRows(1...100), total: 100_000)
            state.press(.down, .space, .space)
        }
    }

    @Test func annotationDetail() throws {
        try check("detail") { state in
            state.openQueueWithRows()
            state.press(.enter)
            state.press(.char("m"))
            let t = Date(timeIntervalSince1970: 1_799_990_000)
            state.answer(AnnotationDetailRequest(id: 1), .success(AnnotationDetail(
                row: sampleRows(1...1)[0], queueName: "Invoices EU", mimeType: "application/pdf",
                history: [("created", t), ("modified", t.addingTimeInterval(300))],
                fields: [
                    .section(label: "Basic information", children: [.value(label: "Invoice number", value: "INV-1"), .value(label: "Supplier", value: "Supplier 1")]),
                    .section(label: "Totals", children: [.value(label: "Amount total", value: "10.50")]),
                    .table(label: "Line items", columns: ["Description", "Qty", "Amount"], rows: [["Paper A4", "10", "4.50"], ["Toner", "1", "6.00"]]),
                ],
                blockers: [BlockerSummary(level: "warning", type: "low_score", schemaID: "amount_total", detail: "score 0.42")],
                webURL: "https://acme.rossum.app/document/1")))
        }
    }

    @Test func monitorFullScreen() throws {
        try check("operations") { state in
            Self.withMonitor(&state)
            state.press(.char("M"))
        }
    }

    @Test func datasets() throws {
        try check("datasets") { state in
            Self.withMonitor(&state)
            state.press(.char("D"))
            state.answer(DatasetsRequest(), .success([DatasetSummary(name: "cost_centers", recordCount: 1_250), DatasetSummary(name: "suppliers", recordCount: 12_000)]))
        }
    }

    @Test func bulkDialogAndReport() throws {
        try check("bulk-dialog") { state in
            state.openQueueWithRows()
            state.press(.space, .space, .char("p"))
        }
        try check("bulk-report") { state in
            state.openQueueWithRows()
            state.press(.space, .space, .char("p"), .right, .enter)
            state.answer(AnnotationCommandRequest(command: .postpone, id: 2, bulkID: 1), .success("postponed"))
            state.answer(AnnotationCommandRequest(command: .postpone, id: 1, bulkID: 1), .failure(ConsoleFailure(kind: .conflict, status: 409, message: "being reviewed by bob")))
        }
    }

    @Test func caseFileHookLogsAndEmails() throws {
        try check("case-file") { state in
            state.openQueueWithRows(rows: sampleRows(1...5) { $0 == 1 ? "failed_export" : "to_review" })
            state.press(.char("w"))
            state.answer(CaseFileRequest(annotationID: 1), .success(CaseFileReducerTests.file()))
        }
        try check("hook-logs") { state in
            state.loadTree()
            state.command("logs")
            state.answer(HookLogsRequest(filter: HookLogFilter(), withHookNames: true), .success(HookLogsRequest.Answer(
                entries: [HookLogsReducerTests.run("b", minute: 2, message: "Matched supplier S-100"),
                          HookLogsReducerTests.run("a", status: "failed", minute: 1, message: "Supplier not found in MDH")],
                hookNames: [3: "Supplier matching (MDH)"])))
        }
        try check("emails") { state in
            state.loadTree()
            state.command("emails")
            state.answer(EmailsRequest(filter: EmailFilter()), .success((rows: [try! EmailsTests.row(2, annotations: []),
                                                                                try! EmailsTests.row(1, annotations: [41, 42])], total: 2)))
        }
    }

    @Test func helpAndReadOnly() throws {
        try check("help") { state in
            state.openQueueWithRows()
            state.press(.char("?"))
        }
        for (width, height) in [(120, 60), (80, 60)] {
            var state = makeState(readOnly: true, width: width, height: height)
            state.openQueueWithRows()
            state.press(.char("?"))
            let text = ConsoleRenderer.render(state).plainText()
            #expect(text.contains("READ-ONLY"))
            #expect(!text.contains("Confirm") && text.contains("Next to review"))
        }
    }
}
