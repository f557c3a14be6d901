import Foundation
import RossumJobs

/// The jobs journal (shared with the headless commands) as monitor rows, for this server and
/// account only. A job that reached the server is shown as its MDH operation (the same row
/// the server's list gives), so one action is one row whoever reports it.
enum JournalRows {
    static func rows(_ entries: [JournalEntry]) -> [OperationRow] {
        entries.map { entry in
            let job = entry.job
            let operationID = entry.attempts.last(where: { $0.operationID != nil })?.operationID
            let state: String
            switch job.status {
            case .running: state = entry.latestAttempt?.operationStatus ?? entry.latestAttempt?.status.rawValue ?? "running"
            case .succeeded: state = "finished"
            case .failed: state = "failed"
            }
            return OperationRow(id: operationID.map { "mdh:" + $0 } ?? "journal:\(job.id ?? 0)", source: .job, kind: job.kind, state: state,
                                dataset: job.dataset, file: (job.filePath as NSString).lastPathComponent, startedAt: job.startedAt,
                                updatedAt: job.updatedAt, finishedAt: job.finishedAt, error: job.status == .failed ? job.summary : nil)
        }
    }
}
