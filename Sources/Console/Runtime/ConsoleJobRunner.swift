import Foundation
import RossumKit

/// Where jobs started from the console are remembered, so the monitor shows them after a restart.
public protocol OperationJournal: Sendable {
    func recentOperations() async -> [OperationRow]
    func record(_ row: OperationRow) async
}

/// Runs the console's jobs and reports each step as the monitor row it is now.
enum ConsoleJobRunner {
    static func run(_ job: ConsoleJob, services: ConsoleServices, report: @escaping @Sendable (JobProgress) -> Void) async {
        switch job {
        case .upsert(let dataset, let file, let idKeys):
            await upload(dataset: dataset, file: file, idKeys: idKeys, replace: false, services: services, report: report)
        case .replace(let dataset, let file):
            await upload(dataset: dataset, file: file, idKeys: [], replace: true, services: services, report: report)
        case .download(let dataset, let file):
            await download(dataset: dataset, file: file, services: services, report: report)
        }
    }

    /// Uploads the file; once the server accepted it, the server's operation is the row: the
    /// monitor then shows only what the server says of it (queued, running, its counts).
    static func upload(dataset: String, file: String, idKeys: [String], replace: Bool, services: ConsoleServices,
                       report: @escaping @Sendable (JobProgress) -> Void) async {
        let url = URL(fileURLWithPath: (file as NSString).expandingTildeInPath)
        let started = Date()
        let kind = replace ? "replace" : "upsert"
        var row = OperationRow(id: "job:\(kind):\(UUID().uuidString.prefix(8))", source: .job, kind: kind, state: "uploading",
                               dataset: dataset, file: url.lastPathComponent, startedAt: started, updatedAt: started)
        report(JobProgress(row: row))
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            row.state = "failed"
            row.error = "cannot read \(url.path)"
            row.finishedAt = Date()
            await finish(row, services, report)
            return
        }
        do {
            let operationID = replace
                ? try await services.client.masterDataHub.replace(dataset, from: .file(url), idKeys: idKeys)
                : try await services.client.masterDataHub.update(dataset, from: .file(url), idKeys: idKeys)
            let operation = (try? await services.client.masterDataHub.operation(operationID)).map(Shape.row)
                ?? OperationRow(id: "mdh:" + operationID, source: .masterDataHub, kind: replace ? "replace" : "update", state: "queued",
                                dataset: dataset, file: url.lastPathComponent, startedAt: started, updatedAt: Date())
            report(JobProgress(row: operation, replaces: row.id))
        } catch {
            row.state = "failed"
            row.error = ConsoleFailure(error).description
            row.finishedAt = Date()
            await finish(row, services, report)
        }
    }

    static func download(dataset: String, file: String, services: ConsoleServices, report: @escaping @Sendable (JobProgress) -> Void) async {
        let url = URL(fileURLWithPath: (file as NSString).expandingTildeInPath)
        let started = Date()
        let base = OperationRow(id: "job:download:\(UUID().uuidString.prefix(8))", source: .job, kind: "download", state: "running",
                                dataset: dataset, file: url.lastPathComponent, startedAt: started, updatedAt: started)
        report(JobProgress(row: base))
        do {
            let summary = try await services.client.dataStorage.downloadCollection(dataset, to: url, format: .ndjson) { step in
                var row = base
                row.counts = OperationCounts(records: step.records)
                row.updatedAt = Date()
                if let total = step.total, total > 0 { row.progress = Double(step.records) / Double(total) }
                report(JobProgress(row: row))
            }
            var row = base
            row.state = "finished"
            row.counts = OperationCounts(records: summary.records)
            row.progress = 1
            row.finishedAt = Date()
            await finish(row, services, report)
        } catch {
            var row = base
            row.state = "failed"
            row.error = ConsoleFailure(error).description
            row.finishedAt = Date()
            await finish(row, services, report)
        }
    }

    static func finish(_ row: OperationRow, _ services: ConsoleServices, _ report: @Sendable (JobProgress) -> Void) async {
        report(JobProgress(row: row))
        await services.journal?.record(row)
    }
}
