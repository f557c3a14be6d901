import Foundation
import TerminalUI

extension ConsoleScope {
    public static let emails: KeyScope = "emails"
}

/// Keys of the email list: `a` lists the annotations an email brought.
public enum EmailAction {
    public static let annotations: ActionID = "emails.annotations"

    public static let all: [Action] = [
        Action(annotations, "Annotations of the email", keys: [.char("a")], scope: ConsoleScope.emails, showInHints: true),
    ]
}

/// The organization's emails, newest first (`:emails`): where did the email with the invoice
/// go, which emails brought no document, what the inbox filtered out. `enter` shows one whole,
/// `a` lists the annotations it brought, `/` filters by sender, subject, queue, documents, type.
public struct EmailsScreen: ConsoleScreen {
    public var filter: EmailFilter
    public var rows: [EmailRow] = []
    public var total: Int?
    public var scroll = ScrollState()
    public var load = LoadState()

    public init(filter: EmailFilter = EmailFilter()) {
        self.filter = filter
    }

    public var scopes: [KeyScope] { [ConsoleScope.emails] }
    public var filterHint: String { EmailFilter.hint }
    public var pollInterval: KeyPath<RefreshIntervals, TimeInterval>? { \.list }

    public func breadcrumb(_ context: ScreenContext) -> [String] {
        ["Emails" + (filter.isEmpty ? "" : " /" + filter.description)]
    }

    public var selected: EmailRow? { rows.indices.contains(scroll.selected) ? rows[scroll.selected] : nil }

    public func selectedObject(_ context: ScreenContext) -> SelectedObject? {
        selected.map { SelectedObject(kind: "email", id: $0.id, apiPath: "emails/\($0.id)") }
    }

    static func visibleRows(_ context: ScreenContext) -> Int { max(1, context.bodyRows - 1) }

    public func isAvailable(_ action: ActionID, _ context: ScreenContext) -> Bool {
        switch action {
        case NavigationAction.open: return selected != nil
        case EmailAction.annotations: return !(selected?.annotationIDs.isEmpty ?? true)
        case NavigationAction.filter: return true
        default: return ListNavigation.isMove(action)
        }
    }

    public mutating func refresh(_ context: inout ScreenContext, force: Bool) -> [Effect] {
        guard !load.inFlight, force || isDue(context) else { return [] }
        load.begin(at: context.now, asked: force)
        return [.fetch(EmailsRequest(filter: filter))]
    }

    public mutating func receive(_ answer: DataAnswer, _ context: inout ScreenContext) -> [Effect] {
        // An answer for an older filter is dropped.
        guard let (request, result) = answer.answer(to: EmailsRequest.self), request.filter == filter else { return [] }
        switch result {
        case .success(let loaded):
            load.succeed(at: context.now)
            // The cursor stays on its email when newer ones arrive on top.
            let chosen = selected?.id
            rows = loaded.rows
            total = loaded.total
            if let chosen, let index = rows.firstIndex(where: { $0.id == chosen }) { scroll.selected = index }
            scroll.clamp(rowCount: rows.count, visibleRows: Self.visibleRows(context))
        case .failure(let failure):
            load.fail(failure.description, at: context.now)
            context.flash("emails: \(failure)", .error)
        }
        return []
    }

    public mutating func handle(_ action: ActionID, _ context: inout ScreenContext) -> [Effect] {
        if ListNavigation.move(&scroll, action, rowCount: rows.count, visibleRows: Self.visibleRows(context)) { return [] }
        switch action {
        case NavigationAction.open:
            guard let email = selected else { return [] }
            context.push(DocumentScreen(title: "email \(email.id) · \(email.subject)", crumb: "email \(email.id)", text: email.readable))
        case EmailAction.annotations:
            guard let email = selected, !email.annotationIDs.isEmpty else {
                context.flash("this email brought no annotation", .info)
                return []
            }
            context.push(AnnotationListScreen(organizationWide: "Annotations of email \(email.id)", filter: AnnotationFilter(ids: email.annotationIDs)))
        case NavigationAction.filter:
            context.present(.filter(CommandPrompt.filter(text: filter.description), error: nil))
        default:
            break
        }
        return []
    }

    /// A click selects the email under the pointer (a double click opens it, as enter does).
    public mutating func click(x: Int, y: Int, in rect: Rect, _ context: inout ScreenContext) -> [Effect]? {
        ListNavigation.select(&scroll, atY: y, table: rect.dropFirst(1), rowCount: rows.count) ? [] : nil
    }

    public mutating func applyFilter(_ text: String, _ context: inout ScreenContext) throws(FilterError) -> [Effect] {
        let parsed: EmailFilter
        do { parsed = try EmailFilter.parse(text) } catch { throw FilterError(error.description) }
        guard parsed != filter else { return [] }
        filter = parsed
        rows = []
        total = nil
        scroll = ScrollState()
        load.inFlight = false
        return refresh(&context, force: true)
    }

    public func render(_ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        EmailsView.draw(self, context, in: rect, into: &grid)
    }
}
