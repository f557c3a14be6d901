import Foundation
import Testing
import RossumSandbox

/// Shutting a sandbox down while clients keep connecting: every connection is served or
/// closed, and the process lives on. (Cancelling the server outright could drop a connection
/// NIO had accepted but not yet handed over, and NIO traps on that: the whole test run died.)
@Suite struct ShutdownTests {
    @Test func connectionsArrivingDuringShutdownAreServedOrClosed() async throws {
        for _ in 0..<10 {
            var configuration = SandboxConfiguration()
            configuration.size = .empty
            let server = try await SandboxServer.start(configuration)
            let baseURL = server.baseURL
            // Connects (off the cooperative threads) until the listening socket is gone, at most
            // 60 times: enough to land in the shutdown, few enough that the event loops every
            // other test shares are not flooded (timing tests elsewhere in the run felt 300).
            let connecting = Task.detached { () -> Int in
                var opened = 0
                while !Task.isCancelled, opened < 60 {
                    guard let connection = try? await RawHTTPConnection.open(baseURL: baseURL) else { break }
                    try? await connection.send("GET /svc/data-storage/api/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    opened += 1
                }
                return opened
            }
            await server.shutdown()
            connecting.cancel()
            _ = await connecting.value
            #expect((try? RawHTTPConnection(baseURL: baseURL)) == nil, "the listening socket is closed")
        }
    }
}
