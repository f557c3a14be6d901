import Foundation
import TerminalUI

extension AppState {
    /// Seconds a changed operation stays highlighted in the monitor.
    public static let highlightSeconds: TimeInterval = 4

    /// On every tick: refresh the visible screen when due, follow running operations, expire
    /// the flash line and highlights. Nothing is started while the same load is in flight.
    mutating func poll() -> [Effect] {
        if let flash, flash.until <= now { self.flash = nil }
        monitor.changedAt = monitor.changedAt.filter { now.timeIntervalSince($0.value) < Self.highlightSeconds }
        var effects: [Effect] = []
        if !paused { effects += refreshVisible(force: false) }
        effects += pollMonitor(force: false)
        return effects
    }

    /// The monitor polls while it is on screen or while something runs.
    var monitorIsWatched: Bool {
        monitor.hasRunning || (!paused && (monitor.visible || top is OperationsScreen))
    }

    mutating func pollMonitor(force: Bool) -> [Effect] {
        guard !monitor.load.inFlight else { return [] }
        guard force || (monitorIsWatched && monitor.load.isDue(now: now, interval: intervals.monitor)) else { return [] }
        monitor.load.begin(at: now)
        return [.fetch(OperationsRequest())]
    }

    /// Loads the visible screen if due (or now, with `force`), unless it is already loading.
    mutating func refreshVisible(force: Bool) -> [Effect] {
        if top is OperationsScreen { return force ? pollMonitor(force: true) : [] }
        return withTop { screen, context in screen.refresh(&context, force: force) }
    }

    /// When the loop should wake up next without a key: the earliest due poll, flash expiry
    /// or highlight expiry. `nil` means nothing is scheduled (an idle, paused console sleeps).
    public var nextWakeUp: Date? {
        var dates: [Date] = []
        if let flash { dates.append(flash.until) }
        for changed in monitor.changedAt.values { dates.append(changed.addingTimeInterval(Self.highlightSeconds)) }
        if monitorIsWatched, !monitor.load.inFlight { dates.append(monitor.load.nextDue(interval: intervals.monitor) ?? now) }
        let screenDue = paused ? nil : top.nextRefresh(context())
        if elapsedIsCounting {
            // A running operation's ELAPSED counts seconds on screen, between polls too. Its
            // frames keep the monitor poll's beat (a 2 s poll lands on every other one, never
            // delayed), and the screen's refresh waits for the next of them instead of waking
            // the console, and painting, on its own.
            let origin = monitor.load.lastAttempt ?? now
            dates.append(Self.beat(after: now, origin: origin))
            if let screenDue { dates.append(screenDue <= now ? screenDue : Self.beat(after: screenDue.addingTimeInterval(-LoadState.coalescing - 0.001), origin: origin)) }
        } else if let screenDue {
            dates.append(screenDue)
        }
        return dates.min()
    }

    /// Operations run and their ELAPSED column is on screen.
    var elapsedIsCounting: Bool { monitor.hasRunning && (monitorPanelRows > 0 || top is OperationsScreen) }

    /// The first moment strictly after `date` that is a whole number of seconds from `origin`.
    static func beat(after date: Date, origin: Date) -> Date {
        origin.addingTimeInterval((date.timeIntervalSince(origin) + 1).rounded(.down))
    }

    /// Merges operation rows by id. History is never dropped: an operation the server no longer
    /// lists stays as it was last seen. A state change is highlighted; an operation that ends
    /// refreshes the screen, whose counts it may have changed.
    mutating func mergeOperations(_ rows: [OperationRow], replacing: [String], complete: Bool) -> [Effect] {
        if !replacing.isEmpty { monitor.operations.removeAll { replacing.contains($0.id) } }
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
                if !firstLoad && row.isTerminal && !replacing.isEmpty { ended.append(row) }
            }
        }
        guard !ended.isEmpty else { return [] }
        for row in ended {
            let what = [row.kindLabel, row.dataset].compactMap { $0 }.joined(separator: " ")
            // Jobs the person started here answer them; others just happened.
            let said = row.source == .job || !replacing.isEmpty
            let text: String
            let level: FlashLevel
            if row.isFailure {
                (text, level) = ("operation \(what) \(row.state): \(row.error ?? "no detail")", .error)
            } else {
                (text, level) = ("operation \(what) \(row.state)" + (row.counts.isEmpty ? "" : " (\(row.counts.summary))"), .info)
            }
            if said { flash(text, level) } else { flashBackground(text, level) }
        }
        return refreshVisible(force: true)
    }
}
