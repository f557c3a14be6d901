import Foundation
import TerminalUI

/// The annotation list of one queue, loaded a page at a time as the cursor moves, so a queue
/// with 100,000 annotations costs what the visible rows cost.
///
/// The person's choice is an annotation id, never a row number: the cursor follows the chosen
/// annotation through reloads, sorts and arrivals. When it leaves the view the cursor rests on
/// its neighbour and the next action says so before anything runs. Marks are ids too; they are
/// cleared when the filter or the tab changes, and a command never touches a mark that is not
/// among the rows of this view.
public struct AnnotationListScreen: ConsoleScreen {
    public var queue: QueueSummary
    public var workspaceName: String?
    /// False until the queue's name and schema are known (opened by id).
    public var resolved: Bool
    public var fieldColumns: [FieldColumn] = []
    public var query: AnnotationQuery
    public var rows = PagedRows()
    public var loadingPages: Set<Int> = []
    public var scroll = ScrollState()
    /// The annotation the person chose with the cursor.
    public var chosenID: Int?
    public var marked: Set<Int> = []
    /// The rows `A` marked across every page (the server's, as they were when marked): what a
    /// bulk action on marks not loaded here acts on and names.
    public var markedMatching: [Int: AnnotationRow] = [:]
    /// Where the last mark was set, for range marking.
    public var markAnchorID: Int?
    public var load = LoadState()
    /// Set when the chosen annotation left the view and the cursor moved by itself.
    public var movedNotice: String?
    /// Annotations this console's commands changed: when one leaves the view, that was expected.
    public var actedOn: Set<Int> = []

    public init(queue: QueueSummary, workspaceName: String?) {
        self.queue = queue
        self.workspaceName = workspaceName
        resolved = true
        query = AnnotationQuery(queueID: queue.id)
    }

    /// A list opened by queue id only; it resolves the queue first.
    public init(queueID: Int) {
        self.init(queue: QueueSummary(id: queueID, name: "queue \(queueID)"), workspaceName: nil)
        resolved = false
    }

    /// A list across every queue of the organization (`:find`, `:failed-exports`, `:stuck`),
    /// named by `title`, with the queue as a column.
    public init(organizationWide title: String, filter: AnnotationFilter = .none, tab: String? = nil,
                sort: AnnotationSortKey = .arrived, ascending: Bool = false, unchangedFor: TimeInterval? = nil) {
        self.init(queue: QueueSummary(id: 0, name: title), workspaceName: nil)
        query = AnnotationQuery(queueID: nil, filter: filter, tab: tab, sort: sort, ascending: ascending)
        query.unchangedFor = unchangedFor
    }

    public var isOrganizationWide: Bool { query.queueID == nil }

    /// What the list shows, as its title and breadcrumb: the queue, or across queues the tab
    /// and filter as they are now (they change with `[` `]` and `/`; a fixed name would lie).
    public var title: String {
        guard isOrganizationWide else { return queue.name }
        var parts = ["All queues"]
        if let tab = query.tab { parts.append(StatusCatalog.label(tab)) }
        if !query.filter.isEmpty { parts.append("/" + query.filter.description) }
        if let idle = query.unchangedFor { parts.append("unchanged for over \(Formatting.elapsed(idle)) (the session timeout)") }
        if query.sort == .modified && query.ascending { parts.append("oldest change first") }
        return parts.joined(separator: " · ")
    }

    public func selectedObject(_ context: ScreenContext) -> SelectedObject? {
        selectedRow.map { SelectedObject(kind: "annotation", id: $0.id, apiPath: "annotations/\($0.id)", webURL: context.webURL(for: $0.id)) }
    }

    /// The queue to hand a detail opened from here (an organization-wide list has none).
    var queueForDetail: QueueSummary? { isOrganizationWide ? nil : queue }

    /// `:queue ID`: straight from the catalog when it is known, else resolved by id.
    static func open(queueID: Int, _ state: inout AppState) -> [Effect] {
        if let (queue, workspace) = state.catalog.queue(id: queueID) {
            return state.open(AnnotationListScreen(queue: queue, workspaceName: workspace.name))
        }
        return state.open(AnnotationListScreen(queueID: queueID))
    }

