import Foundation
import RossumJobs

/// The jobs journal (shared with the headless commands) as monitor rows: jobs run from cron or
/// another terminal show up, and jobs started here are written to it so they survive a restart.
public struct JournalOperations: OperationJournal {
    let journal: Journal

    public init(_ journal: Journal) {
        self.journal = journal
    }

    public func recentOperations() async -> [OperationRow] {
        guard let entries = try? journal.recentEntries(limit: 50) else { return [] }
        return entries.map { entry in
            let job = entry.job
            // Jobs this console wrote keep their own id, so the live row and the journal row are one.
            let id = job.parameters.hasPrefix("job:") ? job.parameters : "journal:\(job.id ?? 0)"
            let state: String
            switch job.status {
            case .running: state = entry.latestAttempt?.status.rawValue ?? "running"
            case .succeeded: state = "finished"
            case .failed: state = "failed"
            }
            return OperationRow(id: id, source: .job, kind: job.kind, state: state, dataset: job.dataset,
                                file: (job.filePath as NSString).lastPathComponent, startedAt: job.startedAt, updatedAt: job.updatedAt,
                                finishedAt: job.finishedAt, error: job.status == .failed ? job.summary : nil)
        }
    }

    public func record(_ row: OperationRow) async {
        // Only the end of a job is written: one line per job in the shared history.
        guard row.isTerminal else { return }
        let job = JournalJob(kind: row.kind, dataset: row.dataset ?? "", filePath: row.file ?? "", checksum: "",
                             parameters: row.id, status: row.isFailure ? .failed : .succeeded, pid: getpid(),
                             startedAt: row.startedAt ?? Date(), updatedAt: row.updatedAt ?? Date(), finishedAt: row.finishedAt ?? Date(),
                             summary: row.error ?? row.state)
        _ = try? journal.insert(job)
    }
}
