import Foundation
import TerminalUI

extension AppState {
    /// Annotation commands from the list (selected row or marks) or the detail.
    mutating func annotationAction(_ action: ActionID, targets: [Int], bulk: Bool = false) -> [Effect] {
        let command: AnnotationCommand
        switch action {
        case ConsoleAction.confirm: command = .confirm
        case ConsoleAction.postpone: command = .postpone
        case ConsoleAction.reject: command = .reject(note: "")
        case ConsoleAction.delete: command = .delete
        case ConsoleAction.start: command = .start
        case ConsoleAction.requeue: command = .requeue
        case ConsoleAction.openInBrowser:
            guard let id = targets.first else { return [] }
            return [.openURL(webURL(for: id))]
        default:
            return []
        }
        guard !targets.isEmpty else {
            flash("nothing selected", .warn)
            return []
        }
        overlay = .dialog(commandDialog(command, ids: targets, bulk: bulk))
        return []
    }

    public func webURL(for id: Int) -> String {
        let base = webAppBase.hasSuffix("/") ? String(webAppBase.dropLast()) : webAppBase
        return base + "/document/\(id)"
    }

    func commandDialog(_ command: AnnotationCommand, ids: [Int], bulk: Bool) -> DialogState {
        var fields: [DialogState.Field] = []
        if case .reject = command { fields.append(.init(label: "Note for the sender (optional)")) }
        var requiredTyping: String?
        if ids.count > DialogState.typedConfirmationThreshold {
            requiredTyping = String(ids.count)
            fields.append(.init(label: "Type \(ids.count) to \(command.verb) them all", placeholder: String(ids.count)))
        }
        let title: String
        var message: [String]
        if bulk || ids.count > 1 {
            title = "\(command.title) \(ids.count) annotation\(ids.count == 1 ? "" : "s")?"
            let listed = ids.prefix(8).map { "#\($0)" }.joined(separator: " ") + (ids.count > 8 ? " …" : "")
            message = [listed, "Each runs on its own; failures are reported per annotation."]
        } else {
            title = "\(command.title) annotation \(ids[0])?"
            let row = list?.row(at: list?.index(of: ids[0]) ?? -1) ?? (detail?.detail?.row)
            message = [row.map { "\($0.fileName) — \(StatusCatalog.label($0.status))" } ?? "#\(ids[0])"]
        }
        if command == .delete { message.append("Deleted annotations stay visible until purged.") }
        // Bulk and destructive actions start on Cancel; a single confirm/postpone starts on OK
        // so triage is two keys (c, enter).
        let focusCancel = bulk || ids.count > 1 || command == .delete
        return DialogState(purpose: .annotationCommand(command, ids: ids), title: title, message: message, fields: fields,
                           okLabel: command.title, requiredTyping: requiredTyping, focusCancel: focusCancel)
    }

    mutating func handleDialogKey(_ key: Key, _ dialog: DialogState) -> [Effect] {
        var dialog = dialog
        switch key {
        case .escape:
            overlay = nil
            return []
        case .tab, .down:
            dialog.focusNext()
        case .backTab, .up:
            dialog.focusPrevious()
        case .enter:
            if dialog.focusedField != nil {
                dialog.focusNext()
                // Enter in the last field means "go": jump to OK.
                if dialog.focus == dialog.cancelIndex { dialog.focus = dialog.okIndex }
            } else if dialog.focus == dialog.cancelIndex {
                overlay = nil
                return []
            } else {
                return acceptDialog(dialog)
            }
        case .left where dialog.focusedField == nil, .right where dialog.focusedField == nil:
            dialog.focus = dialog.focus == dialog.okIndex ? dialog.cancelIndex : dialog.okIndex
        default:
            if let index = dialog.focusedField {
                _ = dialog.fields[index].input.handle(key)
                dialog.error = nil
            } else if key == .char("y") && dialog.requiredTyping == nil {
                return acceptDialog(dialog)
            } else if key == .char("n") || key == .char("q") {
                overlay = nil
                return []
            }
        }
        overlay = .dialog(dialog)
        return []
    }

