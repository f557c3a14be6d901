/// One holder per key at a time, across every task sharing a client: two status actions on
/// one annotation from the same program (a bulk run and a single keypress, say) run one after
/// the other, so the second reads the status the first left instead of racing it.
actor KeyedGate<Key: Hashable & Sendable> {
    private var held: Set<Key> = []
    private var waiters: [Key: [CheckedContinuation<Void, Never>]] = [:]

    func acquire(_ key: Key) async {
        if held.insert(key).inserted { return }
        await withCheckedContinuation { waiters[key, default: []].append($0) }
    }

    func release(_ key: Key) {
        if var queue = waiters[key], !queue.isEmpty {
            // The key passes straight to the next waiter: it stays held.
            let next = queue.removeFirst()
            waiters[key] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            held.remove(key)
        }
    }
}
