import Synchronization

/// A body still running after its time limit: a hang, reported instead of hanging the run.
struct TimeLimitExceeded: Error, CustomStringConvertible {
    let limit: Duration
    var description: String { "still running after \(limit)" }
}

/// Runs `body` and returns its outcome with how long it took. A body still running after
/// `limit` is cancelled and left behind, and the outcome is `TimeLimitExceeded`: a test of
/// "this never hangs" must fail on a hang, not hang itself.
func timed<T: Sendable>(limit: Duration, _ body: @escaping @Sendable () async throws -> T) async -> (outcome: Result<T, any Error>, elapsed: Duration) {
    let clock = ContinuousClock()
    let started = clock.now
    let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, any Error>, Never>) in
        let first = FirstResult(continuation)
        let work = Task {
            do { first.resume(.success(try await body())) } catch { first.resume(.failure(error)) }
        }
        Task {
            try? await Task.sleep(for: limit)
            if first.resume(.failure(TimeLimitExceeded(limit: limit))) { work.cancel() }
        }
    }
    return (outcome, clock.now - started)
}

extension Result {
    /// The error, when this is a failure.
    var error: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// Resumes a continuation with whichever result comes first.
private final class FirstResult<T: Sendable>: Sendable {
    private let waiting: Mutex<CheckedContinuation<Result<T, any Error>, Never>?>

    init(_ continuation: CheckedContinuation<Result<T, any Error>, Never>) {
        waiting = Mutex(continuation)
    }

    /// True when this result was the first.
    @discardableResult
    func resume(_ result: Result<T, any Error>) -> Bool {
        guard let continuation = waiting.withLock({ $0.take() }) else { return false }
        continuation.resume(returning: result)
        return true
    }
}
