import Foundation
import TerminalUI

/// One annotation: metadata, history, blockers, and its fields as a keyboard validation
/// screen (`FieldEditor`): move between fields, edit, see the server's messages, confirm.
/// Its breadcrumb names the annotation's own queue, wherever it was opened from.
public struct DetailScreen: ConsoleScreen {
    public var annotationID: Int
    /// What the list knew of it, shown until the full detail arrives.
    public var row: AnnotationRow?
    public var queueName: String?
    public var workspaceName: String?
    public var detail: AnnotationDetail?
    public var scroll = 0
    public var load = LoadState()
    public var editor = FieldEditor()

    public init(annotationID: Int, row: AnnotationRow? = nil, queue: QueueSummary? = nil, workspaceName: String? = nil) {
        self.annotationID = annotationID
        self.row = row
        queueName = queue?.name
        self.workspaceName = workspaceName
    }

    /// While the review is ours the editor's keys come first (`u` undoes, `tab` moves).
    public var scopes: [KeyScope] {
        editor.review == .mine ? [ConsoleScope.editor, ConsoleScope.detail, ConsoleScope.annotations]
            : [ConsoleScope.detail, ConsoleScope.annotations]
    }
    public var pollInterval: KeyPath<RefreshIntervals, TimeInterval>? { \.detail }

    public func breadcrumb(_ context: ScreenContext) -> [String] {
        [detail?.workspaceName ?? workspaceName, detail?.queueName ?? queueName, "#\(annotationID)"].compactMap { $0 }
    }

    var status: String? { detail?.row.status ?? row?.status }

    public func pluginTargets(_ context: ScreenContext) -> (annotationIDs: [Int], queueID: Int?) {
        ([annotationID], detail?.row.queueID ?? row?.queueID)
    }

    public func isAvailable(_ action: ActionID, _ context: ScreenContext) -> Bool {
        if let command = ConsoleAction.command(for: action) {
            return status.map(command.applies) ?? false
        }
        if action.rawValue.hasPrefix("editor.") { return editorOffers(action, now: true) }
        switch action {
        case NavigationAction.filter, NavigationAction.toggleMark, NavigationAction.open: return false
        case NavigationAction.left, NavigationAction.right: return editor.focusedRow != nil
        default: return true
        }
    }

    public func offers(_ action: ActionID, _ context: ScreenContext) -> Bool {
        if action.rawValue.hasPrefix("editor.") { return editorOffers(action, now: false) }
        return ![NavigationAction.filter, NavigationAction.toggleMark, NavigationAction.open].contains(action)
    }

    public mutating func refresh(_ context: inout ScreenContext, force: Bool) -> [Effect] {
        guard !load.inFlight, force || isDue(context) else { return [] }
        load.begin(at: context.now, asked: force)
        return [.fetch(AnnotationDetailRequest(id: annotationID, writeStamp: editor.writes.stamp))]
    }

    public mutating func receive(_ answer: DataAnswer, _ context: inout ScreenContext) -> [Effect] {
        if let (request, result) = answer.answer(to: AnnotationDetailRequest.self), request.id == annotationID {
            if case .success = result, detail != nil, !editor.writes.isCurrent(request.writeStamp) {
                // A write crossed this answer's way: its status and content may predate the
                // write (a review shown as not started, a saved value shown reverted). Ask again
                // once nothing is on its way; the writes' own answers keep the screen right meanwhile.
                load.inFlight = false
                load.showsProgress = false
                return editor.writes.inFlight == 0 ? refresh(&context, force: true) : []
            }
            switch result {
            case .success(let loaded):
                detail = loaded
                load.succeed(at: context.now)
                return loadedEditor(loaded, &context)
            case .failure(let failure) where failure.kind == .notFound && detail == nil:
                // Nothing to show: say so and go back instead of an empty page.
                context.flash("annotation \(annotationID) does not exist (404)", .error)
                context.pop()
            case .failure(let failure):
                load.fail(failure.description, at: context.now)
                context.flash("annotation \(annotationID): \(failure)", .error)
            }
            return []
        }
        if let (request, result) = answer.answer(to: AnnotationCommandRequest.self), request.id == annotationID {
            // A detail asked before the command's answer may show the status before it.
            editor.writes.crossed()
            if case .success(let status?) = result { detail?.row.status = status }
            // Whatever the outcome, show the server's view of it now.
            load.inFlight = false
            return refresh(&context, force: true)
        }
        return receiveEditing(answer, &context)
    }

