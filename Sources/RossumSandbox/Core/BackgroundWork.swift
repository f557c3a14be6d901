import Synchronization

/// Delayed work the sandbox does on its own (imports finishing, live-mode arrivals), tracked
/// so `shutdown()` can cancel it and tests never leave tasks running behind them.
final class BackgroundWork: Sendable {
    private let tasks = Mutex<[Int: Task<Void, Never>]>([:])
    private let nextID = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)

    /// Runs `work` after `delay` unless the server shuts down first.
    func after(_ delay: Duration, _ work: @escaping @Sendable () async -> Void) {
        guard !stopped.load(ordering: .acquiring) else { return }
        let id = nextID.add(1, ordering: .relaxed).newValue
        let task = Task { [weak self] in
            try? await Task.sleep(for: delay)
            if !Task.isCancelled { await work() }
            self?.finished(id)
        }
        tasks.withLock { $0[id] = task }
    }

    /// Runs `work` until shutdown.
    func loop(_ work: @escaping @Sendable () async -> Void) {
        let id = nextID.add(1, ordering: .relaxed).newValue
        tasks.withLock { $0[id] = Task { await work() } }
    }

    private func finished(_ id: Int) { _ = tasks.withLock { $0.removeValue(forKey: id) } }

    func cancelAll() async {
        stopped.store(true, ordering: .releasing)
        let running = tasks.withLock { tasks in
            let all = Array(tasks.values)
            tasks.removeAll()
            return all
        }
        for task in running { task.cancel() }
        for task in running { await task.value }
    }
}
