import Foundation
import TerminalUI

/// The steps of the dataset dialogs; a replace and a delete ask twice, the second time with
/// the dataset's name typed and the numbers that say what will happen.
public enum DatasetJobStep: Sendable, Hashable {
    case upsert(dataset: String)
    case replaceChooseFile(dataset: String)
    case replaceConfirm(dataset: String, file: String)
    case download(dataset: String)
    case downloadOverwrite(dataset: String, file: String)
    case delete(dataset: String)
}

/// MDH datasets with their record counts and the operations running on them.
public struct DatasetsScreen: ConsoleScreen {
    public var datasets: [DatasetSummary] = []
    public var scroll = ScrollState()
    public var load = LoadState()
    /// A check of a file asked for, with the dialog to reopen (text kept) if it fails; a late
    /// answer for another check is dropped.
    public var awaiting: (check: AnyDataRequest, step: DatasetJobStep, dialog: Dialog)?

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
        load.begin(at: context.now, asked: force)
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
        if let awaiting, awaiting.check == answer.request {
            self.awaiting = nil
            return checked(answer, awaiting.step, awaiting.dialog, &context)
        }
        if let (request, result) = answer.answer(to: DatasetDeleteRequest.self) {
            switch result {
            case .success(let operation): context.flash("delete of \(request.dataset) queued (operation \(operation.prefix(8)))", .info)
            case .failure(let failure): context.flash("delete of \(request.dataset): \(failure)", .error)
            }
        }
        return []
    }

    public mutating func click(x: Int, y: Int, in rect: Rect, _ context: inout ScreenContext) -> [Effect]? {
        ListNavigation.select(&scroll, atY: y, table: rect.dropFirst(1), rowCount: datasets.count) ? [] : nil
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
                         Dialog.Field(label: "ID keys (comma separated)", placeholder: "e.g. supplier_id")],
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

    /// An accepted dataset dialog: a file check first (the dialog comes back with the text
    /// kept if it fails), then the job.
    mutating func accept(_ step: DatasetJobStep, _ dialog: Dialog, _ context: inout ScreenContext) -> [Effect] {
        func reopen(_ error: String, field: Int) -> [Effect] {
            var again = dialog
            again.error = error
            again.focus = .field(field)
            context.present(.dialog(again, .datasetJob(step)))
            return []
        }
        func check<R: DataRequest>(_ request: R, _ what: String) -> [Effect] {
            awaiting = (AnyDataRequest(request), step, dialog)
            context.flash(what, .info)
            return [.fetch(request)]
        }
        switch step {
        case .upsert(let dataset):
            let file = dialog.value(0)
            let keys = dialog.value(1).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !file.isEmpty else { return reopen("choose a file", field: 0) }
            guard !keys.isEmpty else { return reopen("name at least one id key", field: 1) }
            return check(RecordFileCheck(dataset: dataset, file: file, idKeys: keys), "checking \(file)…")
        case .replaceChooseFile(let dataset):
            let file = dialog.value(0)
            guard !file.isEmpty else { return reopen("choose a file", field: 0) }
            return check(RecordFileCheck(dataset: dataset, file: file, idKeys: []), "reading \(file)…")
        case .replaceConfirm(let dataset, let file):
            context.flash("replace of \(dataset) from \((file as NSString).lastPathComponent) started", .info)
            return [.startJob(.replace(dataset: dataset, file: file))]
        case .download(let dataset):
            let file = dialog.value(0)
            guard !file.isEmpty else { return reopen("choose where to save", field: 0) }
            return check(DownloadTargetCheck(dataset: dataset, file: file), "checking \(file)…")
        case .downloadOverwrite(let dataset, let file):
            context.flash("downloading \(dataset) to \(file)", .info)
            return [.startJob(.download(dataset: dataset, file: file))]
        case .delete(let dataset):
            return [.fetch(DatasetDeleteRequest(dataset: dataset))]
        }
    }

    /// A file check answered: the next dialog or the job, or the first dialog again with why.
    mutating func checked(_ answer: DataAnswer, _ step: DatasetJobStep, _ dialog: Dialog, _ context: inout ScreenContext) -> [Effect] {
        context.flash = nil
        if case .failure(let failure) = answer.result {
            var again = dialog
            again.error = failure.message
            again.focus = .field(0)
            context.present(.dialog(again, .datasetJob(step)))
            return []
        }
        if let (_, result) = answer.answer(to: RecordFileCheck.self), case .success(let file) = result {
            switch step {
            case .upsert(let dataset):
                let keys = dialog.value(1).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                let count = file.fileRecords.map { " (\(Formatting.count($0)) records)" } ?? ""
                context.flash("upsert of \((file.path as NSString).lastPathComponent)\(count) into \(dataset) started", .info)
                return [.startJob(.upsert(dataset: dataset, file: file.path, idKeys: keys))]
            case .replaceChooseFile(let dataset):
                let fileRecords = file.fileRecords.map(Formatting.count) ?? "an unknown number of"
                let now = file.datasetRecords.map(Formatting.count) ?? "an unknown number of"
                context.present(.dialog(Dialog(
                    title: "Replace every record of \(dataset)?",
                    message: ["File: \(file.path)", "The file holds \(fileRecords) records.",
                              "\(dataset) holds \(now) records now; all of them are replaced by the file's.",
                              "This cannot be undone from here."],
                    confirmLabel: "Replace", requiredTyping: dataset, startOnCancel: true),
                    .datasetJob(.replaceConfirm(dataset: dataset, file: file.path))))
            default:
                break
            }
        }
        if let (_, result) = answer.answer(to: DownloadTargetCheck.self), case .success(let target) = result, case .download(let dataset) = step {
            guard let bytes = target.existingBytes else {
                context.flash("downloading \(dataset) to \(target.path)", .info)
                return [.startJob(.download(dataset: dataset, file: target.path))]
            }
            context.present(.dialog(Dialog(
                title: "Replace \((target.path as NSString).lastPathComponent)?",
                message: ["\(target.path) exists (\(Formatting.count(bytes)) bytes).", "The download replaces it when it finishes."],
                confirmLabel: "Replace it", startOnCancel: true),
                .datasetJob(.downloadOverwrite(dataset: dataset, file: target.path))))
        }
        return []
    }

    public func render(_ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        DatasetsView.draw(self, context, in: rect, into: &grid)
    }
}
