import Foundation
import TerminalUI

extension AppState {
    /// Moves a scroll state for the generic navigation actions; false if `action` is not one.
    static func navigate(_ scroll: inout ScrollState, _ action: ActionID, rowCount: Int, visibleRows: Int) -> Bool {
        switch action {
        case NavigationAction.up: scroll.move(by: -1, rowCount: rowCount)
        case NavigationAction.down: scroll.move(by: 1, rowCount: rowCount)
        case NavigationAction.top: scroll.moveToTop()
        case NavigationAction.bottom: scroll.moveToBottom(rowCount: rowCount)
        case NavigationAction.pageUp: scroll.page(-1, visibleRows: visibleRows, rowCount: rowCount)
        case NavigationAction.pageDown: scroll.page(1, visibleRows: visibleRows, rowCount: rowCount)
        default: return false
        }
        scroll.clamp(rowCount: rowCount, visibleRows: visibleRows)
        return true
    }

    // MARK: workspaces and queues

    mutating func treeAction(_ action: ActionID) -> [Effect] {
        let lines = tree.lines
        if Self.navigate(&tree.scroll, action, rowCount: lines.count, visibleRows: mainBodyRows - 1) { return [] }
        guard lines.indices.contains(tree.scroll.selected) else { return [] }
        switch (action, lines[tree.scroll.selected]) {
        case (NavigationAction.open, .queue(let queue, let workspace)), (NavigationAction.right, .queue(let queue, let workspace)):
            return openQueue(queue, workspaceName: workspace.name)
        case (NavigationAction.open, .workspace(let workspace, let expanded)):
            if expanded { tree.collapsed.insert(workspace.id) } else { tree.collapsed.remove(workspace.id) }
        case (NavigationAction.right, .workspace(let workspace, _)):
            tree.collapsed.remove(workspace.id)
        case (NavigationAction.left, .workspace(let workspace, _)):
            tree.collapsed.insert(workspace.id)
        case (NavigationAction.left, .queue(_, let workspace)):
            if let index = lines.firstIndex(of: .workspace(workspace, expanded: true)) { tree.scroll.select(index, rowCount: lines.count) }
        default:
            break
        }
        return []
    }

    mutating func openQueue(_ queue: QueueSummary, workspaceName: String?) -> [Effect] {
        var state = AnnotationListState(queue: queue, workspaceName: workspaceName)
        // Reopening the same queue keeps the filter, sort and tab the user chose.
        if let list, list.queue.id == queue.id {
            state.query = list.query
            state.fieldColumns = list.fieldColumns
        }
        list = state
        push(.annotations)
        var effects: [Effect] = [.loadFieldColumns(queueID: queue.id, schemaID: queue.schemaID)]
        effects += reloadList()
        return effects
    }

    mutating func openDetail(_ id: Int) -> [Effect] {
        detail = DetailState(annotationID: id)
        detail?.load.begin(at: now)
        push(.detail)
        return [.loadAnnotation(id: id)]
    }

    mutating func openDatasets() -> [Effect] {
        push(.datasets)
        return refreshVisible(force: false)
    }

    // MARK: detail

    mutating func detailAction(_ action: ActionID) -> [Effect] {
        guard let detail else { return [] }
        let page = max(1, mainBodyRows - 1)
        switch action {
        case NavigationAction.up: self.detail?.scroll = max(0, detail.scroll - 1)
        case NavigationAction.down: self.detail?.scroll = detail.scroll + 1
        case NavigationAction.pageUp: self.detail?.scroll = max(0, detail.scroll - page)
        case NavigationAction.pageDown: self.detail?.scroll = detail.scroll + page
        case NavigationAction.top: self.detail?.scroll = 0
        case NavigationAction.open, ConsoleAction.nextToReview:
            return nextToReview(after: detail.annotationID)
        default:
            return annotationAction(action, targets: [detail.annotationID])
        }
        return []
    }

    // MARK: datasets

    mutating func datasetsAction(_ action: ActionID) -> [Effect] {
        if Self.navigate(&datasets.scroll, action, rowCount: datasets.datasets.count, visibleRows: mainBodyRows - 1) { return [] }
        guard let dataset = datasets.selected else {
            if [ConsoleAction.upsert, ConsoleAction.replace, ConsoleAction.download].contains(action) {
                flash("no dataset selected", .warn)
            }
            return []
        }
        switch action {
        case ConsoleAction.upsert:
            overlay = .dialog(DialogState(
                purpose: .upsert(dataset: dataset.name), title: "Upsert into \(dataset.name)",
                message: ["Records in the file update those with the same id keys; new ones are added."],
                fields: [.init(label: "File (JSON or CSV)", placeholder: "records.json"),
                         .init(label: "ID keys (comma separated)", placeholder: "id")],
                okLabel: "Upsert", focusCancel: true))
        case ConsoleAction.replace:
            overlay = .dialog(DialogState(
                purpose: .replace(dataset: dataset.name), title: "Replace \(dataset.name)",
                message: ["Every record of \(dataset.name) is replaced by the file's records."],
                fields: [.init(label: "File (JSON or CSV)", placeholder: "records.json")],
                okLabel: "Replace", focusCancel: true))
        case ConsoleAction.download:
            overlay = .dialog(DialogState(
                purpose: .download(dataset: dataset.name), title: "Download \(dataset.name)",
                message: ["Every record of the collection, written as JSON lines."],
                fields: [.init(label: "Save to", text: dataset.name + ".jsonl")],
                okLabel: "Download", focusCancel: false))
        default:
            break
        }
        return []
    }

    // MARK: monitor

    mutating func monitorAction(_ action: ActionID) -> [Effect] {
        let rows = monitor.operations.count
        let visible = screen == .operations ? mainBodyRows - 1 : max(1, monitorPanelRows - 2)
        _ = Self.navigate(&monitor.scroll, action, rowCount: rows, visibleRows: visible)
        return []
    }
}