    public var scopes: [KeyScope] { [ConsoleScope.list, ConsoleScope.annotations] }
    public var pollInterval: KeyPath<RefreshIntervals, TimeInterval>? { \.list }

    public func breadcrumb(_ context: ScreenContext) -> [String] { [workspaceName, title].compactMap { $0 } }

    /// Rows of the table (the tab line and the table header take two).
    static func visibleRows(_ context: ScreenContext) -> Int { max(1, context.bodyRows - 2) }

    /// The row under the cursor, as drawn.
    public var selectedRow: AnnotationRow? { rows.row(at: scroll.selected) }

    public func hookLogScope(_ context: ScreenContext) -> HookLogFilter {
        selectedRow.map { HookLogFilter(annotations: [$0.id]) } ?? HookLogFilter(queues: query.queueID.map { [$0] } ?? [])
    }

    // MARK: availability

    public func isAvailable(_ action: ActionID, _ context: ScreenContext) -> Bool {
        if let command = ConsoleAction.command(for: action) {
            return targets(context).contains { context.pending[$0.id] == nil && command.applies(to: $0.status) }
        }
        switch action {
        case NavigationAction.left, NavigationAction.right: return false
        case NavigationAction.open, ConsoleAction.openInBrowser, NavigationAction.toggleMark, ConsoleAction.markRange, ConsoleAction.caseFile:
            return selectedRow != nil
        case ConsoleAction.clearMarks: return !marked.isEmpty
        case ConsoleAction.nextToReview, ConsoleAction.markMatching: return rows.count > 0
        default: return true
        }
    }

    public func offers(_ action: ActionID, _ context: ScreenContext) -> Bool {
        ![NavigationAction.left, NavigationAction.right].contains(action)
    }

    /// What a command acts on: the marks in this view, or the row under the cursor.
    func targets(_ context: ScreenContext) -> [AnnotationRow] {
        if !marked.isEmpty {
            let loaded = rows.loaded(in: marked)
            let loadedIDs = Set(loaded.map(\.id))
            return loaded + marked.subtracting(loadedIDs).sorted().compactMap { markedMatching[$0] }
        }
        return selectedRow.map { [$0] } ?? []
    }

    public func pluginTargets(_ context: ScreenContext) -> (annotationIDs: [Int], queueID: Int?) {
        let rows = targets(context)
        return (rows.map(\.id), isOrganizationWide ? rows.first?.queueID : queue.id)
    }

    // MARK: loading

    public mutating func refresh(_ context: inout ScreenContext, force: Bool) -> [Effect] {
        guard loadingPages.isEmpty, !load.inFlight || force else { return [] }
        guard force || isDue(context) else { return [] }
        if !resolved {
            load.begin(at: context.now, asked: true)
            return [.fetch(QueueRequest(queueID: queue.id))]
        }
        var effects: [Effect] = []
        if fieldColumns.isEmpty && rows.pages.isEmpty && !isOrganizationWide {
            effects.append(.fetch(FieldColumnsRequest(queueID: queue.id, schemaID: queue.schemaID, chosen: context.places.columns(of: queue.id))))
        }
        let visible = Set(PagedRows.pages(covering: scroll.offset, count: Self.visibleRows(context), total: rows.total))
        let firstLoad = rows.pages.isEmpty
        load.begin(at: context.now, asked: force)
        effects += loadVisiblePages(context, reloading: visible)
        // The tabs' counts are the queue's: read with the rows, or they drift from them while
        // the tree (which refreshes the catalog) is not on screen.
        // (On the first load they are the catalog's, just read.)
        if !isOrganizationWide && !firstLoad { effects.append(.fetch(QueueRequest(queueID: queue.id, countsOnly: true))) }
        return effects
    }

