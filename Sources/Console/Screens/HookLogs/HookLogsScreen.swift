import Foundation
import TerminalUI

extension ConsoleScope {
    public static let hookLogs: KeyScope = "hook_logs"
}

/// Keys of the hook logs: `L` opens them for what is selected, `f` follows new runs live.
public enum HookLogAction {
    public static let open: ActionID = "app.hook_logs"
    public static let follow: ActionID = "hook_logs.follow"
    public static let replay: ActionID = "hook_logs.replay"

    public static let all: [Action] = [
        Action(open, "Hook logs of the selection", keys: [.char("L")]),
        Action(follow, "Follow new runs / pause", keys: [.char("f")], scope: ConsoleScope.hookLogs, showInHints: true),
        // Dangerous: a test call reaches the real extension (a webhook receives it), though the API applies nothing.
        Action(replay, "Replay the run (hook test)", keys: [.char("R")], dangerous: true, scope: ConsoleScope.hookLogs, showInHints: true),
    ]
}

/// Hook runs (`hooks/logs`), newest first: which extension ran on what, how it ended and what
/// it answered. Follows new runs live (k9s's logs), pauses on `f`, filters on `/`, and shows a
/// run whole (request and response) on `enter`.
public struct HookLogsScreen: ConsoleScreen {
    public var filter: HookLogFilter
    public var entries: [HookLogEntry] = []
    public var hookNames: [Int: String] = [:]
    public var following = true
    public var scroll = ScrollState()
    public var load = LoadState()
    /// Runs that arrived while the cursor was away from the top (following keeps the cursor).
    public var arrivedBelowCursor = 0
    /// The oldest runs the API keeps have been read (an older page came back short).
    public var reachedOldest = false
    public var loadingOlder = false

    public init(filter: HookLogFilter = HookLogFilter()) {
        self.filter = filter
    }

    public var scopes: [KeyScope] { [ConsoleScope.hookLogs] }
    public var filterHint: String { "hook:NAME  status:failed  level:error  code:500  annotation:ID  text" }
    public var pollInterval: KeyPath<RefreshIntervals, TimeInterval>? { following ? \.monitor : nil }

    public func breadcrumb(_ context: ScreenContext) -> [String] {
        ["Hook logs" + (filter.isEmpty ? "" : " /" + filter.description)]
    }

    /// Following, the newest runs are polled every two seconds; an answer with the same runs
    /// changes nothing shown.
    public func pollFingerprint(for answer: DataAnswer) -> AnyHashable? {
        guard let request = answer.request.base as? HookLogsRequest, request.startedBefore == nil, request.filter == filter else { return nil }
        return AnyHashable(PollState(entries: entries, selected: scroll.selected, offset: scroll.offset, arrived: arrivedBelowCursor,
                                     following: following, reachedOldest: reachedOldest, error: load.lastError))
    }

    struct PollState: Hashable {
        var entries: [HookLogEntry]
        var selected: Int
        var offset: Int
        var arrived: Int
        var following: Bool
        var reachedOldest: Bool
        var error: String?
    }

    public var selected: HookLogEntry? { entries.indices.contains(scroll.selected) ? entries[scroll.selected] : nil }

    /// The runs listed, as one JSON array.
    public var savable: SavableText? {
        entries.isEmpty ? nil : SavableText(suggestedName: "hook-runs.json", text: "[\n" + entries.map(\.json).joined(separator: ",\n") + "\n]\n")
    }

    /// The hook that ran (`enter` shows the run itself).
    public func selectedObject(_ context: ScreenContext) -> SelectedObject? {
        selected?.hookID.map { SelectedObject(kind: "hook", id: $0, apiPath: "hooks/\($0)") }
    }

    static func visibleRows(_ context: ScreenContext) -> Int { max(1, context.bodyRows - 1) }

    public func isAvailable(_ action: ActionID, _ context: ScreenContext) -> Bool {
        switch action {
        case NavigationAction.open: return selected != nil
        case NavigationAction.filter, HookLogAction.follow: return true
        case HookLogAction.replay: return selected.map { $0.hookID != nil && $0.eventName != nil } ?? false
        default: return ListNavigation.isMove(action)
        }
    }

    public mutating func refresh(_ context: inout ScreenContext, force: Bool) -> [Effect] {
        guard !load.inFlight, force || isDue(context) else { return [] }
        load.begin(at: context.now, asked: force)
        return [.fetch(HookLogsRequest(filter: filter, withHookNames: hookNames.isEmpty))]
    }

