/// Caps how many requests are in flight across every task sharing one client.
/// Waiters are served first come, first served.
actor AsyncSemaphore {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var waiterHead = 0

    init(limit: Int) {
        available = limit
    }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiterHead < waiters.count {
            let next = waiters[waiterHead]
            waiterHead += 1
            if waiterHead > 64, waiterHead * 2 > waiters.count {
                waiters.removeFirst(waiterHead)
                waiterHead = 0
            }
            next.resume()  // the slot passes straight to the waiter
        } else {
            available += 1
        }
    }

    /// Runs `body` holding one slot.
    func withSlot<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try await body()
    }
}