    /// Asks for the pages the viewport shows (and one ahead) that are neither loaded nor
    /// loading; `reloading` pages are asked for again even when loaded.
    mutating func loadVisiblePages(_ context: ScreenContext, reloading: Set<Int> = []) -> [Effect] {
        let visibleRows = Self.visibleRows(context)
        scroll.clamp(rowCount: rows.count, visibleRows: visibleRows)
        var wanted = PagedRows.pages(covering: scroll.offset, count: visibleRows, total: rows.total)
        // Look one page ahead of the cursor so scrolling down rarely waits.
        let ahead = (scroll.selected + visibleRows) / PagedRows.pageSize
        if rows.total.map({ ahead * PagedRows.pageSize < $0 }) ?? false, !wanted.contains(ahead) { wanted.append(ahead) }
        var effects: [Effect] = []
        for page in wanted where !loadingPages.contains(page) && (rows.pages[page] == nil || reloading.contains(page)) {
            loadingPages.insert(page)
            effects.append(.fetch(AnnotationPageRequest(query: query, page: page, fieldIDs: fieldColumns.map(\.id))))
        }
        if !effects.isEmpty && !load.inFlight { load.begin(at: context.now) }
        return effects
    }

    /// Drops the rows and asks for the first pages of the (new) query.
    mutating func reload(_ context: ScreenContext) -> [Effect] {
        rows = PagedRows()
        loadingPages = []
        scroll = ScrollState()
        chosenID = nil
        markAnchorID = nil
        movedNotice = nil
        load.begin(at: context.now, asked: true)
        return loadVisiblePages(context)
    }

    public mutating func resized(_ context: inout ScreenContext) -> [Effect] { loadVisiblePages(context) }

