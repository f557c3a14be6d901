import Foundation
import TerminalUI

/// The steps of the dataset dialogs; a replace and a delete ask twice, the second time with
/// the dataset's name typed and the numbers that say what will happen.
public enum DatasetJobStep: Sendable, Hashable {
    case upsert(dataset: String)
    case replaceChooseFile(dataset: String)
    case replaceConfirm(dataset: String, file: String)
    case download(dataset: String)
    case delete(dataset: String)
}

/// MDH datasets with their record counts and the operations running on them.
public struct DatasetsScreen: ConsoleScreen {
    public var datasets: [DatasetSummary] = []
    public var scroll = ScrollState()
    public var load = LoadState()
    /// The dataset and file a replace preview was asked for (a late answer for another is dropped).
    public var awaitingPreview: ReplacePreviewRequest?

    public init() {}

    public var scopes: [KeyScope] { [ConsoleScope.datasets] }
    public var pollInterval: KeyPath<RefreshIntervals, TimeInterval>? { \.datasets }
    public func breadcrumb(_ context: ScreenContext) -> [String] { ["Datasets"] }

    public var selected: DatasetSummary? { datasets.indices.contains(scroll.selected) ? datasets[scroll.selected] : nil }

    public func isAvailable(_ action: ActionID, _ context: ScreenContext) -> Bool {
        switch action {
        case ConsoleAction.upsert, ConsoleAction.replace, ConsoleAction.download, ConsoleAction.deleteDataset: return selected != nil
        default: return ListNavigation.isMove(action)
        }
    }

    public mutating func refresh(_ context: inout ScreenContext, force: Bool) -> [Effect] {
        guard !load.inFlight, force || isDue(context) else { return [] }
        load.begin(at: context.now)
        return [.fetch(DatasetsRequest())]
    }

    public mutating func receive(_ answer: DataAnswer, _ context: inout ScreenContext) -> [Effect] {
        if let (_, result) = answer.answer(to: DatasetsRequest.self) {
            switch result {
            case .success(let loaded):
                // The cursor stays on the same dataset by name.
                let name = selected?.name
                datasets = loaded
                load.succeed(at: context.now)
                if let name, let index = datasets.firstIndex(where: { $0.name == name }) { scroll.selected = index }
                scroll.clamp(rowCount: datasets.count, visibleRows: context.bodyRows - 1)
            case .failure(let failure):
                load.fail(failure.description, at: context.now)
                context.flash("datasets: \(failure)", .error)
            }
            return []
        }
        if let (request, result) = answer.answer(to: ReplacePreviewRequest.self), request == awaitingPreview {
            awaitingPreview = nil
            switch result {
            case .success(let preview):
                let fileRecords = preview.fileRecords.map(Formatting.count) ?? "an unknown number of"
                let now = preview.datasetRecords.map(Formatting.count) ?? "an unknown number of"
                context.present(.dialog(Dialog(
                    title: "Replace every record of \(request.dataset)?",
                    message: ["File: \(preview.path)", "The file holds \(fileRecords) records.",
                              "\(request.dataset) holds \(now) records now; all of them are replaced by the file's.",
                              "This cannot be undone from here."],
                    confirmLabel: "Replace", requiredTyping: request.dataset, startOnCancel: true),
                    .datasetJob(.replaceConfirm(dataset: request.dataset, file: preview.path))))
            case .failure(let failure):
                context.flash("replace of \(request.dataset): \(failure.message)", .error)
            }
            return []
        }
        if let (request, result) = answer.answer(to: DatasetDeleteRequest.self) {
            switch result {
            case .success(let operation): context.flash("delete of \(request.dataset) queued (operation \(operation.prefix(8)))", .info)
            case .failure(let failure): context.flash("delete of \(request.dataset): \(failure)", .error)
            }
        }
        return []
    }

