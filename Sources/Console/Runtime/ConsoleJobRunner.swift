import Foundation
import RossumJobs
import RossumKit

/// Runs the console's jobs on the same engine as `rossum-tui mdh upsert|replace` and
/// `storage download` (same retries, resume and journal), and turns their events into the
/// monitor row each job is now. Once the server accepted an upload, the row is the server's
/// operation (`mdh:ID`, the id the monitor's poll uses too), so the monitor shows what the
/// server says of it.
enum ConsoleJobRunner {
    static func run(_ job: ConsoleJob, services: ConsoleServices, report: @escaping @Sendable (JobProgress) -> Void) async {
        switch job {
        case .upsert(let dataset, let file, let idKeys):
            await write(dataset: dataset, file: file, idKeys: idKeys, replace: false, services: services, report: report)
        case .replace(let dataset, let file):
            await write(dataset: dataset, file: file, idKeys: [], replace: true, services: services, report: report)
        case .download(let dataset, let file):
            await download(dataset: dataset, file: file, services: services, report: report)
        }
    }

    static func write(dataset: String, file: String, idKeys: [String], replace: Bool, services: ConsoleServices,
                      report: @escaping @Sendable (JobProgress) -> Void) async {
        let url = URL(fileURLWithPath: (file as NSString).expandingTildeInPath)
        let tracker = JobRowTracker(row: OperationRow(
            id: "job:\(replace ? "replace" : "upsert"):\(UUID().uuidString.prefix(8))", source: .job, kind: replace ? "replace" : "upsert",
            state: "starting", dataset: dataset, file: url.lastPathComponent, startedAt: Date(), updatedAt: Date()), report: report)
        guard let journal = services.journal else {
            tracker.fail("the jobs journal cannot be opened; without it a retry could send the file twice")
            return
        }
        _ = try? await DatasetJobs.write(client: services.client, dataset: dataset, file: url, idKeys: idKeys, replace: replace,
                                         journal: journal, scope: services.scope, policy: services.jobPolicy) { tracker.apply($0) }
    }

    static func download(dataset: String, file: String, services: ConsoleServices, report: @escaping @Sendable (JobProgress) -> Void) async {
        let url = URL(fileURLWithPath: (file as NSString).expandingTildeInPath)
        let tracker = JobRowTracker(row: OperationRow(
            id: "job:download:\(UUID().uuidString.prefix(8))", source: .job, kind: "download", state: "starting",
            dataset: dataset, file: url.lastPathComponent, startedAt: Date(), updatedAt: Date()), report: report)
        _ = try? await DatasetJobs.download(client: services.client, dataset: dataset, output: url) { tracker.apply($0) }
    }
}
