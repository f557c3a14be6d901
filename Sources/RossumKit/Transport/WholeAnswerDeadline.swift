/// Runs one HTTP exchange against a deadline for the whole answer, body included: whichever
/// comes first, the answer or the deadline, decides, and the loser is cancelled.
enum WholeAnswerDeadline {
    static func run<T: Sendable>(_ limit: Duration, _ exchange: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await exchange() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw TransportFailure(phase: .unknown, isTimeout: true, reason: "no complete answer within \(limit.seconds) s")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}