    mutating func acceptDialog(_ dialog: DialogState) -> [Effect] {
        var dialog = dialog
        guard dialog.typedConfirmationMatches else {
            dialog.error = "type \(dialog.requiredTyping ?? "") to go ahead"
            dialog.focus = dialog.fields.count - 1
            overlay = .dialog(dialog)
            return []
        }
        func text(_ index: Int) -> String {
            dialog.fields.indices.contains(index) ? dialog.fields[index].input.text.trimmingCharacters(in: .whitespaces) : ""
        }
        switch dialog.purpose {
        case .annotationCommand(var command, let ids):
            if case .reject = command { command = .reject(note: text(0)) }
            overlay = nil
            return runCommand(command, ids: ids, bulk: ids.count > 1 || (screen == .annotations && !(list?.marked.isEmpty ?? true)))
        case .upsert(let dataset):
            let file = text(0)
            let keys = text(1).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !file.isEmpty else { return dialogError(dialog, "choose a file", field: 0) }
            guard !keys.isEmpty else { return dialogError(dialog, "name at least one id key", field: 1) }
            overlay = nil
            flash("upsert of \(file) into \(dataset) started", .info)
            return [.startUpsert(dataset: dataset, file: file, idKeys: keys)]
        case .replace(let dataset):
            let file = text(0)
            guard !file.isEmpty else { return dialogError(dialog, "choose a file", field: 0) }
            overlay = nil
            flash("replace of \(dataset) from \(file) started", .info)
            return [.startReplace(dataset: dataset, file: file)]
        case .download(let dataset):
            let file = text(0)
            guard !file.isEmpty else { return dialogError(dialog, "choose where to save", field: 0) }
            overlay = nil
            flash("downloading \(dataset) to \(file)", .info)
            return [.downloadCollection(dataset: dataset, file: file)]
        }
    }

    private mutating func dialogError(_ dialog: DialogState, _ message: String, field: Int) -> [Effect] {
        var dialog = dialog
        dialog.error = message
        dialog.focus = field
        overlay = .dialog(dialog)
        return []
    }

    /// Starts the command on every id; a bulk run collects the per-item report.
    mutating func runCommand(_ command: AnnotationCommand, ids: [Int], bulk: Bool) -> [Effect] {
        if bulk {
            let run = BulkRun(id: nextBulkID, command: command, ids: ids)
            nextBulkID += 1
            self.bulk = run
            overlay = .bulkReport
            return ids.map { .run(command, id: $0, bulkID: run.id) }
        }
        guard let id = ids.first else { return [] }
        flash("#\(id): \(command.verb)…", .info)
        return [.run(command, id: id, bulkID: nil)]
    }

    mutating func commandFinished(_ command: AnnotationCommand, id: Int, bulkID: Int?, _ result: Result<String?, ConsoleFailure>) -> [Effect] {
        var effects: [Effect] = [.refreshAnnotationRow(id: id)]
        if detail?.annotationID == id { effects.append(.loadAnnotation(id: id)) }
        if let bulkID, var run = bulk, run.id == bulkID {
            switch result {
            case .success(let status): run.outcomes[id] = .succeeded(newStatus: status)
            case .failure(let failure): run.outcomes[id] = .failed(failure)
            }
            bulk = run
            if run.finished {
                // Succeeded items leave the marks; failed ones stay marked to retry or inspect.
                let succeeded = run.ids.filter { if case .succeeded = run.outcomes[$0] { return true } else { return false } }
                list?.marked.subtract(succeeded)
                let level: FlashLevel = run.failedCount == 0 ? .info : .warn
                flash("\(command.title): \(run.succeededCount) of \(run.ids.count) \(command.pastTense), \(run.failedCount) failed", level)
                effects += refreshAfterChange()
            }
            return effects
        }
        switch result {
        case .success(let status):
            let now = status.map { " (now \(StatusCatalog.label($0)))" } ?? ""
            flash("#\(id) \(command.pastTense)\(now)", .info)
            effects += refreshAfterChange()
        case .failure(let failure):
            flash("#\(id) not \(command.pastTense): \(failure.kind == .conflict ? conflictText(failure) : failure.description)", .error)
        }
        return effects
    }

    func conflictText(_ failure: ConsoleFailure) -> String {
        "409 conflict, someone else is reviewing it or its status changed meanwhile (\(failure.message)); row refreshed"
    }

    /// After a status change: queue counts and the list's visible pages are out of date.
    mutating func refreshAfterChange() -> [Effect] {
        var effects: [Effect] = []
        if !tree.load.inFlight {
            tree.load.begin(at: now)
            effects.append(.loadWorkspaces)
        }
        if let list, screen == .annotations || screen == .detail {
            let pages = Set(AnnotationListState.pages(covering: list.scroll.offset, count: listVisibleRows, total: list.total))
            effects += ensureVisiblePagesLoaded(reloading: pages)
        }
        return effects
    }
}
