import AsyncHTTPClient
import Foundation
import Testing
@testable import RossumSandbox

@Suite struct FaultTests {
    @Test func textFormParsesEveryKeyAndRejectsNonsense() throws {
        let faults = try FaultConfiguration(
            parsing: "error=0.2,throttle=0.1,latency=50ms,drop=0.05,truncate=0.05,prefix=/svc/data-storage,seed=7,every=3,limit=2,status=503,retry_after=4")
        #expect(faults.errorRate == 0.2 && faults.throttleRate == 0.1 && faults.dropRate == 0.05 && faults.truncateRate == 0.05)
        #expect(faults.latency == .milliseconds(50))
        #expect(faults.pathPrefix == "/svc/data-storage" && faults.seed == 7 && faults.every == 3 && faults.limit == 2)
        #expect(faults.errorStatuses == [503] && faults.retryAfterSeconds == 4)
        #expect(try FaultConfiguration(parsing: "latency=1s").latency == .seconds(1))
        #expect(try FaultConfiguration(parsing: "").isOff)
        #expect(throws: FaultConfigurationError.self) { try FaultConfiguration(parsing: "error=2") }
        #expect(throws: FaultConfigurationError.self) { try FaultConfiguration(parsing: "explode=1") }
        #expect(throws: FaultConfigurationError.self) { try FaultConfiguration(parsing: "error") }
    }

    @Test func everyNthRequestFailsSoClientsCanCountAttempts() async throws {
        try await SandboxHarness.with { sandbox in
            var faults = FaultConfiguration()
            faults.errorRate = 1
            faults.every = 3
            faults.errorStatuses = [503]
            await sandbox.server.setFaults(faults)
            var codes: [Int] = []
            for _ in 0..<9 { codes.append(try await sandbox.get("workspaces").status) }
            #expect(codes == [200, 200, 503, 200, 200, 503, 200, 200, 503])
            let failed = try await sandbox.get("workspaces")
            #expect(failed.status == 200)
        }
    }

    @Test func limitStopsAfterNFaultsAndThrottleCarriesRetryAfter() async throws {
        try await SandboxHarness.with { sandbox in
            var faults = FaultConfiguration()
            faults.throttleRate = 1
            faults.limit = 2
            faults.retryAfterSeconds = 3
            await sandbox.server.setFaults(faults)
            let first = try await sandbox.get("queues")
            #expect(first.status == 429)
            #expect(first.headers["Retry-After"].first == "3")
            #expect(first.detail != nil)
            #expect(try await sandbox.get("queues").status == 429)
            #expect(try await sandbox.get("queues").status == 200)
        }
    }

    @Test func faultedWritesAreNeverApplied() async throws {
        try await SandboxHarness.with { sandbox in
            let id = try #require(try await sandbox.results("annotations?status=to_review&queue=1").first?["id"] as? Int)
            var faults = FaultConfiguration()
            faults.errorRate = 1
            await sandbox.server.setFaults(faults)
            #expect(try await sandbox.post("annotations/\(id)/confirm").status >= 500)
            faults.errorRate = 0
            faults.truncateRate = 1
            await sandbox.server.setFaults(faults)
            let cut = try await sandbox.post("annotations/\(id)/confirm")
            #expect(cut.status == 503)
            await sandbox.server.setFaults(FaultConfiguration())
            #expect(try await sandbox.get("annotations/\(id)").object["status"] as? String == "to_review")
        }
    }

    @Test func truncatedBodiesAreWellFramedButNotJSON() async throws {
        try await SandboxHarness.with { sandbox in
            let whole = try await sandbox.get("queues")
            var faults = FaultConfiguration()
            faults.truncateRate = 1
            await sandbox.server.setFaults(faults)
            let cut = try await sandbox.get("queues")
            #expect(cut.status == 200)
            #expect(cut.body.count == whole.body.count / 2)
            #expect((try? JSONSerialization.jsonObject(with: cut.body)) == nil)
        }
    }

    @Test func droppedConnectionsFailMidResponse() async throws {
        try await SandboxHarness.with { sandbox in
            var faults = FaultConfiguration()
            faults.dropRate = 1
            faults.limit = 1
            await sandbox.server.setFaults(faults)
            let outcome: Result<TestResponse, any Error>
            do { outcome = .success(try await sandbox.get("queues")) } catch { outcome = .failure(error) }
            if case .success(let response) = outcome { Issue.record("a dropped connection answered \(response.status)") }
            let after = try await sandbox.get("queues")
            #expect(after.status == 200)
        }
    }

    @Test func prefixRestrictsFaultsAndLatencyIsAdded() async throws {
        try await SandboxHarness.with { sandbox in
            var faults = FaultConfiguration()
            faults.errorRate = 1
            faults.pathPrefix = "/api/v1/hooks"
            await sandbox.server.setFaults(faults)
            #expect(try await sandbox.get("queues").status == 200)
            #expect(try await sandbox.get("hooks").status >= 500)

            // Faults reach every path, the service prefixes included (even before a route exists there).
            var services = FaultConfiguration()
            services.errorRate = 1
            services.pathPrefix = "/svc/data-storage"
            await sandbox.server.setFaults(services)
            #expect(try await sandbox.request("POST", "/svc/data-storage/api/v1/data/find", json: [:]).status >= 500)
            #expect(try await sandbox.get("queues").status == 200)

            var slow = FaultConfiguration()
            slow.latency = .milliseconds(150)
            await sandbox.server.setFaults(slow)
            let clock = ContinuousClock()
            let elapsed = try await clock.measure { _ = try await sandbox.get("groups") }
            #expect(elapsed >= .milliseconds(150))
        }
    }

    @Test func seededRandomFaultsRepeatExactly() async throws {
        try await SandboxHarness.with { sandbox in
            var faults = FaultConfiguration()
            faults.errorRate = 0.3
            faults.throttleRate = 0.2
            faults.seed = 42
            var runs: [[Int]] = []
            for _ in 0..<2 {
                await sandbox.server.setFaults(faults)
                var codes: [Int] = []
                for _ in 0..<30 { codes.append(try await sandbox.get("groups").status) }
                runs.append(codes)
            }
            #expect(runs[0] == runs[1])
            #expect(runs[0].contains(200) && runs[0].contains(429) && runs[0].contains { $0 >= 500 })
        }
    }

    @Test func adminEndpointReadsAndChangesFaultsAndIsNeverFaulted() async throws {
        try await SandboxHarness.with({ $0.faults = try! FaultConfiguration(parsing: "error=1") }) { sandbox in
            let current = try await sandbox.request("GET", "_sandbox/faults", authorized: false)
            #expect(current.status == 200)
            #expect(current.object["error"] as? Double == 1)
            #expect(try await sandbox.get("queues").status >= 500)
            let changed = try await sandbox.request("PUT", "_sandbox/faults", json: ["throttle": 0.5, "every": 2], authorized: false)
            #expect(changed.status == 200)
            #expect(changed.object["error"] as? Double == 0)
            #expect(changed.object["every"] as? Int == 2)
            #expect(try await sandbox.request("PUT", "_sandbox/faults", json: ["error": 5]).status == 400)
            #expect(try await sandbox.request("PUT", "_sandbox/faults", json: ["bogus": 1]).status == 400)
            #expect(try await sandbox.request("PUT", "_sandbox/faults", json: [:]).status == 200)
            // The login at start was faulted too; now it works.
            let fresh = try await sandbox.loggedIn(as: "demo@rossum.local", password: "demo-password")
            #expect(try await fresh.get("queues").status == 200)
        }
    }
}