    public mutating func receive(_ answer: DataAnswer, _ context: inout ScreenContext) -> [Effect] {
        if let (request, result) = answer.answer(to: HookReplayRequest.self), entries.contains(where: { $0.id == request.entry.id }) {
            switch result {
            case .success(let report):
                context.flash = nil
                context.push(DocumentScreen(title: "replay · \(request.hookName) · \(request.entry.event)", crumb: "replay", text: report))
            case .failure(let failure):
                context.flash("replay of \(request.hookName): \(failure)", .error)
            }
            return []
        }
        // An answer for an older filter is dropped.
        guard let (request, result) = answer.answer(to: HookLogsRequest.self), request.filter == filter else { return [] }
        if request.startedBefore != nil { return olderPageLoaded(result, &context) }
        switch result {
        case .success(let loaded):
            load.succeed(at: context.now)
            if let names = loaded.hookNames { hookNames = names }
            // The cursor stays on its run; at the top it stays at the top, so new runs show.
            let chosen = scroll.selected > 0 ? selected?.id : nil
            let known = Set(entries.map(\.id))
            // The newest page replaces what it covers; older pages read while scrolling stay.
            let fresh = Set(loaded.entries.map(\.id))
            let oldestFresh = loaded.entries.last?.started ?? .distantFuture
            let older = loaded.entries.count < HookLogsRequest.pageSize ? []
                : entries.filter { !fresh.contains($0.id) && ($0.started ?? .distantPast) <= oldestFresh }
            if loaded.entries.count < HookLogsRequest.pageSize { reachedOldest = true } else if older.isEmpty { reachedOldest = false }
            entries = loaded.entries + older
            if let chosen, let index = entries.firstIndex(where: { $0.id == chosen }) {
                arrivedBelowCursor += entries.prefix(index).filter { !known.contains($0.id) }.count
                scroll.selected = index
            } else if chosen == nil {
                scroll.selected = 0
            }
            scroll.clamp(rowCount: entries.count, visibleRows: Self.visibleRows(context))
        case .failure(let failure):
            load.fail(failure.description, at: context.now)
            context.flash("hook logs: \(failure)", .error)
        }
        return []
    }

    public mutating func handle(_ action: ActionID, _ context: inout ScreenContext) -> [Effect] {
        if ListNavigation.move(&scroll, action, rowCount: entries.count, visibleRows: Self.visibleRows(context)) {
            if scroll.selected == 0 { arrivedBelowCursor = 0 }
            return loadOlderIfAtTheEnd(context)
        }
        switch action {
        case NavigationAction.open:
            guard let entry = selected else { return [] }
            let hook = entry.hookID.map { hookNames[$0] ?? "hook \($0)" } ?? "hook"
            context.push(DocumentScreen(title: "\(hook) · \(entry.event) · \(entry.status) · \(context.formatting.dateTime(entry.started))",
                                        crumb: "run \(entry.id.prefix(8))", text: entry.readable))
        case NavigationAction.filter:
            context.present(.filter(CommandPrompt.filter(text: filter.description), error: nil))
        case HookLogAction.replay:
            guard let entry = selected, let hookID = entry.hookID else { return [] }
            let name = hookNames[hookID] ?? "hook \(hookID)"
            // The API applies nothing, but the hook's own endpoint is really called: an export
            // hook may post the invoice to the ERP again. Asked first, starting on Cancel.
            let target = entry.annotationID.map { " on #\($0)" } ?? ""
            context.present(.dialog(Dialog(title: "Replay \(name)\(target)?", message: [
                "Sends \(entry.event) to the hook's endpoint again, through the API's hook test.",
                "Rossum applies nothing, but the hook itself runs for real: an export hook may",
                "post the document to its target again.",
            ], confirmLabel: "Replay", startOnCancel: true), .replay(HookReplayRequest(entry: entry, hookName: name))))
        case HookLogAction.follow:
            following.toggle()
            context.flash(following ? "following new runs (f pauses)" : "paused: new runs are not fetched (f follows)", .info)
            if following { return refresh(&context, force: true) }
        default:
            break
        }
        return []
    }

    /// A click selects the run under the pointer (a double click opens it, as enter does).
    public mutating func click(x: Int, y: Int, in rect: Rect, _ context: inout ScreenContext) -> [Effect]? {
        guard ListNavigation.select(&scroll, atY: y, table: rect.dropFirst(1), rowCount: entries.count) else { return nil }
        if scroll.selected == 0 { arrivedBelowCursor = 0 }
        return loadOlderIfAtTheEnd(context)
    }

    public mutating func applyFilter(_ text: String, _ context: inout ScreenContext) throws(FilterError) -> [Effect] {
        let parsed: HookLogFilter
        do { parsed = try HookLogFilter.parse(text, hookNames: hookNames) } catch { throw FilterError(error.description) }
        guard parsed != filter else { return [] }
        filter = parsed
        entries = []
        scroll = ScrollState()
        arrivedBelowCursor = 0
        reachedOldest = false
        loadingOlder = false
        load.inFlight = false
        return refresh(&context, force: true)
    }

    public func render(_ context: ScreenContext, in rect: Rect, into grid: inout Grid) {
        HookLogsView.draw(self, context, in: rect, into: &grid)
    }
}

/// Older runs, a page at a time as the cursor reaches the last one read: the API answers 100
/// runs at most, and a day of a busy organization has thousands.
extension HookLogsScreen {
    mutating func loadOlderIfAtTheEnd(_ context: ScreenContext) -> [Effect] {
        guard !reachedOldest, !loadingOlder, entries.count >= HookLogsRequest.pageSize,
              scroll.selected >= entries.count - 1, let oldest = entries.last?.started else { return [] }
        loadingOlder = true
        // A millisecond later than the oldest read: runs that started in the same instant are
        // not skipped; the one already read is dropped by its id.
        return [.fetch(HookLogsRequest(filter: filter, withHookNames: false, startedBefore: oldest.addingTimeInterval(0.001)))]
    }

    mutating func olderPageLoaded(_ result: Result<HookLogsRequest.Answer, ConsoleFailure>, _ context: inout ScreenContext) -> [Effect] {
        loadingOlder = false
        switch result {
        case .success(let page):
            let known = Set(entries.map(\.id))
            let added = page.entries.filter { !known.contains($0.id) }
            entries += added
            if page.entries.count < HookLogsRequest.pageSize || added.isEmpty { reachedOldest = true }
        case .failure(let failure):
            context.flash("older hook runs: \(failure)", .error)
        }
        return []
    }
}
