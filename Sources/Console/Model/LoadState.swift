import Foundation

/// The freshness of one view's data: when it last loaded, whether a load is running, and the
/// backoff after failures. A failed refresh keeps the old data and shows "stale since".
public struct LoadState: Sendable, Hashable {
    public var lastSuccess: Date?
    public var lastAttempt: Date?
    public var inFlight: Bool = false
    /// The running load shows a "loading" badge and spinner: a first load, or one the person
    /// (or an action of theirs) asked for. A routine poll runs unseen, so a poll that brings
    /// nothing new changes nothing on screen.
    public var showsProgress: Bool = false
    public var failures: Int = 0
    public var lastError: String?

    public init() {}

    public var isStale: Bool { lastError != nil }

    public mutating func begin(at now: Date, asked: Bool = false) {
        inFlight = true
        showsProgress = asked || lastSuccess == nil
        lastAttempt = now
    }

    public mutating func succeed(at now: Date) {
        inFlight = false
        showsProgress = false
        lastSuccess = now
        failures = 0
        lastError = nil
    }

    public mutating func fail(_ message: String, at now: Date) {
        inFlight = false
        showsProgress = false
        failures += 1
        lastError = message
    }

    /// When the next automatic refresh is due: the interval after the last attempt, doubled per
    /// consecutive failure up to a minute, so a server that is down is not hammered.
    public func nextDue(interval: TimeInterval) -> Date? {
        guard let lastAttempt else { return nil }
        let backoff = failures == 0 ? interval : min(60, interval * pow(2, Double(min(failures, 6))))
        return lastAttempt.addingTimeInterval(max(interval, backoff))
    }

    /// Due now: never loaded, or the interval (with backoff) has passed, and nothing running.
    /// A poll due within `coalescing` runs now, on the frame being painted, instead of waking
    /// the console again a few milliseconds later.
    public func isDue(now: Date, interval: TimeInterval) -> Bool {
        if inFlight { return false }
        guard let due = nextDue(interval: interval) else { return true }
        return now >= due.addingTimeInterval(-Self.coalescing)
    }

    public static let coalescing: TimeInterval = 0.05
}

/// How often each view polls; the floor keeps a careless config from hammering the server.
public struct RefreshIntervals: Sendable, Hashable {
    public static let floor: TimeInterval = 2

    public var tree: TimeInterval
    public var list: TimeInterval
    public var detail: TimeInterval
    public var monitor: TimeInterval
    public var datasets: TimeInterval

    public init(tree: TimeInterval = 10, list: TimeInterval = 5, detail: TimeInterval = 10, monitor: TimeInterval = 2, datasets: TimeInterval = 10) {
        self.tree = max(Self.floor, tree)
        self.list = max(Self.floor, list)
        self.detail = max(Self.floor, detail)
        self.monitor = max(Self.floor, monitor)
        self.datasets = max(Self.floor, datasets)
    }
}
