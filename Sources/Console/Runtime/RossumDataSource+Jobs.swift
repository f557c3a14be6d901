import Foundation
import RossumKit

/// Where jobs started from the console are remembered, so the monitor shows them after a restart.
public protocol OperationJournal: Sendable {
    func recentOperations() async -> [OperationRow]
    func record(_ row: OperationRow) async
}

extension RossumDataSource {
    public func upsert(dataset: String, file: String, idKeys: [String], replace: Bool,
                       progress: @escaping @Sendable (OperationRow) -> Void) async throws(ConsoleFailure) {
        let url = URL(fileURLWithPath: (file as NSString).expandingTildeInPath)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw ConsoleFailure(kind: .badInput, message: "cannot read \(url.path)")
        }
        let started = Date()
        let kind = replace ? "replace" : "upsert"
        let jobID = "job:\(kind):\(UUID().uuidString.prefix(8))"
        var row = OperationRow(id: jobID, source: .job, kind: kind, state: "uploading", dataset: dataset, file: url.lastPathComponent,
                               startedAt: started, updatedAt: started)
        await report(row, progress)
        let operationID: String
        do {
            operationID = replace
                ? try await client.masterDataHub.replace(dataset, from: .file(url), idKeys: idKeys)
                : try await client.masterDataHub.update(dataset, from: .file(url), idKeys: idKeys)
        } catch {
            row.state = "failed"
            row.error = Self.failure(error).description
            row.finishedAt = Date()
            await report(row, progress)
            throw Self.failure(error)
        }
        // The server's own operation takes over; the monitor follows it by its MDH id.
        row.state = "submitted"
        row.finishedAt = Date()
        row.progress = 1
        row.error = nil
        row.kind = kind
        row.file = url.lastPathComponent + " → op " + operationID.prefix(8)
        await report(row, progress)
        progress(OperationRow(id: "mdh:" + operationID, source: .masterDataHub, kind: kind, state: "queued", dataset: dataset,
                              file: url.lastPathComponent, startedAt: started, updatedAt: Date()))
    }

    public func download(dataset: String, file: String, progress: @escaping @Sendable (OperationRow) -> Void) async throws(ConsoleFailure) {
        let url = URL(fileURLWithPath: (file as NSString).expandingTildeInPath)
        let started = Date()
        let jobID = "job:download:\(UUID().uuidString.prefix(8))"
        let base = OperationRow(id: jobID, source: .job, kind: "download", state: "running", dataset: dataset, file: url.lastPathComponent,
                                startedAt: started, updatedAt: started, progress: 0)
        await report(base, progress)
        do {
            let summary = try await client.dataStorage.downloadCollection(dataset, to: url, format: .ndjson) { step in
                var row = base
                row.records = step.records
                row.updatedAt = Date()
                if let total = step.total, total > 0 { row.progress = Double(step.records) / Double(total) }
                progress(row)
            }
            var row = base
            row.state = "finished"
            row.records = summary.records
            row.progress = 1
            row.finishedAt = Date()
            await report(row, progress)
        } catch {
            var row = base
            row.state = "failed"
            row.error = Self.failure(error).description
            row.finishedAt = Date()
            await report(row, progress)
            throw Self.failure(error)
        }
    }

    func report(_ row: OperationRow, _ progress: @Sendable (OperationRow) -> Void) async {
        progress(row)
        await journal?.record(row)
    }
}
