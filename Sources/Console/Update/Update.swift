import Foundation
import TerminalUI

/// The console's state machine: `update(state, event) -> (state, effects)`, pure and
/// synchronous. The runner performs the effects and feeds their results back as events.
public enum ConsoleCore {
    public static func update(_ state: AppState, _ event: Event) -> (AppState, [Effect]) {
        var next = state
        let effects = next.apply(event)
        return (next, effects)
    }

    /// Effects to start with: the first screen's data and the monitor.
    public static func start(_ state: inout AppState) -> [Effect] {
        state.tree.load.begin(at: state.now)
        state.monitor.load.begin(at: state.now)
        return [.loadWorkspaces, .loadOperations]
    }
}

extension AppState {
    /// Applies one event; returns the work it asks for.
    public mutating func apply(_ event: Event) -> [Effect] {
        switch event {
        case .key(let key):
            return handleKey(key)
        case .resize(let width, let height):
            self.width = max(1, width)
            self.height = max(1, height)
            return ensureVisiblePagesLoaded()
        case .tick(let date):
            now = max(now, date)
            return poll()
        case .workspacesLoaded(let result):
            return workspacesLoaded(result)
        case .annotationPageLoaded(let query, let page, let result):
            return annotationPageLoaded(query, page: page, result)
        case .fieldColumnsLoaded(let queueID, let columns):
            guard let current = list, current.queue.id == queueID, !columns.isEmpty else { return [] }
            list?.fieldColumns = columns
            // Pages that loaded before the columns were known lack their values.
            return ensureVisiblePagesLoaded(reloading: Set(current.pages.keys))
        case .annotationLoaded(let id, let result):
            return annotationLoaded(id: id, result)
        case .annotationRowRefreshed(let row):
            list?.replace(row)
            if detail?.annotationID == row.id { detail?.detail?.row = row }
            return []
        case .commandFinished(let command, let id, let bulkID, let result):
            return commandFinished(command, id: id, bulkID: bulkID, result)
        case .queueResolved(let id, let result):
            switch result {
            case .success(let (queue, workspaceName)):
                return openQueue(queue, workspaceName: workspaceName)
            case .failure(let failure):
                flash("queue \(id): \(failure)", .error)
                return []
            }
        case .operationsLoaded(let result):
            return operationsLoaded(result)
        case .datasetsLoaded(let result):
            switch result {
            case .success(let datasets):
                self.datasets.datasets = datasets.sorted { $0.name < $1.name }
                self.datasets.load.succeed(at: now)
                self.datasets.scroll.select(self.datasets.scroll.selected, rowCount: datasets.count)
            case .failure(let failure):
                self.datasets.load.fail(failure.description, at: now)
                flash("datasets: \(failure)", .error)
            }
            return []
        case .jobUpdated(let row):
            return mergeOperations([row], complete: false)
        case .jobFailedToStart(let what, let failure):
            flash("\(what): \(failure)", .error)
            return []
        case .urlOpened(let url, let viaBrowser):
            flash(viaBrowser ? "opened \(url)" : "\(url)  (copied to the clipboard)", .info, seconds: viaBrowser ? 4 : 15)
            return []
        case .themeChanged(let result):
            switch result {
            case .success(let theme):
                self.theme = theme
                flash("theme \(theme.name)", .info)
            case .failure(let failure):
                flash(failure.description, .error)
            }
            return []
        case .message(let text, let level):
            flash(text, level)
            return []
        }
    }

    public mutating func flash(_ text: String, _ level: FlashLevel, seconds: TimeInterval? = nil) {
        let duration = seconds ?? (level == .error ? 10 : 4)
        flash = Flash(text: text, level: level, until: now.addingTimeInterval(duration))
    }

    /// Goes to a screen, remembering where we came from.
    mutating func push(_ screen: Screen) {
        if self.screen != screen {
            history.append(self.screen)
            if history.count > 20 { history.removeFirst() }
        }
        self.screen = screen
        focus = .main
    }

    mutating func goBack() -> [Effect] {
        if focus == .monitor {
            focus = .main
            return []
        }
        guard let previous = history.popLast() else { return [] }
        screen = previous
        return refreshVisible(force: false)
    }
}
