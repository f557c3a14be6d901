import Foundation

extension AppState {
    /// Seconds a changed operation stays highlighted in the monitor.
    public static let highlightSeconds: TimeInterval = 4

    /// On every tick: refresh the visible view when due, follow running operations, expire
    /// the flash line and highlights. Nothing is started while the same load is in flight.
    mutating func poll() -> [Effect] {
        if let flash, flash.until <= now { self.flash = nil }
        monitor.changedAt = monitor.changedAt.filter { now.timeIntervalSince($0.value) < Self.highlightSeconds }
        var effects: [Effect] = []
        if !paused { effects += refreshVisible(force: false) }
        if monitorIsWatched && monitor.load.isDue(now: now, interval: intervals.monitor) {
            monitor.load.begin(at: now)
            effects.append(.loadOperations)
        }
        return effects
    }

    /// The monitor polls while it is on screen or while something runs.
    var monitorIsWatched: Bool {
        monitor.hasRunning || (!paused && (monitor.visible || screen == .operations))
    }

    /// Loads the visible view if due (or now, with `force`), unless it is already loading.
    mutating func refreshVisible(force: Bool) -> [Effect] {
        switch screen {
        case .workspaces:
            guard !tree.load.inFlight, force || tree.load.isDue(now: now, interval: intervals.tree) else { return [] }
            tree.load.begin(at: now)
            return [.loadWorkspaces]
        case .annotations:
            guard let list, list.loadingPages.isEmpty, force || list.load.isDue(now: now, interval: intervals.list) else { return [] }
            let pages = Set(AnnotationListState.pages(covering: list.scroll.offset, count: listVisibleRows, total: list.total))
            self.list?.load.begin(at: now)
            return ensureVisiblePagesLoaded(reloading: pages)
        case .detail:
            guard let detail, !detail.load.inFlight, force || detail.load.isDue(now: now, interval: intervals.detail) else { return [] }
            self.detail?.load.begin(at: now)
            return [.loadAnnotation(id: detail.annotationID)]
        case .datasets:
            guard !datasets.load.inFlight, force || datasets.load.isDue(now: now, interval: intervals.datasets) else { return [] }
            datasets.load.begin(at: now)
            return [.loadDatasets]
        case .operations:
            guard force, !monitor.load.inFlight else { return [] }
            monitor.load.begin(at: now)
            return [.loadOperations]
        }
    }

    /// When the loop should wake up next without a key: the earliest due poll, flash expiry
    /// or highlight expiry. `nil` means nothing is scheduled (an idle, paused console sleeps).
    public var nextWakeUp: Date? {
        var dates: [Date] = []
        if let flash { dates.append(flash.until) }
        for changed in monitor.changedAt.values { dates.append(changed.addingTimeInterval(Self.highlightSeconds)) }
        if monitorIsWatched, !monitor.load.inFlight { dates.append(monitor.load.nextDue(interval: intervals.monitor) ?? now) }
        if !paused {
            switch screen {
            case .workspaces: if !tree.load.inFlight { dates.append(tree.load.nextDue(interval: intervals.tree) ?? now) }
            case .annotations:
                if let list, list.loadingPages.isEmpty { dates.append(list.load.nextDue(interval: intervals.list) ?? now) }
            case .detail:
                if let detail, !detail.load.inFlight { dates.append(detail.load.nextDue(interval: intervals.detail) ?? now) }
            case .datasets: if !datasets.load.inFlight { dates.append(datasets.load.nextDue(interval: intervals.datasets) ?? now) }
            case .operations: break
            }
        }
        return dates.min()
    }
}