    public mutating func receive(_ answer: DataAnswer, _ context: inout ScreenContext) -> [Effect] {
        if let (request, result) = answer.answer(to: AnnotationPageRequest.self) {
            return pageLoaded(request, result, &context)
        }
        if let (request, result) = answer.answer(to: SchemaFieldsRequest.self), request.queueName == queue.name {
            switch result {
            case .success(let text): context.push(DocumentScreen(title: "columns · \(queue.name)", crumb: "columns", text: text))
            case .failure(let failure): context.flash("schema of \(queue.name): \(failure)", .error)
            }
            return []
        }
        if let (request, result) = answer.answer(to: FieldColumnsRequest.self), request.queueID == queue.id {
            if case .failure(let failure) = result, request.chosen != nil { context.flash("columns: \(failure.message)", .error) }
            guard case .success(let columns) = result, !columns.isEmpty, columns != fieldColumns else { return [] }
            fieldColumns = columns
            // Pages that loaded before the columns were known lack their values.
            return loadVisiblePages(context, reloading: Set(rows.pages.keys))
        }
        if let (request, result) = answer.answer(to: QueueRequest.self), request.queueID == queue.id, resolved {
            if case .success(let (summary, _)) = result { queue.counts = summary.counts }
            return []
        }
        if let (request, result) = answer.answer(to: QueueRequest.self), request.queueID == queue.id, !resolved {
            switch result {
            case .success(let (summary, workspace)):
                queue = summary
                workspaceName = workspace
                resolved = true
                load = LoadState()
                return refresh(&context, force: true)
            case .failure(let failure):
                context.flash("queue \(queue.id): \(failure.kind == .notFound ? "no such queue" : failure.description)", .error)
                context.pop()
            }
            return []
        }
        if let (request, result) = answer.answer(to: AnnotationCommandRequest.self), case .success = result, !rows.isLoaded(request.id) {
            // Marked with `A` on a page not loaded: done, so no longer marked.
            marked.remove(request.id)
            markedMatching[request.id] = nil
        }
        if let (request, result) = answer.answer(to: MatchingRowsRequest.self), request.query == query {
            switch result {
            case .success(.rows(let matching)):
                marked = Set(matching.map(\.id))
                markedMatching = Dictionary(matching.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                context.flash("\(Formatting.count(marked.count)) marked: every annotation in \(title)", .info)
            case .success(.tooMany(let count)):
                context.flash("\(Formatting.count(count)) match; a bulk action takes at most \(Formatting.count(MatchingRowsRequest.limit)): narrow the filter (/)", .warn)
            case .failure(let failure):
                context.flash("could not mark all matching: \(failure)", .error)
            }
            return []
        }
        if let (request, result) = answer.answer(to: AnnotationCommandRequest.self), rows.isLoaded(request.id) {
            if case .success(let status) = result {
                marked.remove(request.id)
                markedMatching[request.id] = nil
                // The server's answer shows at once; the row refresh below fills in the rest.
                if let status, let index = rows.index(of: request.id), var row = rows.row(at: index) {
                    queue.countMove(from: row.status, to: status)
                    row.status = status
                    rows.replace(row)
                }
                // If the person's own command moves it out of the view, the row that takes its
                // place is the expected next one, not a surprise (triage is act, act, act).
                actedOn.insert(request.id)
            }
            // The row shows the server's answer: its new status, or the old one after a failure.
            return [.fetch(AnnotationRowRequest(id: request.id, fieldIDs: fieldColumns.map(\.id)))]
                + (request.bulkID == nil || context.pending.isEmpty ? loadVisiblePages(context, reloading: visiblePages(context)) : [])
        }
        if let (_, result) = answer.answer(to: AnnotationRowRequest.self), case .success(let row) = result {
            rows.replace(row)
            return []
        }
        if let (_, result) = answer.answer(to: WorkspacesRequest.self), case .success(let (_, workspaces)) = result {
            for workspace in workspaces { if let match = workspace.queues.first(where: { $0.id == queue.id }) { queue.counts = match.counts } }
        }
        return []
    }

    func visiblePages(_ context: ScreenContext) -> Set<Int> {
        Set(PagedRows.pages(covering: scroll.offset, count: Self.visibleRows(context), total: rows.total))
    }

    mutating func pageLoaded(_ request: AnnotationPageRequest, _ result: Result<AnnotationPage, ConsoleFailure>, _ context: inout ScreenContext) -> [Effect] {
        // An answer to an older query (filter, tab or sort changed since) is dropped.
        guard request.query == query else { return [] }
        loadingPages.remove(request.page)
        switch result {
        case .success(let answer):
            // Where the chosen row's neighbours were: if it leaves, the cursor lands on the one
            // that followed it (or preceded it), wherever the new rows put them.
            let neighbours = chosenID.flatMap { rows.index(of: $0) }.map { index in
                [rows.row(at: index + 1)?.id, rows.row(at: index - 1)?.id].compactMap { $0 }
            } ?? []
            rows.store(page: request.page, rows: answer.rows, total: answer.total)
            if loadingPages.isEmpty { load.succeed(at: context.now) }
            followChosen(context, neighbours: neighbours)
            // Asked before the field columns were known (they arrived while it loaded): ask
            // again at once, so the columns fill in now rather than at the next poll.
            let stale: Set<Int> = request.fieldIDs == fieldColumns.map(\.id) ? [] : [request.page]
            return loadVisiblePages(context, reloading: stale)
        case .failure(let failure):
            load.fail(failure.description, at: context.now)
            context.flash("annotations: \(failure)", .error)
            return []
        }
    }

    /// Keeps the cursor on the chosen annotation wherever the rows moved it; if its place is
    /// loaded and it is gone, the cursor rests where it was and the notice says so.
    mutating func followChosen(_ context: ScreenContext, neighbours: [Int] = []) {
        let visibleRows = Self.visibleRows(context)
        defer { scroll.clamp(rowCount: rows.count, visibleRows: visibleRows) }
        guard let chosen = chosenID else {
            chosenID = selectedRow?.id
            return
        }
        if let index = rows.index(of: chosen) {
            // The cursor moves with its row; the view stays put (so arrivals at the top show)
            // unless the row would leave it.
            scroll.selected = index
            movedNotice = nil
            return
        }
        let rows = self.rows
        if let landing = neighbours.lazy.compactMap({ rows.index(of: $0) }).first {
            scroll.selected = landing
        }
        scroll.select(scroll.selected, rowCount: rows.count)
        guard let row = selectedRow, row.id != chosen else { return }
        if actedOn.contains(chosen) {
            chosenID = row.id
        } else {
            movedNotice = "#\(chosen) left this view; the cursor is now on #\(row.id)"
        }
    }

    // MARK: actions

    public mutating func handle(_ action: ActionID, _ context: inout ScreenContext) -> [Effect] {
        let visibleRows = Self.visibleRows(context)
        if ListNavigation.move(&scroll, action, rowCount: rows.count, visibleRows: visibleRows) {
            choose()
            return loadVisiblePages(context)
        }
        switch action {
        case NavigationAction.open:
            guard let row = selectedRow else { return [] }
            context.push(DetailScreen(annotationID: row.id, row: row, queue: queueForDetail, workspaceName: workspaceName))
        case NavigationAction.filter:
            context.present(.filter(CommandPrompt.filter(text: query.filter.description), error: nil))
        case NavigationAction.toggleMark:
            guard let row = selectedRow else { return [] }
            if marked.contains(row.id) { marked.remove(row.id) } else { marked.insert(row.id) }
            markAnchorID = row.id
            scroll.move(by: 1, rowCount: rows.count)
            scroll.clamp(rowCount: rows.count, visibleRows: visibleRows)
            choose()
            return loadVisiblePages(context)
        case ConsoleAction.markRange:
            let anchor = markAnchorID.flatMap { rows.index(of: $0) } ?? scroll.selected
            for index in min(anchor, scroll.selected)...max(anchor, scroll.selected) {
                if let row = rows.row(at: index) { marked.insert(row.id) }
            }
            markAnchorID = selectedRow?.id
            context.flash("\(marked.count) marked", .info)
        case ConsoleAction.markAll:
            scroll.clamp(rowCount: rows.count, visibleRows: visibleRows)
            for index in scroll.offset..<min(rows.count, scroll.offset + visibleRows) {
                if let row = rows.row(at: index) { marked.insert(row.id) }
            }
            context.flash("\(marked.count) marked", .info)
        case ConsoleAction.markMatching:
            guard rows.count > 0 else {
                context.flash("nothing to mark", .info)
                return []
            }
            context.flash("marking all \(Formatting.count(rows.count)) matching…", .info)
            return [.fetch(MatchingRowsRequest(query: query))]
        case ConsoleAction.clearMarks:
            marked = []
            markedMatching = [:]
            markAnchorID = nil
        case ConsoleAction.sortNext, ConsoleAction.sortPrevious:
            let keys = AnnotationSortKey.allCases
            let index = keys.firstIndex(of: query.sort) ?? 0
            let step = action == ConsoleAction.sortNext ? 1 : keys.count - 1
            query.sort = keys[(index + step) % keys.count]
            return reloadKeepingChoice(context)
        case ConsoleAction.sortReverse:
            query.ascending.toggle()
            return reloadKeepingChoice(context)
        case ConsoleAction.tabNext, ConsoleAction.tabPrevious:
            let tabs = StatusCatalog.tabs
            let index = tabs.firstIndex(of: query.tab) ?? 0
            let step = action == ConsoleAction.tabNext ? 1 : tabs.count - 1
            return switchTab(to: tabs[(index + step) % tabs.count], &context)
        case ConsoleAction.nextToReview:
            return nextToReview(&context)
        case ConsoleAction.nextToReviewAndOpen:
            let before = selectedRow?.id
            let effects = nextToReview(&context)
            if let row = selectedRow, row.id != before, StatusCatalog.needsReview.contains(row.status) {
                context.push(DetailScreen(annotationID: row.id, row: row, queue: queueForDetail, workspaceName: workspaceName))
            }
            return effects
        case ConsoleAction.caseFile:
            guard let row = selectedRow else { return [] }
            context.push(CaseFileScreen(annotationID: row.id))
        case ConsoleAction.openInBrowser:
            guard let row = selectedRow else { return [] }
            return [.openURL(context.webURL(for: row.id))]
        default:
            if let command = ConsoleAction.command(for: action) { askToRun(command, &context) }
        }
        return []
    }

    /// The person moved the cursor: what is under it is now their choice.
    mutating func choose() {
        chosenID = selectedRow?.id
        movedNotice = nil
    }

    /// A new order shows the same annotations: the cursor stays on the chosen one.
    mutating func reloadKeepingChoice(_ context: ScreenContext) -> [Effect] {
        let chosen = chosenID
        let effects = reload(context)
        chosenID = chosen
        return effects
    }

    /// Shows another status tab (`[` `]`, a click on it): the marks go, the list reloads.
    mutating func switchTab(to tab: String?, _ context: inout ScreenContext) -> [Effect] {
        query.tab = tab
        clearMarks(because: "the tab changed", &context)
        return reload(context)
    }

    mutating func clearMarks(because reason: String, _ context: inout ScreenContext) {
        guard !marked.isEmpty else { return }
        context.flash("\(marked.count) mark\(marked.count == 1 ? "" : "s") cleared: \(reason)", .info)
        marked = []
        markedMatching = [:]
        markAnchorID = nil
    }

    /// `esc` first clears a filter (k9s does the same); only then does it leave the queue.
    public mutating func back(_ context: inout ScreenContext) -> [Effect]? {
        guard !query.filter.isEmpty else { return nil }
        query.filter = .none
        clearMarks(because: "the filter changed", &context)
        if context.flash == nil { context.flash("filter cleared (esc again goes back)", .info) }
        return reloadKeepingChoice(context)
    }

    public mutating func applyFilter(_ text: String, _ context: inout ScreenContext) throws(FilterError) -> [Effect] {
        let filter: AnnotationFilter
        do { filter = try AnnotationFilter.parse(text) } catch { throw FilterError(error.description) }
        guard filter != query.filter else { return [] }
        query.filter = filter
        clearMarks(because: "the filter changed", &context)
        return reload(context)
    }

    /// Asks the app to run `command` on exactly what the person sees chosen.
    mutating func askToRun(_ command: AnnotationCommand, _ context: inout ScreenContext) {
        let targets = self.targets(context)
        let hidden = marked.count - (marked.isEmpty ? 0 : targets.count)
        let busy = targets.filter { context.pending[$0.id] != nil }
        if let first = busy.first, busy.count == targets.count {
            context.flash("#\(first.id) is still \(context.pending[first.id]?.progressive ?? "busy")…; wait for the answer", .warn)
            return
        }
        let applicable = targets.filter { context.pending[$0.id] == nil && command.applies(to: $0.status) }
        guard !applicable.isEmpty else {
            if let only = targets.first, targets.count == 1 {
                context.flash("#\(only.id) is \(StatusCatalog.label(only.status)): \(command.verb) does not apply", .warn)
            } else {
                context.flash(targets.isEmpty ? (hidden > 0 ? "the marked annotations are not in this view" : "nothing selected")
                                              : "\(command.verb) applies to none of the \(targets.count) marked", .warn)
            }
            return
        }
        // What is left out comes first: the dialog shows the first few lines of a long list.
        var descriptions: [String] = []
        let skipped = targets.count - applicable.count - busy.count
        if skipped > 0 { descriptions.append("\(skipped) marked annotation\(skipped == 1 ? "" : "s") left out: \(command.verb) does not apply to their status") }
        if !busy.isEmpty { descriptions.append("\(busy.count) marked annotation\(busy.count == 1 ? "" : "s") left out: a command on it is still running") }
        descriptions += applicable.map { "#\($0.id)  \($0.fileName) — \(StatusCatalog.label($0.status))" }
        context.requestCommand(CommandRequest(command: command, ids: applicable.map(\.id), descriptions: descriptions,
                                              hiddenMarks: hidden, selectionMoved: marked.isEmpty ? movedNotice : nil, fromMarks: !marked.isEmpty))
        // Once asked, the moved cursor has been shown: the next action is the person's choice.
        movedNotice = nil
        chosenID = selectedRow?.id
    }

    /// Moves to the next annotation someone still has to review, after the cursor.
    mutating func nextToReview(_ context: inout ScreenContext) -> [Effect] {
        var index = selectedRow == nil ? 0 : scroll.selected + 1
        while index < rows.count, let row = rows.row(at: index) {
            if StatusCatalog.needsReview.contains(row.status) {
                scroll.select(index, rowCount: rows.count)
                scroll.clamp(rowCount: rows.count, visibleRows: Self.visibleRows(context))
                choose()
                return loadVisiblePages(context)
            }
            index += 1
        }
        if index < rows.count {
            // The next page is not loaded yet: load it, the person presses `n` again.
            scroll.select(index, rowCount: rows.count)
            scroll.clamp(rowCount: rows.count, visibleRows: Self.visibleRows(context))
            choose()
            context.flash("loading more annotations…", .info)
            return loadVisiblePages(context)
        }
        context.flash("no more annotations to review in this list", .info)
        return []
    }

    public func render(_ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        AnnotationListView.draw(self, context, in: rect, into: &grid)
    }
}
