import Foundation
import RossumKit
import TerminalUI

/// The detail as a validation screen: the review is started with the first edit and cancelled
/// when the person leaves without confirming; every edit shows at once, goes to the server as
/// a content operation, and is followed by `content/validate`.
extension DetailScreen {
    /// Whether an editor key does something here (`now`: on the focused field, for the hints).
    func editorOffers(_ action: ActionID, now: Bool) -> Bool {
        guard editor.loaded, !editor.order.isEmpty || action == EditorAction.addRow else { return false }
        var writable = FieldEditor.editableStatuses.contains(status ?? "")
        if case .heldBy = editor.review { writable = false }
        switch action {
        case EditorAction.nextAttention, EditorAction.nextField, EditorAction.previousField: return true
        case EditorAction.undo: return writable && (!now || !editor.undo.isEmpty)
        case EditorAction.edit, EditorAction.clear: return writable && editor.focused != nil
        case EditorAction.addRow: return writable && (!now || editor.focusedTable != nil)
        case EditorAction.duplicateRow, EditorAction.deleteRow: return writable && (!now || editor.focusedRow != nil)
        default: return false
        }
    }

    mutating func handleEditing(_ action: ActionID, _ context: inout ScreenContext) -> [Effect] {
        switch action {
        case EditorAction.nextAttention:
            if !editor.moveToAttention() { context.flash("no field needs attention", .info) }
            follow(context)
            return []
        case EditorAction.nextField, EditorAction.previousField:
            editor.moveField(action == EditorAction.nextField ? 1 : -1)
            follow(context)
            return []
        default: break
        }
        guard mayWrite(&context) else { return [] }
        guard let cell = editor.focused else {
            if action == EditorAction.addRow, let table = editor.focusedTable { return queue(.addRow(multivalueID: table, values: [:]), &context) }
            return []
        }
        if action == EditorAction.addRow, editor.focusedRow == nil, let table = editor.focusedTable {
            // From a header field `a` adds to the only table: say where, the row may be off screen.
            context.flash("line item added to \(editor.label(of: table)) (its last row)", .info)
        }
        if cell.isPlaceholder && action != EditorAction.addRow && action != EditorAction.undo {
            context.flash("this row is still being added; a moment", .info)
            return []
        }
        switch action {
        case EditorAction.edit:
            editor.input = InlineInput(id: cell.id, text: TextInput(editor.kept.removeValue(forKey: cell.id) ?? cell.value))
            follow(context)
            // The person is typing from now on; the review starts meanwhile.
            return startReview()
        case EditorAction.clear:
            guard !cell.value.isEmpty else { return [] }
            return queue(.replace(datapointID: cell.id, old: cell.value, new: ""), &context)
        case EditorAction.addRow:
            guard let table = editor.focusedTable else {
                context.flash("a adds a line item; move into a table first", .info)
                return []
            }
            return queue(.addRow(multivalueID: table, values: [:]), &context)
        case EditorAction.duplicateRow, EditorAction.deleteRow:
            guard let row = editor.focusedRow else {
                context.flash("\(action == EditorAction.deleteRow ? "X deletes" : "y duplicates") a line item; move into a table first", .info)
                return []
            }
            let values = Dictionary(row.cells.map { ($0.schemaID, $0.value) }, uniquingKeysWith: { first, _ in first })
            if action == EditorAction.duplicateRow { return queue(.addRow(multivalueID: row.multivalueID, values: values), &context) }
            // The cursor moves to the next row (the previous one at the end) before this one goes.
            editor.moveRow(1)
            if row.cells.contains(where: { $0.id == editor.cursor }) { editor.moveRow(-1) }
            return queue(.removeRow(tupleID: row.tupleID, multivalueID: row.multivalueID, values: values), &context)
        case EditorAction.undo:
            guard let last = editor.undo.popLast() else {
                context.flash("nothing to undo", .info)
                return []
            }
            // The API adds a line item at the end of its table, so an undone delete comes back there.
            let place = if case .addRow = last { " (at the end of the table: the API adds line items there)" } else { "" }
            context.flash("undo: " + last.summary(editor.label(of:)) + place, .info)
            return queue(last, isUndo: true, &context)
        default:
            return []
        }
    }

