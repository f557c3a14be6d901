import Foundation
import TerminalUI

extension ConsoleScope {
    public static let caseFile: KeyScope = "case_file"
}

/// Why an annotation is where it is (`w` from the list or the detail): one timeline of its
/// status history, audit log, hook runs, messages, automation blockers, notes and the email
/// it came in, newest first, each naming its source; `enter` shows an entry whole. On a failed
/// export the top says which hook failed and how; `E` retries, `u` returns it to review.
public struct CaseFileScreen: ConsoleScreen {
    public var annotationID: Int
    public var file: CaseFile?
    public var scroll = ScrollState()
    public var load = LoadState()

    public init(annotationID: Int) {
        self.annotationID = annotationID
    }

    public var scopes: [KeyScope] { [ConsoleScope.caseFile, ConsoleScope.annotations] }
    public var pollInterval: KeyPath<RefreshIntervals, TimeInterval>? { \.detail }

    public func breadcrumb(_ context: ScreenContext) -> [String] {
        [file?.queueName, "#\(annotationID)", "why"].compactMap { $0 }
    }

    /// `S` writes the support bundle: the case file as Markdown with its raw entries as
    /// NDJSON, secrets redacted, ready to attach to a ticket.
    public var savable: SavableText? {
        file.map { SavableText(suggestedName: "case-\(annotationID).md", text: CaseFileBundle(file: $0).markdown) }
    }

    public var selected: CaseEntry? {
        guard let entries = file?.entries, entries.indices.contains(scroll.selected) else { return nil }
        return entries[scroll.selected]
    }

    /// Rows of the table: the body less the title, the headline and the gaps.
    func visibleRows(_ context: ScreenContext) -> Int {
        max(1, context.bodyRows - 1 - CaseFileView.headerLines(file, context).count)
    }

    public func isAvailable(_ action: ActionID, _ context: ScreenContext) -> Bool {
        if let command = ConsoleAction.command(for: action) { return file.map { command.applies(to: $0.status) } ?? false }
        switch action {
        case NavigationAction.open: return selected?.detail != nil
        case ConsoleAction.openInBrowser: return true
        default: return ListNavigation.isMove(action)
        }
    }

    public func hookLogScope(_ context: ScreenContext) -> HookLogFilter { HookLogFilter(annotations: [annotationID]) }

    public func selectedObject(_ context: ScreenContext) -> SelectedObject? {
        SelectedObject(kind: "annotation", id: annotationID, apiPath: "annotations/\(annotationID)", webURL: context.webURL(for: annotationID))
    }

    public mutating func refresh(_ context: inout ScreenContext, force: Bool) -> [Effect] {
        guard !load.inFlight, force || isDue(context) else { return [] }
        load.begin(at: context.now, asked: force)
        return [.fetch(CaseFileRequest(annotationID: annotationID))]
    }

    public mutating func receive(_ answer: DataAnswer, _ context: inout ScreenContext) -> [Effect] {
        if let (request, result) = answer.answer(to: CaseFileRequest.self), request.annotationID == annotationID {
            switch result {
            case .success(let loaded):
                // The cursor stays on its entry.
                let chosen = selected?.id
                file = loaded
                load.succeed(at: context.now)
                if let chosen, let index = loaded.entries.firstIndex(where: { $0.id == chosen }) { scroll.selected = index }
                scroll.clamp(rowCount: loaded.entries.count, visibleRows: visibleRows(context))
            case .failure(let failure) where failure.kind == .notFound && file == nil:
                context.flash("annotation \(annotationID) does not exist (404)", .error)
                context.pop()
            case .failure(let failure):
                load.fail(failure.description, at: context.now)
                context.flash("case file of #\(annotationID): \(failure)", .error)
            }
            return []
        }
        if let (request, _) = answer.answer(to: AnnotationCommandRequest.self), request.id == annotationID {
            // Whatever the outcome, show the server's view of it now.
            load.inFlight = false
            return refresh(&context, force: true)
        }
        return []
    }

    public mutating func handle(_ action: ActionID, _ context: inout ScreenContext) -> [Effect] {
        if ListNavigation.move(&scroll, action, rowCount: file?.entries.count ?? 0, visibleRows: visibleRows(context)) { return [] }
        switch action {
        case NavigationAction.open:
            guard let entry = selected, let detail = entry.detail else { return [] }
            context.push(DocumentScreen(title: "#\(annotationID) · \(entry.source.label) · \(context.formatting.dateTime(entry.time))",
                                        crumb: entry.source.label, text: detail))
        case ConsoleAction.openInBrowser:
            return [.openURL(context.webURL(for: annotationID))]
        default:
            guard let command = ConsoleAction.command(for: action) else { return [] }
            guard let file else {
                context.flash("#\(annotationID) is still loading", .info)
                return []
            }
            guard command.applies(to: file.status) else {
                context.flash("#\(annotationID) is \(StatusCatalog.label(file.status)): \(command.title.lowercased()) does not apply", .warn)
                return []
            }
            context.requestCommand(CommandRequest(command: command, ids: [annotationID],
                                                  descriptions: ["#\(annotationID)  \(file.fileName) — \(StatusCatalog.label(file.status))"]))
        }
        return []
    }

    /// A click selects the entry under the pointer (a double click opens it, as enter does);
    /// the table starts below the title and the headline.
    public mutating func click(x: Int, y: Int, in rect: Rect, _ context: inout ScreenContext) -> [Effect]? {
        let entries = file?.entries.count ?? 0
        return ListNavigation.select(&scroll, atY: y, table: rect.dropFirst(1 + CaseFileView.headerLines(file, context).count), rowCount: entries) ? [] : nil
    }

    public func render(_ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        CaseFileView.draw(self, context, in: rect, into: &grid)
    }
}
