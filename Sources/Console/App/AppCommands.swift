import Foundation
import TerminalUI

extension AppState {
    /// Above this many targets the count must be typed to go ahead.
    public static let typedConfirmationThreshold = 20

    /// Opens the confirmation for exactly the annotations the screen named.
    mutating func askToRun(_ request: CommandRequest) {
        guard !request.ids.isEmpty else {
            flash(request.hiddenMarks > 0 ? "the \(request.hiddenMarks) marked annotations are not in this view" : "nothing selected", .warn)
            return
        }
        let command = request.command
        let count = request.ids.count
        let bulk = request.fromMarks || count > 1
        var fields: [Dialog.Field] = []
        if case .reject = command { fields.append(Dialog.Field(label: "Note for the sender (optional)")) }
        var message: [String] = []
        if let moved = request.selectionMoved { message.append("Careful: \(moved).") }
        message += request.descriptions.prefix(6)
        if request.descriptions.count > 6 { message.append("… and \(request.descriptions.count - 6) more") }
        if request.hiddenMarks > 0 {
            message.append("\(request.hiddenMarks) marked annotation\(request.hiddenMarks == 1 ? " is" : "s are") not in this view and left out.")
        }
        if !request.warnings.isEmpty {
            message.append("The server warns (\(request.warnings.count)):")
            message += request.warnings.prefix(6).map { "  ! " + $0 }
            if request.warnings.count > 6 { message.append("  … and \(request.warnings.count - 6) more") }
        }
        if bulk { message.append("Each runs on its own; failures are reported per annotation.") }
        if command == .delete { message.append("Deleted annotations stay visible until purged.") }
        let title = bulk ? "\(command.title) \(count) annotation\(count == 1 ? "" : "s")?" : "\(command.title) annotation #\(request.ids[0])?"
        // Bulk, destructive, moved-cursor and warned confirmations start on Cancel; a single
        // confirm or postpone starts on the action, so triage is two keys (c, enter).
        let startOnCancel = bulk || command == .delete || request.selectionMoved != nil || !request.warnings.isEmpty
        let dialog = Dialog(title: title, message: message, fields: fields, confirmLabel: command.title,
                            requiredTyping: count > Self.typedConfirmationThreshold ? String(count) : nil, startOnCancel: startOnCancel)
        overlay = .dialog(dialog, .annotationCommand(command, ids: request.ids))
        flash = nil
    }

    /// Starts the command on every id; more than one is a bulk run with a per-item report.
    mutating func runCommand(_ command: AnnotationCommand, ids: [Int]) -> [Effect] {
        for id in ids { pending[id] = command }
        if ids.count > 1 {
            let run = BulkRun(id: nextBulkID, command: command, ids: ids)
            nextBulkID += 1
            bulk = run
            overlay = .bulkReport
            return ids.map { .fetch(AnnotationCommandRequest(command: command, id: $0, bulkID: run.id)) }
        }
        guard let id = ids.first else { return [] }
        flash("#\(id): \(command.verb)…", .info)
        return [.fetch(AnnotationCommandRequest(command: command, id: id, bulkID: nil))]
    }

    /// The app's share of answers: the catalog, the monitor, command outcomes.
    mutating func receiveShared(_ answer: DataAnswer) -> [Effect] {
        if let effects = receiveReviewAnswer(answer) { return effects }
        if let (_, result) = answer.answer(to: SaveTextRequest.self) {
            switch result {
            case .success(let path): flash("saved to \(path)", .info)
            case .failure(let failure): flash("not saved: \(failure.message)", .error)
            }
            return []
        }
        if let (request, result) = answer.answer(to: RawObjectRequest.self) {
            switch result {
            case .success(let text):
                flash = nil
                let object = request.object
                return open(DocumentScreen(title: "\(object.kind) \(object.id) · \(object.apiPath)", crumb: "\(object.kind) \(object.id) JSON", text: text))
            case .failure(let failure):
                flash("\(request.object.apiPath): \(failure)", .error)
                return []
            }
        }
        if let (_, result) = answer.answer(to: WorkspacesRequest.self) {
            switch result {
            case .success(let (organization, workspaces)):
                catalog.organization = organization ?? catalog.organization
                catalog.workspaces = workspaces
            case .failure(let failure):
                flash("workspaces: \(failure)", .error)
            }
            return []
        }
        if let (_, result) = answer.answer(to: OperationsRequest.self) {
            switch result {
            case .success(let rows):
                monitor.load.succeed(at: now)
                return mergeOperations(rows, replacing: [], complete: true)
            case .failure(let failure):
                monitor.load.fail(failure.description, at: now)
                return []
            }
        }
        if let (request, result) = answer.answer(to: AnnotationDetailRequest.self), case .success(let detail) = result,
           (top as? DetailScreen)?.annotationID == request.id {
            places.opened(RecentAnnotation(id: request.id, fileName: detail.row.fileName, queueName: detail.queueName,
                                           status: detail.row.status, openedAt: now))
        }
        if let (request, result) = answer.answer(to: AnnotationCommandRequest.self) {
            return commandFinished(request, result)
        }
        return []
    }

    mutating func commandFinished(_ request: AnnotationCommandRequest, _ result: Result<String?, ConsoleFailure>) -> [Effect] {
        let (command, id) = (request.command, request.id)
        pending[id] = nil
        if let bulkID = request.bulkID, var run = bulk, run.id == bulkID {
            switch result {
            case .success(let status): run.outcomes[id] = .succeeded(newStatus: status)
            case .failure(let failure): run.outcomes[id] = .failed(failure)
            }
            bulk = run
            if run.finished {
                let level: FlashLevel = run.failedCount == 0 ? .info : .warn
                flash("\(command.title): \(run.succeededCount) of \(run.ids.count) \(command.pastTense), \(run.failedCount) failed", level)
                return refreshCatalog()
            }
            return []
        }
        switch result {
        case .success(let status):
            flash("#\(id) \(command.pastTense)" + Self.statusNote(status, after: command), .info)
            return refreshCatalog()
        case .failure(let failure):
            let reason = failure.kind == .conflict
                ? "409 conflict, someone else is reviewing it or its status changed meanwhile (\(failure.message)); row refreshed"
                : failure.description
            flash("#\(id) not \(command.pastTense): \(reason)", .error)
            return []
        }
    }

    /// ` (now exported)` when the status says more than the verb did; nothing when it repeats it.
    static func statusNote(_ status: String?, after command: AnnotationCommand) -> String {
        guard let status, StatusCatalog.label(status) != command.pastTense else { return "" }
        return " (now \(StatusCatalog.label(status)))"
    }

    /// Queue counts change with every status change.
    mutating func refreshCatalog() -> [Effect] {
        guard var tree = stack.first as? TreeScreen, !tree.load.inFlight else { return [] }
        tree.load.begin(at: now)
        stack[0] = tree
        return [.fetch(WorkspacesRequest())]
    }
}