    /// Why an edit cannot start, said, or true.
    mutating func mayWrite(_ context: inout ScreenContext) -> Bool {
        if context.readOnly {
            context.flash("read-only mode: editing is switched off", .warn)
            return false
        }
        if case .heldBy(let reviewer) = editor.review {
            let since = reviewer.since.map { " since " + context.formatting.dateTime($0) } ?? ""
            context.flash("#\(annotationID) is being reviewed by \(reviewer.name)\(since); editing is refused", .warn)
            return false
        }
        guard let status, FieldEditor.editableStatuses.contains(status) else {
            context.flash("#\(annotationID) is \(StatusCatalog.label(status ?? "loading")): its fields cannot be edited", .warn)
            return false
        }
        return true
    }

    /// Shows the edit at once and sends it when its turn comes.
    mutating func queue(_ edit: ContentEdit, isUndo: Bool = false, _ context: inout ScreenContext) -> [Effect] {
        _ = editor.enqueue(edit, isUndo: isUndo)
        follow(context)
        return startReview() + sendNext()
    }

    mutating func startReview() -> [Effect] {
        guard editor.review == .idle else { return [] }
        editor.review = .starting
        editor.writes.sent()
        return [.fetch(ReviewStartRequest(annotationID: annotationID))]
    }

    mutating func sendNext() -> [Effect] {
        guard let pending = editor.nextToSend() else { return [] }
        editor.writes.sent()
        return [.fetch(ContentEditRequest(annotationID: annotationID, seq: pending.seq, edit: pending.edit, before: editor.server))]
    }

    mutating func validate(_ updated: [Int] = []) -> [Effect] {
        if case .heldBy = editor.review { return [] }
        editor.validation.asked += 1
        return [.fetch(ContentValidateRequest(annotationID: annotationID, seq: editor.validation.asked, updatedIDs: updated))]
    }

    /// A fresh detail: the editor takes its content and reviewer; the first one also asks
    /// for the messages and the page text.
    mutating func loadedEditor(_ loaded: AnnotationDetail, _ context: inout ScreenContext) -> [Effect] {
        guard let editing = loaded.editing else { return [] }
        let first = !editor.loaded
        editor.load(editing, status: loaded.row.status)
        var effects: [Effect] = []
        if editor.review == .idle, editor.outbox.contains(where: { !$0.sent }) {
            // The review these edits waited for is gone (someone confirmed or took it).
            let dropped = editor.dropUnsent()
            context.flash("\(dropped) edit\(dropped == 1 ? "" : "s") not saved: the review ended; what you typed is kept (e)", .warn)
        }
        if first {
            effects += validate()
            editor.pageData = .loading
            effects.append(.fetch(PageDataRequest(annotationID: annotationID)))
        }
        return effects + sendNext()
    }

    mutating func receiveEditing(_ answer: DataAnswer, _ context: inout ScreenContext) -> [Effect] {
        if let (request, result) = answer.answer(to: ReviewStartRequest.self), request.annotationID == annotationID {
            editor.writes.answered()
            switch result {
            case .success:
                editor.review = .mine
                detail?.row.status = "reviewing"
                return sendNext() + validate()
            case .failure(let failure):
                editor.review = .idle
                let dropped = editor.dropUnsent()
                let kept = dropped > 0 || editor.input != nil ? "; what you typed is kept" : ""
                context.flash("editing refused: \(failure.message)\(kept)", .error)
                load.inFlight = false
                return refresh(&context, force: true)
            }
        }
        if let (request, result) = answer.answer(to: ContentEditRequest.self), request.annotationID == annotationID {
            editor.writes.answered()
            switch result {
            case .success(let content):
                editor.applied(seq: request.seq, content: content)
                var updated: [Int] = []
                if case .replace(let id, _, _) = request.edit { updated = [id] }
                return sendNext() + validate(updated)
            case .failure(let failure):
                let refused = editor.refused(seq: request.seq)
                let what = refused.map { $0.edit.summary(editor.label(of:)) } ?? "edit"
                guard failure.kind == .conflict else {
                    let again = if case .replace = refused?.edit { "; e on the field brings back what you typed" } else { "" }
                    context.flash("not saved (\(what)): \(failure.message)\(again)", .error)
                    return sendNext()
                }
                // A 409: the review is not ours any more, so the edits after it would be refused
                // too; they are dropped (what was typed is kept) and the detail says whose it is.
                let dropped = editor.dropUnsent()
                editor.review = .idle
                let also = dropped > 0 ? " and \(dropped) more edit\(dropped == 1 ? "" : "s")" : ""
                context.flash("not saved (\(what))\(also): \(failure.message); what you typed is kept", .error)
                load.inFlight = false
                return refresh(&context, force: true)
            }
        }
        if let (request, result) = answer.answer(to: ContentValidateRequest.self), request.annotationID == annotationID,
           request.seq == editor.validation.asked {
            editor.validation.answered = request.seq
            switch result {
            case .success(let answer):
                editor.validation.messages = answer.messages
                editor.validation.error = nil
                // Messages above the focused field push it down: keep it in view.
                follow(context)
            case .failure(let failure):
                editor.validation.error = failure.message
            }
            return []
        }
        if let (request, result) = answer.answer(to: PageDataRequest.self), request.annotationID == annotationID {
            switch result {
            case .success(let pages?): editor.pageData = .pages(pages)
            case .success(nil): editor.pageData = .missing
            case .failure(let failure): editor.pageData = .failed(failure.message)
            }
        }
        return []
    }

