import Foundation
import RossumJobs
import Testing
#if canImport(Glibc)
import Glibc
#endif

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
            #expect(await ConnectionCheck.problem(switchingTo: "sandbox", from: context) == nil)

            let unknown = try #require(await ConnectionCheck.problem(switchingTo: "nope", from: context))
            #expect(unknown.contains("no profile named \"nope\""))
            #expect(unknown.contains("sandbox"))

            var wrong = context
            wrong.overrides.profile = "wrong"
            let failure = await failure { try await ConnectionCheck.verify(wrong) }
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
            let failure = await failure { try await ConnectionCheck.verify(refused, deadline: .seconds(5)) }
            #expect(failure?.status == .unavailable)
            #expect(failure?.message.contains("could not reach the server") == true, "\(failure?.message ?? "")")
            #expect(ContinuousClock.now - start < .seconds(4))
        }
    }

    @Test func aServerThatNeverAnswersIsGivenUpAfterTheDeadline() async throws {
        try await SandboxHarness.with { harness in
            let silent = try SilentServer()
            let (context, _) = harness.context(baseURL: "http://127.0.0.1:\(silent.port)/api/v1")
            let start = ContinuousClock.now
            let failure = await failure { try await ConnectionCheck.verify(context, deadline: .milliseconds(500)) }
            let took = ContinuousClock.now - start
            #expect(failure?.status == .unavailable)
            #expect(failure?.message.contains("did not answer within 500 ms") == true, "\(failure?.message ?? "")")
            #expect(took >= .milliseconds(500) && took < .seconds(5))
        }
    }
}

/// A loopback port that accepts connections (the kernel completes them from the backlog) and
/// never answers: a server that hangs.
final class SilentServer: @unchecked Sendable {  // immutable after init; the descriptor is closed once
    let port: Int
    private let descriptor: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Bool in
                bind(fd, raw, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}