    public mutating func handle(_ action: ActionID, _ context: inout ScreenContext) -> [Effect] {
        let page = max(1, context.bodyRows - 1)
        let lastLine = max(0, lineCount(context) - context.bodyRows)
        if action.rawValue.hasPrefix("editor.") { return handleEditing(action, &context) }
        let hasFields = !editor.order.isEmpty
        switch action {
        case NavigationAction.up where hasFields: editor.moveRow(-1); follow(context)
        case NavigationAction.down where hasFields: editor.moveRow(1); follow(context)
        case NavigationAction.left: editor.moveCell(-1); follow(context)
        case NavigationAction.right: editor.moveCell(1); follow(context)
        case NavigationAction.up: scroll = max(0, scroll - 1)
        case NavigationAction.down: scroll = min(lastLine, scroll + 1)
        case NavigationAction.pageUp: scroll = max(0, scroll - page)
        case NavigationAction.pageDown: scroll = min(lastLine, scroll + page)
        case NavigationAction.top:
            editor.moveToEdge(last: false)
            scroll = 0
        case NavigationAction.bottom where hasFields:
            // The last cell, in view: blockers and messages below the fields may fill a screen.
            editor.moveToEdge(last: true)
            follow(context)
        case NavigationAction.bottom:
            scroll = lastLine
        case ConsoleAction.nextToReview:
            // The list this detail came from decides what is next, and opens it.
            context.forward(ConsoleAction.nextToReviewAndOpen)
        case ConsoleAction.caseFile:
            context.push(CaseFileScreen(annotationID: annotationID))
        case ConsoleAction.openInBrowser:
            return [.openURL(context.webURL(for: annotationID))]
        default:
            guard let command = ConsoleAction.command(for: action) else { return [] }
            guard let status else {
                context.flash("annotation \(annotationID) is still loading", .info)
                return []
            }
            guard command.applies(to: status) else {
                context.flash("#\(annotationID) is \(StatusCatalog.label(status)): \(command.title.lowercased()) does not apply", .warn)
                return []
            }
            if command == .confirm, !mayConfirm(&context) { return [] }
            let name = detail?.row.fileName ?? row?.fileName ?? ""
            context.requestCommand(CommandRequest(command: command, ids: [annotationID],
                                                  descriptions: ["#\(annotationID)  \(name) — \(StatusCatalog.label(status))"],
                                                  warnings: command == .confirm ? confirmWarnings : []))
        }
        return []
    }

    public func hookLogScope(_ context: ScreenContext) -> HookLogFilter { HookLogFilter(annotations: [annotationID]) }

    public var isTyping: Bool { editor.input != nil }

    public func selectedObject(_ context: ScreenContext) -> SelectedObject? {
        SelectedObject(kind: "annotation", id: annotationID, apiPath: "annotations/\(annotationID)", webURL: context.webURL(for: annotationID))
    }

    public func leaveRefusal() -> String? {
        editingLeaveRefusal()
    }

    public mutating func captureKey(_ key: Key, _ context: inout ScreenContext) -> [Effect]? {
        captureEditingKey(key, &context)
    }

    public mutating func capturePaste(_ text: String, _ context: inout ScreenContext) -> Bool {
        guard editor.input != nil else { return false }
        editor.input?.text.insert(text)
        if editor.input?.text.isFull == true {
            context.flash("the paste was cut at \(Formatting.count(TextInput.maximumLength)) characters", .warn)
        }
        return true
    }

    func lines(_ detail: AnnotationDetail, _ context: ScreenContext, width: Int) -> [DetailView.Line] {
        DetailView.lines(detail, formatting: context.formatting, width: width, editor: editor, readOnly: context.readOnly)
    }

    /// The body's width for the lines (the page text takes its share on wide terminals).
    func linesWidth(_ context: ScreenContext) -> Int {
        (DetailView.showsPageText(self, width: context.width) ? context.width - DetailView.pageTextWidth(context.width) : context.width) - 2
    }

    func lineCount(_ context: ScreenContext) -> Int {
        guard let detail else { return 0 }
        return lines(detail, context, width: linesWidth(context)).count
    }

    /// Scrolls so the focused field shows, with its message lines under it.
    mutating func follow(_ context: ScreenContext) {
        guard let detail else { return }
        let lines = lines(detail, context, width: linesWidth(context))
        guard let index = lines.firstIndex(where: { $0.focus != nil }) else { return }
        let rows = max(1, context.bodyRows)
        if index < scroll + 1 { scroll = max(0, index - 1) }
        if index + 2 > scroll + rows { scroll = min(max(0, lines.count - rows), index + 2 - rows) }
    }

    public func render(_ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        DetailView.draw(self, context, in: rect, into: &grid)
    }
}
