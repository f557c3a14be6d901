import Foundation
import Testing
import RossumKit
import RossumSandbox

/// Retries, `Retry-After` and re-login against the sandbox's injected faults and short tokens.
@Suite struct SandboxResilienceTests {
    @Test func retriesCountedAgainstInjectedFaults() async throws {
        try await withSandbox({ _ in }) { server in
            let recorder = SleepRecorder()
            // At most three attempts, so "more failures than attempts" is a number here; the
            // time budget that bounds retries by default is pinned in TransportBehaviourTests.
            let client = try SharedSandbox.client(server) {
                $0.sleep = recorder.sleep
                $0.retries = 3
            }
            _ = try await client.token()

            // two 503s, then success: three attempts, two waits
            await server.setFaults(try FaultConfiguration(parsing: "error=1,limit=2,status=503,prefix=/api/v1/workspaces"))
            #expect(try await !client.workspaces.list().collect().isEmpty)
            #expect(recorder.recorded.count == 2)

            // more failures than attempts: the status is reported after three attempts
            await server.setFaults(try FaultConfiguration(parsing: "error=1,limit=3,status=502,prefix=/api/v1/workspaces"))
            let error = await #expect(throws: RossumError.self) { _ = try await client.workspaces.retrieve(1) }
            #expect(error?.status == 502)
            #expect(recorder.recorded.count == 4)

            // 429 with Retry-After: the announced wait, not the backoff
            await server.setFaults(try FaultConfiguration(parsing: "throttle=1,limit=1,retry_after=3,prefix=/api/v1/workspaces"))
            _ = try await client.workspaces.retrieve(1)
            #expect(recorder.recorded.last == .seconds(3))
            #expect(recorder.recorded.count == 5)

            // a confirm is not repeated after a 500 (it may have been applied)...
            let annotation = try #require(try await client.annotations.list(filters: ["status": "to_review"], maxPages: 1).firstPage().results.first)
            await server.setFaults(try FaultConfiguration(parsing: "error=1,limit=1,status=500,prefix=/api/v1/annotations/"))
            await #expect(throws: RossumError.self) { try await client.annotations.confirm(annotation.id) }
            #expect(recorder.recorded.count == 5)
            // ...but is after a 503, which the server answers without applying it
            await server.setFaults(try FaultConfiguration(parsing: "error=1,limit=1,status=503,prefix=/api/v1/annotations/"))
            try await client.annotations.confirm(annotation.id)
            #expect(recorder.recorded.count == 6)
            await server.setFaults(FaultConfiguration())
        }
    }

    @Test func inFlightCapHoldsAgainstTheServer() async throws {
        try await withSandbox({ _ in }) { server in
            let client = try SharedSandbox.client(server) { $0.maxInFlightRequests = 3 }
            _ = try await client.token()
            // every request takes at least 100 ms: 12 of them, 3 at a time, need 4 rounds
            await server.setFaults(try FaultConfiguration(parsing: "latency=100ms,prefix=/api/v1/workspaces"))
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<12 { group.addTask { _ = try await client.workspaces.retrieve(1) } }
                try await group.waitForAll()
            }
            let elapsed = ContinuousClock.now - started
            await server.setFaults(FaultConfiguration())
            #expect(elapsed >= .milliseconds(400))
        }
    }

    @Test func connectionRefusedIsRetriedThenReported() async throws {
        let recorder = SleepRecorder()
        // a port that refuses connections for the whole test
        let closed = try UnlistenedPort()
        let port = "http://127.0.0.1:\(closed.port)"
        var configuration = RossumClientConfiguration.instant(recorder)
        configuration.connectTimeout = .milliseconds(300)
        let client = try RossumClient(baseURL: port + "/api/v1", credentials: .token("tok-abcdef"), configuration: configuration)
        let error = await #expect(throws: RossumError.self) { try await client.annotations.confirm(1) }
        guard case .transport? = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(recorder.recorded.count == 2)  // nothing was sent, so even a confirm is retried
        withExtendedLifetime(closed) {}
    }

    @Test func logsInAgainWhenTheServerRejectsTheToken() async throws {
        // The server rejecting a token it issued (expired or logged out) is one and the same
        // 401 to the client; logging the token out makes it happen exactly when the test says,
        // on any machine load. Expiry itself is pinned by the sandbox's own auth tests.
        try await withSandbox({ _ in }) { server in
            let client = try SharedSandbox.client(server)
            let first = try await client.token()
            _ = try await client.users.current()
            let probe = try RossumClient(baseURL: server.apiURL, credentials: .token(first))
            _ = try await probe.requestJSON("POST", "auth/logout")
            let rejected = await #expect(throws: RossumError.self) { _ = try await probe.users.current() }
            #expect(rejected?.status == 401)
            // the credentials client notices the 401 and logs in again, once
            let me = try await client.users.current()
            #expect(me.username == SharedSandbox.configuration.username)
            let second = try await client.token()
            #expect(second != first)
        }
    }
}
