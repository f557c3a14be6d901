import Foundation
import TerminalUI

/// The operation monitor: MDH operations and the jobs of this console and of the headless
/// commands, kept by id. Shown as a panel under every screen or as a screen of its own.
public struct MonitorState: Sendable, Hashable {
    public var operations: [OperationRow] = []
    /// When each operation last changed state, to highlight the change for a few seconds.
    public var changedAt: [String: Date] = [:]
    public var visible = true
    public var height = 8
    public var scroll = ScrollState()
    public var load = LoadState()

    public init() {}

    /// Running operations first (newest first), then the history, newest first.
    /// Working first (the one a person is waiting on), then waiting in the queue, then ended;
    /// newest first within each.
    public var ordered: [OperationRow] {
        func rank(_ op: OperationRow) -> Int { op.isTerminal ? 2 : Self.waitingStates.contains(op.state.lowercased()) ? 1 : 0 }
        return operations.sorted { a, b in
            if rank(a) != rank(b) { return rank(a) < rank(b) }
            return (a.startedAt ?? .distantPast) > (b.startedAt ?? .distantPast)
        }
    }

    /// States of an operation that has not started working yet.
    static let waitingStates: Set<String> = ["queued", "pending", "waiting", "created"]

    public var hasRunning: Bool { operations.contains { !$0.isTerminal } }
    public var runningJobs: [OperationRow] { operations.filter { $0.source == .job && !$0.isTerminal } }
}
