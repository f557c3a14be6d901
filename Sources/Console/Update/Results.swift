import Foundation
import TerminalUI

extension AppState {
    mutating func workspacesLoaded(_ result: Result<(OrganizationSummary?, [WorkspaceSummary]), ConsoleFailure>) -> [Effect] {
        switch result {
        case .success(let (organization, workspaces)):
            tree.organization = organization ?? tree.organization
            tree.workspaces = workspaces
            tree.load.succeed(at: now)
            tree.scroll.clamp(rowCount: tree.lines.count, visibleRows: mainBodyRows - 1)
            // The open list shows the queue's counts too.
            if let id = list?.queue.id, let (queue, _) = tree.queue(id: id) { list?.queue.counts = queue.counts }
        case .failure(let failure):
            tree.load.fail(failure.description, at: now)
            flash("workspaces: \(failure)", .error)
        }
        return []
    }

    mutating func annotationPageLoaded(_ query: AnnotationQuery, page: Int, _ result: Result<AnnotationPage, ConsoleFailure>) -> [Effect] {
        // An answer to an older query (filter/sort changed since) is dropped.
        guard var list, list.query == query else { return [] }
        list.loadingPages.remove(page)
        switch result {
        case .success(let answer):
            list.pages[page] = answer.rows
            if list.total != answer.total {
                list.total = answer.total
                // Pages beyond the new end are gone.
                let lastPage = max(0, (answer.total - 1) / AnnotationListState.pageSize)
                for stale in list.pages.keys where stale > lastPage { list.pages[stale] = nil }
            }
            if list.loadingPages.isEmpty { list.load.succeed(at: now) }
            list.scroll.clamp(rowCount: list.rowCount, visibleRows: listVisibleRows)
            self.list = list
            return ensureVisiblePagesLoaded()
        case .failure(let failure):
            list.load.fail(failure.description, at: now)
            self.list = list
            flash("annotations: \(failure)", .error)
            return []
        }
    }

    mutating func annotationLoaded(id: Int, _ result: Result<AnnotationDetail, ConsoleFailure>) -> [Effect] {
        guard detail?.annotationID == id else { return [] }
        switch result {
        case .success(let loaded):
            detail?.detail = loaded
            detail?.load.succeed(at: now)
            list?.replace(loaded.row)
        case .failure(let failure):
            detail?.load.fail(failure.description, at: now)
            flash("annotation \(id): \(failure)", .error)
        }
        return []
    }

    mutating func operationsLoaded(_ result: Result<[OperationRow], ConsoleFailure>) -> [Effect] {
        switch result {
        case .success(let rows):
            monitor.load.succeed(at: now)
            return mergeOperations(rows, complete: true)
        case .failure(let failure):
            monitor.load.fail(failure.description, at: now)
            return []
        }
    }

    /// Merges operation rows by id. History is never dropped: an operation the server no longer
    /// lists stays as it was last seen. A state change is highlighted; an operation that ends
    /// refreshes the views that depend on it.
    mutating func mergeOperations(_ rows: [OperationRow], complete: Bool) -> [Effect] {
        var index: [String: Int] = [:]
        for (i, row) in monitor.operations.enumerated() { index[row.id] = i }
        let firstLoad = monitor.operations.isEmpty && complete
        var ended: [OperationRow] = []
        for row in rows {
            if let i = index[row.id] {
                let old = monitor.operations[i]
                // A late answer must not move an operation back from its end state.
                if old.isTerminal && !row.isTerminal { continue }
                if old.state != row.state {
                    monitor.changedAt[row.id] = now
                    if row.isTerminal { ended.append(row) }
                }
                monitor.operations[i] = row
            } else {
                monitor.operations.append(row)
                index[row.id] = monitor.operations.count - 1
                if !firstLoad { monitor.changedAt[row.id] = now }
            }
        }
        guard !ended.isEmpty else { return [] }
        for row in ended {
            let what = [row.kind, row.dataset].compactMap { $0 }.joined(separator: " ")
            if row.isFailure {
                flash("operation \(what) failed: \(row.error ?? "no detail")", .error)
            } else {
                flash("operation \(what) \(row.state)", .info)
            }
        }
        var effects: [Effect] = []
        if screen == .datasets && !datasets.load.inFlight {
            datasets.load.begin(at: now)
            effects.append(.loadDatasets)
        }
        if screen == .workspaces && !tree.load.inFlight {
            tree.load.begin(at: now)
            effects.append(.loadWorkspaces)
        }
        return effects
    }
}
