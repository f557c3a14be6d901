import Foundation
import RossumKit

/// The Master Data Hub side of a case file: which datasets the annotation's matching hooks
/// read, and the operations that changed them around its life. "No supplier matches" is often
/// the answer to "which upload replaced the suppliers the morning this invoice arrived".
extension CaseFileBuilder {
    /// How far before the annotation arrived an operation still counts: the data it was
    /// matched against was written then.
    static let dataHubLookBack: TimeInterval = 86_400

    /// Datasets named by the matching configuration of the hooks on `queueID`:
    /// `config.configurations[].source.dataset` (the MDH hook's form).
    static func matchingDatasets(_ hooks: [Hook], queueID: Int) -> [String] {
        var names: [String] = []
        for hook in hooks where hook.queues.contains(where: { Shape.trailingID($0) == queueID }) {
            for configuration in hook.config?["configurations"]?.arrayValue ?? [] {
                if let name = configuration["source"]?["dataset"]?.stringValue, !names.contains(name) { names.append(name) }
            }
        }
        return names
    }

    static func dataHubOperations(_ sources: Sources) -> [CaseEntry] {
        guard !sources.matchingDatasets.isEmpty, let operations = sources.datasetOperations else { return [] }
        let arrived = Shape.date(sources.annotation.arrivedAt ?? sources.annotation.createdAt)
        let since = arrived.map { $0.addingTimeInterval(-dataHubLookBack) }
        return operations.compactMap { operation in
            guard let dataset = operation.datasetName, sources.matchingDatasets.contains(dataset) else { return nil }
            let time = Shape.date(operation.createdAt)
            if let since, let time, time < since { return nil }
            let row = Shape.row(operation)
            let counts = row.counts.changes
            let failed = row.phase == .failed
            return CaseEntry(id: "mdh-" + operation.id, time: time, source: .mdh,
                             summary: "\(OperationStates.kindLabel(row.kind)) of dataset \(dataset) (read by matching): \(operation.status.rawValue)"
                                + (counts.isEmpty ? "" : " " + counts) + (operation.error.map { ": " + $0 } ?? ""),
                             level: failed ? .error : .info, detail: Shape.prettyJSON(operation.raw))
        }
    }
}
