import TerminalUI

/// Where keys are looked up, from the most specific; the global scope always comes last.
public enum ConsoleScope {
    public static let tree: KeyScope = "tree"
    public static let annotations: KeyScope = "annotations"
    public static let list: KeyScope = "list"
    public static let detail: KeyScope = "detail"
    public static let monitor: KeyScope = "monitor"
    public static let datasets: KeyScope = "datasets"
    public static let recent: KeyScope = "recent"
}

/// The console's own actions. Help, the hint bar and read-only mode are all derived from this
/// list and from each screen's `isAvailable`: a key shows where it does something, nowhere else.
public enum ConsoleAction {
    public static let confirm: ActionID = "annotation.confirm"
    public static let postpone: ActionID = "annotation.postpone"
    public static let reject: ActionID = "annotation.reject"
    public static let delete: ActionID = "annotation.delete"
    public static let start: ActionID = "annotation.start"
    public static let requeue: ActionID = "annotation.requeue"
    public static let retryExport: ActionID = "annotation.retry_export"
    public static let caseFile: ActionID = "annotation.case_file"
    public static let nextToReview: ActionID = "annotation.next"
    public static let openInBrowser: ActionID = "annotation.open_web"
    /// Not a key: the detail's `n` hands this to the list below it, which moves and opens.
    public static let nextToReviewAndOpen: ActionID = "annotation.next_and_open"

    public static let markRange: ActionID = "list.mark_range"
    public static let markAll: ActionID = "list.mark_all"
    public static let markMatching: ActionID = "list.mark_matching"
    public static let clearMarks: ActionID = "list.clear_marks"
    public static let sortNext: ActionID = "list.sort_next"
    public static let sortPrevious: ActionID = "list.sort_previous"
    public static let sortReverse: ActionID = "list.sort_reverse"
    public static let tabNext: ActionID = "list.tab_next"
    public static let tabPrevious: ActionID = "list.tab_previous"

    public static let toggleMonitor: ActionID = "monitor.toggle"
    public static let monitorFullScreen: ActionID = "monitor.full_screen"
    public static let growMonitor: ActionID = "monitor.grow"
    public static let shrinkMonitor: ActionID = "monitor.shrink"
    public static let pauseRefresh: ActionID = "app.pause_refresh"
    public static let datasets: ActionID = "app.datasets"
    public static let workspaces: ActionID = "app.workspaces"
    public static let previousView: ActionID = "app.previous_view"

    public static let pinQueue: ActionID = "tree.pin_queue"

    public static let upsert: ActionID = "dataset.upsert"
    public static let replace: ActionID = "dataset.replace"
    public static let download: ActionID = "dataset.download"
    public static let deleteDataset: ActionID = "dataset.delete"

    /// The annotation command each annotation action asks for.
    public static func command(for action: ActionID) -> AnnotationCommand? {
        switch action {
        case confirm: return .confirm
        case postpone: return .postpone
        case reject: return .reject(note: "")
        case delete: return .delete
        case start: return .start
        case requeue: return .requeue
        case retryExport: return .retryExport
        default: return nil
        }
    }

    public static let all: [Action] = NavigationAction.all + [
        Action(workspaces, "Workspaces and queues", keys: [.char("W")]),
        Action(datasets, "MDH datasets", keys: [.char("D")]),
        Action(toggleMonitor, "Show/hide the monitor", keys: [.char("m")], showInHints: true),
        Action(monitorFullScreen, "Monitor full screen", keys: [.char("M")]),
        Action(growMonitor, "Taller monitor panel", keys: [.char("+")]),
        Action(shrinkMonitor, "Shorter monitor panel", keys: [.char("_")]),
        Action(previousView, "Previous view (- again: back)", keys: [.char("-")]),
        Action(pauseRefresh, "Pause/resume refresh", keys: [.char("z")]),

        Action(confirm, "Confirm", keys: [.char("c")], dangerous: true, scope: ConsoleScope.annotations, showInHints: true),
        Action(postpone, "Postpone", keys: [.char("p")], dangerous: true, scope: ConsoleScope.annotations, showInHints: true),
        Action(reject, "Reject (with a note)", keys: [.char("r")], dangerous: true, scope: ConsoleScope.annotations, showInHints: true),
        Action(delete, "Delete", keys: [.char("d")], dangerous: true, scope: ConsoleScope.annotations),
        Action(start, "Start review", keys: [.char("s")], dangerous: true, scope: ConsoleScope.annotations),
        Action(requeue, "Failed export back to review", keys: [.char("u")], dangerous: true, scope: ConsoleScope.annotations, showInHints: true),
        Action(retryExport, "Retry a failed export", keys: [.char("E")], dangerous: true, scope: ConsoleScope.annotations, showInHints: true),
        Action(caseFile, "Why it is here (case file)", keys: [.char("w")], scope: ConsoleScope.annotations, showInHints: true),
        Action(nextToReview, "Next to review", keys: [.char("n")], scope: ConsoleScope.annotations, showInHints: true),
        Action(openInBrowser, "Open in web app/copy URL", keys: [.char("o")], scope: ConsoleScope.annotations),

        Action(markRange, "Mark range to here", keys: [.char("v")], scope: ConsoleScope.list),
        Action(markAll, "Mark all visible", keys: [.ctrl("a")], scope: ConsoleScope.list),
        Action(markMatching, "Mark all matching (every page)", keys: [.char("A")], scope: ConsoleScope.list),
        Action(clearMarks, "Clear marks", keys: [.char("x")], scope: ConsoleScope.list),
        Action(sortNext, "Sort: next column", keys: [.char(">")], scope: ConsoleScope.list),
        Action(sortPrevious, "Sort: previous column", keys: [.char("<")], scope: ConsoleScope.list),
        Action(sortReverse, "Sort: reverse order", keys: [.char("i")], scope: ConsoleScope.list),
        Action(tabNext, "Next status tab", keys: [.char("]")], scope: ConsoleScope.list),
        Action(tabPrevious, "Previous status tab", keys: [.char("[")], scope: ConsoleScope.list),

        Action(pinQueue, "Pin/unpin the queue (top of the tree)", keys: [.char("*")], scope: ConsoleScope.tree, showInHints: true),

        Action(upsert, "Upsert from a file", keys: [.char("U")], dangerous: true, scope: ConsoleScope.datasets, showInHints: true),
        Action(replace, "Replace from a file", keys: [.char("R")], dangerous: true, scope: ConsoleScope.datasets, showInHints: true),
        Action(download, "Download to a file", keys: [.char("w")], scope: ConsoleScope.datasets, showInHints: true),
        Action(deleteDataset, "Delete the dataset", keys: [.char("X")], dangerous: true, scope: ConsoleScope.datasets, showInHints: true),
    ] + EditorAction.all + HookLogAction.all + EmailAction.all + DocumentAction.all + RawAction.all + SaveAction.all

    /// The console's keymap with optional overrides from the config (`keys:` per action id).
    public static func keyMap(overrides: [String: [String]] = [:], readOnly: Bool, plugins: [Plugin] = []) throws(KeyMapError) -> KeyMap {
        try KeyMap(actions: all + plugins.flatMap(\.actions), overrides: overrides, readOnly: readOnly)
    }
}
