import Foundation

/// Whether a routine poll's answer changed anything on screen. The monitor polls every two
/// seconds and the tree every ten; most answers bring nothing new, and painting a frame for
/// each was most of what an idle console cost.
///
/// The two background polls qualify (the monitor's operations and the organization's
/// workspaces), and a screen's own poll when the screen says what it shows (the hook logs
/// following new runs). Every other answer, key and tick paints as before.
struct PollFootprint: Equatable {
    var operations: [OperationRow]
    var highlighted: Set<String>
    var monitorError: String?
    var catalog: Catalog
    var flash: Flash?
    var topError: String?
    var topShowsProgress: Bool
    var depth: Int
    var hasOverlay: Bool
    /// The whole second ELAPSED shows, while it counts.
    var elapsedSecond: Int?
    /// What the top screen shows that its own poll can change (`pollFingerprint`).
    var top: AnyHashable?
}

extension AppState {
    /// The answer of a poll that runs unseen (see `LoadState.showsProgress`).
    func isRoutinePoll(_ answer: DataAnswer) -> Bool {
        answer.request.base is OperationsRequest || answer.request.base is WorkspacesRequest || top.pollFingerprint(for: answer) != nil
    }

    /// Everything a routine poll's answer, or the time it took, can change on screen.
    func pollFootprint(for answer: DataAnswer) -> PollFootprint {
        PollFootprint(
            operations: monitor.operations,
            highlighted: Set(monitor.changedAt.filter { now.timeIntervalSince($0.value) < Self.highlightSeconds }.keys),
            monitorError: monitor.load.lastError,
            catalog: catalog,
            flash: flash.flatMap { $0.until > now ? $0 : nil },
            topError: top.load.lastError,
            topShowsProgress: top.load.inFlight && top.load.showsProgress,
            depth: stack.count,
            hasOverlay: overlay != nil,
            elapsedSecond: elapsedIsCounting ? Int(now.timeIntervalSinceReferenceDate.rounded(.down)) : nil,
            top: top.pollFingerprint(for: answer))
    }
}
