/// Lets a timing test run while no other sandbox test is using the CPU of this process:
/// sandbox tests enter shared, the timing test enters exclusive (FIFO, so it is not starved).
actor TestGate {
    static let shared = TestGate()

    private var sharedHolders = 0
    private var exclusiveHeld = false
    private var queue: [(exclusive: Bool, continuation: CheckedContinuation<Void, Never>)] = []

    func enter(exclusive: Bool) async {
        if queue.isEmpty, canEnter(exclusive) {
            admit(exclusive)
            return
        }
        await withCheckedContinuation { queue.append((exclusive, $0)) }
    }

    func leave(exclusive: Bool) {
        if exclusive { exclusiveHeld = false } else { sharedHolders -= 1 }
        while let next = queue.first, canEnter(next.exclusive) {
            queue.removeFirst()
            admit(next.exclusive)
            next.continuation.resume()
        }
    }

    private func canEnter(_ exclusive: Bool) -> Bool {
        exclusive ? (!exclusiveHeld && sharedHolders == 0) : !exclusiveHeld
    }

    private func admit(_ exclusive: Bool) {
        if exclusive { exclusiveHeld = true } else { sharedHolders += 1 }
    }

    func withExclusive<T: Sendable>(_ body: () async throws -> T) async rethrows -> T {
        await enter(exclusive: true)
        do {
            let result = try await body()
            leave(exclusive: true)
            return result
        } catch {
            leave(exclusive: true)
            throw error
        }
    }
}
