import Foundation
import TerminalUI

/// One screen of the console (tree, annotation list, detail, datasets, operations...). A
/// screen owns its state, turns actions and answers into new state and effects, and draws
/// itself; everything it needs from the app comes through the context, everything it asks of
/// the app (open a screen, a dialog, a message) goes back through it.
///
/// Adding a screen: a folder under `Screens/` with a type conforming to this protocol, its
/// requests (`DataRequest`) and its view, plus one line in `ScreenRegistry`.
public protocol ConsoleScreen: Sendable {
    /// Key scopes of this screen, most specific first (the global scope is added by the app).
    var scopes: [KeyScope] { get }
    /// Where the person is, after the organization: `["Invoices EU", "#1234"]`.
    func breadcrumb(_ context: ScreenContext) -> [String]
    /// Freshness of the screen's data: the spinner, the stale badge and polling read it.
    var load: LoadState { get }
    /// Which `RefreshIntervals` value paces this screen's automatic refresh; nil: no polling.
    var pollInterval: KeyPath<RefreshIntervals, TimeInterval>? { get }
    /// Whether `action` does something here now (hints and help list only these).
    func isAvailable(_ action: ActionID, _ context: ScreenContext) -> Bool
    /// Asks for the screen's data when due (or now, with `force`); nothing while in flight.
    mutating func refresh(_ context: inout ScreenContext, force: Bool) -> [Effect]
    mutating func handle(_ action: ActionID, _ context: inout ScreenContext) -> [Effect]
    /// Every answer reaches every screen of the stack; each keeps only its own.
    mutating func receive(_ answer: DataAnswer, _ context: inout ScreenContext) -> [Effect]
    /// The text of the `/` prompt was accepted (screens without a filter ignore it).
    mutating func applyFilter(_ text: String, _ context: inout ScreenContext) throws(FilterError) -> [Effect]
    /// `esc` on this screen: nil to go back to the screen below, effects to stay (a screen
    /// that first clears its filter, say).
    mutating func back(_ context: inout ScreenContext) -> [Effect]?
    /// Why the screen cannot be left (or the console closed) right now, say an edit still on its
    /// way to the server; nil when it can. Every way out (`esc`, `n`, `:ws`, `q`) asks this.
    func leaveRefusal() -> String?
    /// Whose hook runs `L` shows from here: the selected annotation or queue (all when none).
    func hookLogScope(_ context: ScreenContext) -> HookLogFilter
    /// A text field of the screen has the keyboard: the hint bar shows its keys, not the screen's.
    var isTyping: Bool { get }
    /// The API object under the cursor, for `J` (raw JSON) and `Y` (copy its URL).
    func selectedObject(_ context: ScreenContext) -> SelectedObject?
    /// Text the screen shows whole (a document), which `Y` copies instead of a URL.
    var copyableText: String? { get }
    /// What `S` saves to a file, when the screen has something to save.
    var savable: SavableText? { get }
    /// Examples of what its `/` line takes, shown under the prompt and in help.
    var filterHint: String { get }
    /// Whether `answer` is this screen's own routine poll, and then everything it shows that
    /// such an answer can change, so an answer that changes none of it is not painted
    /// (`PollFootprint`); nil: every answer paints.
    func pollFingerprint(for answer: DataAnswer) -> AnyHashable?
    /// Actions this screen has at all, whatever is selected (help lists these; the hint bar
    /// lists only what `isAvailable` says works on the selection).
    func offers(_ action: ActionID, _ context: ScreenContext) -> Bool
    /// A text field of the screen has the keyboard (a value typed inline): keys go to it
    /// before the key map; nil leaves the key to the app.
    mutating func captureKey(_ key: Key, _ context: inout ScreenContext) -> [Effect]?
    /// A paste into the screen's open text field; false when none is open.
    mutating func capturePaste(_ text: String, _ context: inout ScreenContext) -> Bool
    /// What a plugin run here acts on: the marked annotations (in view) or the selected one,
    /// and the queue of the screen or selection. By default what `selectedObject` names.
    func pluginTargets(_ context: ScreenContext) -> (annotationIDs: [Int], queueID: Int?)
    /// A click at the cell (x, y) of the screen's area `rect` (its title line included):
    /// selects what is there (a row, a tab); nil when nothing there answers a click.
    mutating func click(x: Int, y: Int, in rect: Rect, _ context: inout ScreenContext) -> [Effect]?
    /// The terminal changed size or the monitor panel moved: the visible rows differ.
    mutating func resized(_ context: inout ScreenContext) -> [Effect]
    func render(_ context: ScreenContext, in rect: Rect, into grid: inout Grid)
}

/// A filter the screen could not read; shown under the prompt while it stays open.
public struct FilterError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension ConsoleScreen {
    public var pollInterval: KeyPath<RefreshIntervals, TimeInterval>? { nil }
    public func isAvailable(_ action: ActionID, _ context: ScreenContext) -> Bool { true }
    public mutating func receive(_ answer: DataAnswer, _ context: inout ScreenContext) -> [Effect] { [] }
    public mutating func applyFilter(_ text: String, _ context: inout ScreenContext) throws(FilterError) -> [Effect] { [] }
    public mutating func resized(_ context: inout ScreenContext) -> [Effect] { [] }
    public mutating func click(x: Int, y: Int, in rect: Rect, _ context: inout ScreenContext) -> [Effect]? { nil }
    public func pluginTargets(_ context: ScreenContext) -> (annotationIDs: [Int], queueID: Int?) {
        switch selectedObject(context) {
        case let object? where object.kind == "annotation": return ([object.id], nil)
        case let object? where object.kind == "queue": return ([], object.id)
        default: return ([], nil)
        }
    }
    public mutating func back(_ context: inout ScreenContext) -> [Effect]? { nil }
    public func leaveRefusal() -> String? { nil }
    public func hookLogScope(_ context: ScreenContext) -> HookLogFilter { HookLogFilter() }
    public var isTyping: Bool { false }
    public func selectedObject(_ context: ScreenContext) -> SelectedObject? { nil }
    public var copyableText: String? { nil }
    public var savable: SavableText? { nil }
    public var filterHint: String { "status:to_review  id:123  text  \"text: with a colon\"" }
    public func pollFingerprint(for answer: DataAnswer) -> AnyHashable? { nil }
    public mutating func captureKey(_ key: Key, _ context: inout ScreenContext) -> [Effect]? { nil }
    public mutating func capturePaste(_ text: String, _ context: inout ScreenContext) -> Bool { false }
    public func offers(_ action: ActionID, _ context: ScreenContext) -> Bool { isAvailable(action, context) }

    /// The screen answers `/` (its filter action is available).
    public func hasFilter(_ context: ScreenContext) -> Bool { isAvailable(NavigationAction.filter, context) }

    /// Whether the automatic refresh is due, by the screen's interval with backoff.
    public func isDue(_ context: ScreenContext) -> Bool {
        guard let pollInterval else { return false }
        return load.isDue(now: context.now, interval: context.intervals[keyPath: pollInterval])
    }

    /// When the next automatic refresh is due; nil when the screen does not poll or loads now.
    public func nextRefresh(_ context: ScreenContext) -> Date? {
        guard let pollInterval, !load.inFlight else { return nil }
        return load.nextDue(interval: context.intervals[keyPath: pollInterval]) ?? context.now
    }
}
