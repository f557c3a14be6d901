import Foundation
import RossumJobs
import RossumKit
import Synchronization

/// A job's monitor row, moved on by each of the job's events. Events come in order on the
/// job's task; the row is kept behind a lock because the sink is a `@Sendable` closure.
final class JobRowTracker: Sendable {
    private let state: Mutex<OperationRow>
    private let report: @Sendable (JobProgress) -> Void

    init(row: OperationRow, report: @escaping @Sendable (JobProgress) -> Void) {
        state = Mutex(row)
        self.report = report
        report(JobProgress(row: row))
    }

    /// The row for an event, and the id of the row it takes over (the job's own row when the
    /// server's operation takes its place).
    func apply(_ event: JobEvent) {
        let now = Date()
        let progress: JobProgress? = state.withLock { row in
            let before = row.id
            switch event {
            case .started(let start):
                row.state = "starting"
                // RECORDS is the dataset's size as the server reports it; the file's count is
                // in the message that started the job.
                row.file = start.fileName
            case .resumed(let resumption):
                row.state = "resuming"
                if case .watching(_, _, let operationID, let status) = resumption {
                    row.id = "mdh:" + operationID
                    row.source = .masterDataHub
                    row.state = status ?? "queued"
                }
            case .uploading(let attempt):
                row.state = "uploading"
                if attempt > 1 { row.error = "attempt \(attempt)" }
            case .submitted(_, let operationID):
                row.id = "mdh:" + operationID
                row.source = .masterDataHub
                row.state = "queued"
                row.error = nil
            case .operation(let report):
                row.id = "mdh:" + report.operationID
                row.source = .masterDataHub
                row.state = report.status
                row.counts = report.counts
                row.progress = report.progress
                row.error = report.detail
                if report.phase.isTerminal { row.finishedAt = now }
            case .pollFailed(_, let reason, _):
                row.error = "cannot read the operation: \(reason)"
            case .attemptFailed(let attempt, let reason):
                row.error = "attempt \(attempt) failed: \(reason)"
                // The job's own row (an upload the server never took) ends here; a retry
                // starts a row of its own. An operation's row keeps the server's state.
                if row.source == .job {
                    row.state = "failed"
                    row.finishedAt = now
                }
            case .retrying(let attempt, let reason, let after):
                // The failed attempt's operation keeps its own row; the job starts a new one.
                row = OperationRow(id: "job:\(row.kind):\(UUID().uuidString.prefix(8))", source: .job, kind: row.kind,
                                   state: "retrying", dataset: row.dataset, file: row.file, startedAt: now, updatedAt: now,
                                   error: "attempt \(attempt) in \(after.formatted()): \(reason)")
                return JobProgress(row: row)
            case .downloaded(let records, let total):
                row.state = "running"
                row.counts = OperationCounts(recordCount: records)
                if let total, total > 0 { row.progress = min(1, Double(records) / Double(total)) }
            case .finished(let summary):
                if row.source == .job { row.state = "finished" }
                if !summary.counts.isEmpty { row.counts = summary.counts } else if let records = summary.records { row.counts = OperationCounts(recordCount: records) }
                if row.kind == "download" { row.progress = 1 }
                row.finishedAt = row.finishedAt ?? now
            case .failed(let failure):
                row.state = "failed"
                row.error = failure.reason
                row.finishedAt = now
            }
            row.updatedAt = now
            return JobProgress(row: row, replaces: before == row.id ? nil : before)
        }
        if let progress { report(progress) }
    }

    /// Ends the row with a reason, for a job that cannot start at all.
    func fail(_ reason: String) {
        apply(.failed(JobFailure(reason: reason, exitStatus: .failure)))
    }
}
