import Foundation
import NIOCore
import Synchronization
@testable import RossumKit

/// A transport answering from a closure, recording every request, for tests of the client's own
/// logic (retry decisions, re-login, the in-flight cap) without a server.
final class FakeTransport: HTTPTransport {
    typealias Handler = @Sendable (HTTPRequestData, Int) async throws -> HTTPResponseData

    private let handler: Handler
    private let state = Mutex<(requests: [HTTPRequestData], inFlight: Int, maxInFlight: Int)>(([], 0, 0))

    init(_ handler: @escaping Handler) {
        self.handler = handler
    }

    var requests: [HTTPRequestData] { state.withLock { $0.requests } }
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }

    func send(_ request: HTTPRequestData, timeout: Duration, maxBodyBytes: Int) async throws -> HTTPResponseData {
        let number = state.withLock { state -> Int in
            state.requests.append(request)
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            return state.requests.count
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        return try await handler(request, number)
    }

    func stream(_ request: HTTPRequestData, timeout: Duration) async throws -> HTTPStreamedResponse {
        let response = try await send(request, timeout: timeout, maxBodyBytes: .max)
        let body = response.body
        return HTTPStreamedResponse(status: response.status, headers: response.headers, body: AsyncThrowingStream { continuation in
            continuation.yield(body)
            continuation.finish()
        })
    }
}

func json(_ status: Int = 200, _ text: String, headers: [(String, String)] = []) -> HTTPResponseData {
    HTTPResponseData(status: status, headers: headers, body: ByteBuffer(string: text))
}

/// Records the waits the client asks for instead of waiting.
final class SleepRecorder: Sendable {
    private let waits = Mutex<[Duration]>([])
    var recorded: [Duration] { waits.withLock { $0 } }
    var sleep: @Sendable (Duration) async throws -> Void {
        { [self] duration in waits.withLock { $0.append(duration) } }
    }
}

extension RossumClientConfiguration {
    /// No real waiting; a fixed jitter.
    static func instant(_ recorder: SleepRecorder = SleepRecorder(), retries: Int? = 3) -> RossumClientConfiguration {
        var configuration = RossumClientConfiguration()
        configuration.retries = retries
        configuration.sleep = recorder.sleep
        configuration.random = { 0.5 }
        return configuration
    }
}
