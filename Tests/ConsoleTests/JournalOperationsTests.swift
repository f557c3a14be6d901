import Foundation
import RossumJobs
import Testing
@testable import Console

/// Jobs started from the console land in the shared journal and come back as monitor rows after
/// a restart, under the same id (so the live row and the journal row are one).
@Suite struct JournalOperationsTests {
    @Test func finishedJobsSurviveARestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let started = Date(timeIntervalSince1970: 1_800_000_000)
        var row = OperationRow(id: "job:download:abc", source: .job, kind: "download", state: "running", dataset: "suppliers",
                               file: "suppliers.jsonl", startedAt: started)
        let journal = JournalOperations(try Journal(path: path))
        await journal.record(row)
        #expect(await journal.recentOperations().isEmpty, "a running job is written when it ends")
        row.state = "failed"
        row.error = "disk full"
        row.finishedAt = started.addingTimeInterval(5)
        await journal.record(row)

        let reopened = JournalOperations(try Journal(path: path))
        let rows = await reopened.recentOperations()
        #expect(rows.count == 1)
        #expect(rows.first?.id == "job:download:abc")
        #expect(rows.first?.state == "failed" && rows.first?.error == "disk full")
        #expect(rows.first?.dataset == "suppliers" && rows.first?.file == "suppliers.jsonl")

        // Merged into the monitor it is one row, in the history.
        var state = makeState()
        state.send(.job(JobProgress(row: OperationRow(id: "job:download:abc", source: .job, kind: "download", state: "running", dataset: "suppliers"))))
        state.answer(OperationsRequest(), .success(rows))
        #expect(state.monitor.operations.count == 1)
        #expect(state.monitor.operations.first?.isFailure == true)
    }
}
