import Foundation
import Synchronization
import Testing
@testable import RossumKit

/// `waitForOperation`: one yield per status change, tolerance of a few failed polls, timeouts.
@Suite struct MasterDataHubPollingTests {
    func client(_ statuses: [Int: String], failing: Set<Int> = []) throws -> (RossumClient, FakeTransport, SleepRecorder) {
        let transport = FakeTransport { request, number in
            if failing.contains(number) { return json(500, #"{"message": "blip"}"#) }
            let status = statuses[number] ?? statuses.keys.max().flatMap { statuses[$0] } ?? "processing"
            return json(200, #"{"operation_id": "op-1", "status": "\#(status)", "dataset_name": "d"}"#)
        }
        let recorder = SleepRecorder()
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"),
                                      configuration: .instant(recorder, retries: 1), transport: transport)
        return (client, transport, recorder)
    }

    func collect(_ client: RossumClient, timeout: Duration = .seconds(60)) async throws -> [String] {
        var seen: [String] = []
        for try await operation in client.masterDataHub.waitForOperation("op-1", pollEvery: .seconds(2), timeout: timeout) {
            seen.append(operation.status.rawValue)
        }
        return seen
    }

    @Test func yieldsEachStatusChangeOnce() async throws {
        let (client, transport, recorder) = try client([1: "queued", 2: "queued", 3: "processing", 4: "processing", 5: "finished"])
        #expect(try await collect(client) == ["queued", "processing", "finished"])
        #expect(transport.requests.count == 5)
        #expect(transport.requests.allSatisfy { $0.url == "https://x/svc/master-data-hub/api/v1/operation/op-1" })
        #expect(recorder.recorded == Array(repeating: .seconds(2), count: 4))
    }

    @Test func toleratesAFewFailedPolls() async throws {
        let (client, _, _) = try client([1: "queued", 5: "finished"], failing: [2, 3, 4])
        #expect(try await collect(client) == ["queued", "finished"])
        let (failing, _, _) = try self.client([1: "queued"], failing: Set(2...7))
        let error = await #expect(throws: RossumError.self) { _ = try await collect(failing) }
        #expect(error?.status == 500)
    }

    @Test func givesUpAfterTheTimeout() async throws {
        let (client, _, _) = try client([1: "processing"])
        let error = await #expect(throws: RossumError.self) { _ = try await collect(client, timeout: .seconds(10)) }
        #expect(error == .waitTimedOut(what: "MDH operation op-1", seconds: 10))
    }

    /// `error`, `cancelled` and `unknown` are ends too: the wait returns at the first poll that
    /// says so instead of polling on until the timeout.
    @Test(arguments: ["error", "cancelled", "CANCELED", "unknown"])
    func operationsEndingOtherwiseStopThePollingAtOnce(status: String) async throws {
        let (client, transport, recorder) = try client([1: "queued", 2: status])
        #expect(try await collect(client, timeout: .seconds(600)) == ["queued", status])
        #expect(transport.requests.count == 2)
        #expect(recorder.recorded == [.seconds(2)])
        let (again, _, _) = try self.client([1: status])
        let error = await #expect(throws: RossumError.self) { _ = try await again.masterDataHub.waitUntilFinished("op-1", timeout: .seconds(600)) }
        #expect(error?.description.contains("ended \(status)") == true)
    }

    @Test func failedOperationsEndTheStreamAndWaitUntilFinishedThrows() async throws {
        let (client, _, _) = try client([1: "queued", 2: "failed"])
        #expect(try await collect(client) == ["queued", "failed"])
        let (again, _, _) = try self.client([1: "failed"])
        await #expect(throws: RossumError.self) { _ = try await again.masterDataHub.waitUntilFinished("op-1") }
    }
}
