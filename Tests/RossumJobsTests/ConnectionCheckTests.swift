import Foundation
import RossumJobs
import RossumSandbox
import Testing

/// The check the console runs at start and before `:profile` leaves the current account:
/// every way a profile can be unusable is said at once, with its exit code.
@Suite struct ConnectionCheckTests {
    /// Writes `config.yaml` with a profile for the sandbox and a few broken ones.
    func configure(_ harness: SandboxHarness) throws {
        let store = ProfileStore(paths: harness.paths)
        try store.save(ProfileConfiguration(profiles: [
            "sandbox": Profile(baseURL: harness.server.apiURL, username: SandboxHarness.username, password: SandboxHarness.password),
            "wrong": Profile(baseURL: harness.server.apiURL, username: SandboxHarness.username, password: "not-the-password"),
        ]))
    }

    /// A context with no connection in its flags or environment: only the profiles count.
    func context(_ harness: SandboxHarness) -> CommandContext {
        var context = harness.context().0
        context.overrides = ConnectionOverrides()
        context.environment = ["HOME": harness.directory.path]
        return context
    }

    @Test func aWorkingProfilePassesAndBrokenOnesSayWhy() async throws {
        try await SandboxHarness.with { harness in
            try configure(harness)
            let context = context(harness)
            // What is said, not how fast: a machine busy with a build missed the 5 s deadline.
            let patient = Duration.seconds(60)
            #expect(await ConnectionCheck.problem(switchingTo: "sandbox", from: context, deadline: patient) == nil)

            let unknown = try #require(await ConnectionCheck.problem(switchingTo: "nope", from: context, deadline: patient))
            #expect(unknown.contains("no profile named \"nope\""))
            #expect(unknown.contains("sandbox"))

            var wrong = context
            wrong.overrides.profile = "wrong"
            let failure = await failure { try await ConnectionCheck.verify(wrong, deadline: patient) }
            #expect(failure?.status == .auth)
            #expect(failure?.message.contains("profile wrong (\(harness.server.apiURL))") == true)
            #expect(failure?.message.contains("not-the-password") == false)
        }
    }

    @Test func anUnreachableServerFailsAtOnce() async throws {
        try await SandboxHarness.with { harness in
            // Port 1 on this machine: the connection is refused.
            let (refused, _) = harness.context(baseURL: "http://127.0.0.1:1/api/v1")
            let start = ContinuousClock.now
            // A long deadline: a refused connection is an answer, so the check must not wait for it.
            let failure = await failure { try await ConnectionCheck.verify(refused, deadline: .seconds(120)) }
            #expect(failure?.status == .unavailable)
            #expect(failure?.message.contains("could not reach the server") == true, "\(failure?.message ?? "")")
            #expect(ContinuousClock.now - start < .seconds(60), "it ended on the refusal, not on the deadline")
        }
    }

    @Test func aServerThatDoesNotAnswerIsGivenUpAfterTheDeadline() async throws {
        try await SandboxHarness.with { harness in
            // Every answer comes 5 s late: longer than the check waits.
            await harness.server.setFaults(try FaultConfiguration(parsing: "latency=5s"))
            let (context, _) = harness.context()
            let start = ContinuousClock.now
            let failure = await failure { try await ConnectionCheck.verify(context, deadline: .milliseconds(500)) }
            let took = ContinuousClock.now - start
            #expect(failure?.status == .unavailable)
            #expect(failure?.message.contains("did not answer within 500 ms") == true, "\(failure?.message ?? "")")
            #expect(took >= .milliseconds(500) && took < .seconds(5))
        }
    }
}