    public mutating func handle(_ action: ActionID, _ context: inout ScreenContext) -> [Effect] {
        if ListNavigation.move(&scroll, action, rowCount: datasets.count, visibleRows: context.bodyRows - 1) { return [] }
        guard let dataset = selected else {
            if isDatasetAction(action) { context.flash("no dataset selected", .warn) }
            return []
        }
        let name = dataset.name
        let size = dataset.recordCount.map { Formatting.count($0) + " records" } ?? "size unknown"
        switch action {
        case ConsoleAction.upsert:
            context.present(.dialog(Dialog(
                title: "Upsert into \(name)", message: ["Records in the file update those with the same id keys; new ones are added."],
                fields: [Dialog.Field(label: "File (JSON or CSV)", placeholder: "records.json"),
                         Dialog.Field(label: "ID keys (comma separated)", placeholder: "id")],
                confirmLabel: "Upsert", startOnCancel: true), .datasetJob(.upsert(dataset: name))))
        case ConsoleAction.replace:
            context.present(.dialog(Dialog(
                title: "Replace \(name) (\(size))", message: ["Choose the file; the next step shows what the replace will do."],
                fields: [Dialog.Field(label: "File (JSON or CSV)", placeholder: "records.json")],
                confirmLabel: "Next", startOnCancel: true), .datasetJob(.replaceChooseFile(dataset: name))))
        case ConsoleAction.download:
            context.present(.dialog(Dialog(
                title: "Download \(name) (\(size))", message: ["Every record of the collection, written as JSON lines."],
                fields: [Dialog.Field(label: "Save to", text: name + ".jsonl")],
                confirmLabel: "Download", startOnCancel: false), .datasetJob(.download(dataset: name))))
        case ConsoleAction.deleteDataset:
            context.present(.dialog(Dialog(
                title: "Delete the dataset \(name)?", message: ["\(name) holds \(size); the dataset and every record go.", "This cannot be undone from here."],
                confirmLabel: "Delete", requiredTyping: name, startOnCancel: true), .datasetJob(.delete(dataset: name))))
        default:
            break
        }
        return []
    }

    func isDatasetAction(_ action: ActionID) -> Bool {
        [ConsoleAction.upsert, ConsoleAction.replace, ConsoleAction.download, ConsoleAction.deleteDataset].contains(action)
    }

    /// An accepted dataset dialog: start the job, or the next step of a replace.
    mutating func accept(_ step: DatasetJobStep, _ dialog: Dialog, _ context: inout ScreenContext) -> [Effect] {
        func reopen(_ error: String, field: Int) -> [Effect] {
            var again = dialog
            again.error = error
            again.focus = .field(field)
            context.present(.dialog(again, .datasetJob(step)))
            return []
        }
        switch step {
        case .upsert(let dataset):
            let file = dialog.value(0)
            let keys = dialog.value(1).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !file.isEmpty else { return reopen("choose a file", field: 0) }
            guard !keys.isEmpty else { return reopen("name at least one id key", field: 1) }
            context.flash("upsert of \(file) into \(dataset) started", .info)
            return [.startJob(.upsert(dataset: dataset, file: file, idKeys: keys))]
        case .replaceChooseFile(let dataset):
            let file = dialog.value(0)
            guard !file.isEmpty else { return reopen("choose a file", field: 0) }
            let request = ReplacePreviewRequest(dataset: dataset, file: file)
            awaitingPreview = request
            context.flash("reading \(file)…", .info)
            return [.fetch(request)]
        case .replaceConfirm(let dataset, let file):
            context.flash("replace of \(dataset) from \(file) started", .info)
            return [.startJob(.replace(dataset: dataset, file: file))]
        case .download(let dataset):
            let file = dialog.value(0)
            guard !file.isEmpty else { return reopen("choose where to save", field: 0) }
            context.flash("downloading \(dataset) to \(file)", .info)
            return [.startJob(.download(dataset: dataset, file: file))]
        case .delete(let dataset):
            return [.fetch(DatasetDeleteRequest(dataset: dataset))]
        }
    }

    public func render(_ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        DatasetsView.draw(self, context, in: rect, into: &grid)
    }
}
