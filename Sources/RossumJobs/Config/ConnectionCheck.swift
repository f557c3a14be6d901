import Foundation
import RossumKit
import Synchronization

/// Checks a connection before a long-lived program commits to it: the settings resolve, the
/// credentials are there, and one authenticated request (`auth/user`, which logs in first when
/// the profile has a password) is answered within a short deadline. The console runs it at
/// start and before `:profile` leaves the current account, so a wrong password or a server
/// that does not answer is said at once instead of behind "loading…".
public enum ConnectionCheck {
    /// Throws a `CommandFailure` that names the profile and says what to do.
    public static func verify(_ context: CommandContext, deadline: Duration = .seconds(5)) async throws {
        var probe = context
        // The HTTP client keeps retrying a refused connection until its connect timeout: half
        // the deadline says "unreachable" sooner than "too slow" would.
        probe.clientConfiguration.connectTimeout = min(probe.clientConfiguration.connectTimeout, deadline / 2)
        // One try: a retry would only push the answer past the deadline (which cancels the
        // request; the client's own timeout stays longer so the deadline's message is the one).
        probe.clientConfiguration.retries = 1
        let settings: ConnectionSettings
        let client: RossumClient
        do {
            settings = try probe.settings()
            client = try probe.client()
        } catch {
            throw CommandContext.failure(from: error)
        }
        let what = "profile \(settings.profileName) (\(Redactor.removingURLCredentials(from: settings.baseURL)))"
        do {
            try await withDeadline(deadline) { _ = try await client.users.current() }
        } catch is DeadlineMissed {
            throw CommandFailure(.unavailable, "\(what) did not answer within \(deadline.humanReadable): check the URL and the network")
        } catch {
            let failure = CommandContext.failure(from: error)
            throw CommandFailure(failure.status, "\(what): \(failure.message)")
        }
    }

    /// The check's answer for a profile the console wants to switch to: nil when it works,
    /// else the message to show.
    public static func problem(switchingTo profile: String, from context: CommandContext,
                               deadline: Duration = .seconds(5)) async -> String? {
        var candidate = context
        candidate.overrides.profile = profile
        do {
            try await verify(candidate, deadline: deadline)
            return nil
        } catch {
            return CommandContext.failure(from: error).message
        }
    }

    private struct DeadlineMissed: Error {}

    /// Runs `body`, giving up after `deadline`: the answer comes at the deadline even when the
    /// request (a login in flight, say) takes longer to notice that it was cancelled.
    private static func withDeadline(_ deadline: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let first = FirstOutcome(continuation)
            let work = Task {
                do {
                    try await body()
                    first.resume(with: .success(()))
                } catch {
                    first.resume(with: .failure(error))
                }
            }
            Task {
                try? await Task.sleep(for: deadline)
                if first.resume(with: .failure(DeadlineMissed())) { work.cancel() }
            }
        }
    }
}

/// Resumes a continuation with whichever outcome comes first; later ones are dropped.
private final class FirstOutcome: Sendable {
    private let waiting: Mutex<CheckedContinuation<Void, any Error>?>

    init(_ continuation: CheckedContinuation<Void, any Error>) {
        waiting = Mutex(continuation)
    }

    /// True when this outcome was the first.
    @discardableResult
    func resume(with result: Result<Void, any Error>) -> Bool {
        guard let continuation = waiting.withLock({ $0.take() }) else { return false }
        continuation.resume(with: result)
        return true
    }
}