    /// Keys while a value is typed: the text field takes them; `enter` saves, `esc` cancels.
    /// Ctrl keys (quit, refresh, suspend) still reach the app.
    mutating func captureEditingKey(_ key: Key, _ context: inout ScreenContext) -> [Effect]? {
        guard var input = editor.input else { return nil }
        switch key {
        case .escape:
            editor.input = nil
            return []
        case .enter:
            editor.input = nil
            guard let cell = editor.order.first(where: { $0.id == input.id }) else {
                editor.kept[input.id] = input.text.text
                context.flash("that field is gone (the content changed); what you typed is kept", .warn)
                return []
            }
            let text = input.text.text
            guard text != cell.value else { return [] }
            if case .heldBy = editor.review {
                editor.kept[input.id] = text
                _ = mayWrite(&context)
                return []
            }
            return queue(.replace(datapointID: cell.id, old: cell.value, new: text), &context)
        default:
            if input.text.handle(key) {
                editor.input = input
                return []
            }
            return key.modifiers.contains(.ctrl) ? nil : []
        }
    }

    /// This screen holds the annotation's review (started, or being started, by its edits).
    var holdsReview: Bool {
        switch editor.review {
        case .starting, .mine: true
        default: false
        }
    }

    /// Leaving is the app's: it cancels a review left open (`AppState.releaseLeftReviews`).
    /// An edit on its way, or a review being started, holds the person here for a moment:
    /// leaving now would cancel the review under the edit, or leave a review nobody cancels.
    func editingLeaveRefusal() -> String? {
        if !editor.outbox.isEmpty {
            return "saving \(editor.outbox.count) edit\(editor.outbox.count == 1 ? "" : "s") of #\(annotationID); again once saved"
        }
        if editor.review == .starting { return "the review of #\(annotationID) is starting; again in a moment" }
        return nil
    }

    /// The validation's warnings, each with its field: the confirm dialog lists them.
    var confirmWarnings: [String] {
        editor.validation.problems.filter { !$0.isError }.map(editor.describe)
    }

    /// `c` is refused while edits or the validation are on their way, and when the server's
    /// validation reports errors: the dialog lists them.
    mutating func mayConfirm(_ context: inout ScreenContext) -> Bool {
        guard editor.loaded else { return true }
        if !editor.outbox.isEmpty {
            context.flash("saving your edits; confirm once they are saved", .info)
            return false
        }
        if !editor.validation.isCurrent {
            context.flash("validating; c again in a moment", .info)
            return false
        }
        let blocking = editor.validation.blocking
        guard !blocking.isEmpty else { return true }
        let lines = blocking.map(editor.describe)
        context.present(.dialog(Dialog.info(title: "#\(annotationID) cannot be confirmed",
                                            lines: ["The server reports \(blocking.count) error\(blocking.count == 1 ? "" : "s"):"] + lines
                                                + ["", "Fix them (! jumps to the next field needing attention), then c again."]),
                                .information))
        return false
    }
}
