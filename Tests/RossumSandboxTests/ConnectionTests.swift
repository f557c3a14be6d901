import Foundation
import Testing
@testable import RossumSandbox

/// The HTTP connection itself: when it is closed, how long an unfinished request may hold it,
/// and what a client hears when its body cannot be read.
@Suite struct ConnectionTests {
    @Test func http10WithoutKeepAliveIsAnsweredThenClosed() async throws {
        try await SandboxHarness.with { sandbox in
            let connection = try RawHTTPConnection(baseURL: sandbox.server.baseURL)
            try await connection.send("GET /api/v1/auth/user HTTP/1.0\r\nAuthorization: Bearer \(sandbox.token ?? "")\r\n\r\n")
            let response = try #require(try await connection.readResponse())
            #expect(response.status == 200, "\(response.statusLine) \(response.text)")
            #expect(response.statusLine.hasPrefix("HTTP/1.0 "))
            #expect(response.header("Connection")?.lowercased() == "close")
            #expect(response.text.contains("demo@rossum.local"))
            #expect(try await connection.waitForClose(timeout: .seconds(3)))
        }
    }

    @Test func connectionCloseInAnyCaseClosesAndHTTP10KeepAliveStaysOpen() async throws {
        try await SandboxHarness.with { sandbox in
            let closing = try RawHTTPConnection(baseURL: sandbox.server.baseURL)
            try await closing.send("GET /api/v1/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Close\r\n\r\n")
            #expect(try await closing.readResponse()?.status == 404)
            #expect(try await closing.waitForClose(timeout: .seconds(3)))

            let kept = try RawHTTPConnection(baseURL: sandbox.server.baseURL)
            for _ in 0..<2 {
                try await kept.send("GET /api/v1/nothing HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let response = try #require(try await kept.readResponse())
                #expect(response.status == 404)
                #expect(response.header("Content-Length") != nil)
                #expect(response.header("Connection")?.lowercased() == "keep-alive")
            }
            #expect(!kept.closedByPeer)
        }
    }

    @Test func aStalledBodyOrHeadIsClosedAfterTheReadTimeout() async throws {
        try await SandboxHarness.with({
            $0.connectionIdleTimeout = .milliseconds(300)
            $0.requestReadTimeout = .milliseconds(600)
        }) { sandbox in
            let clock = ContinuousClock()
            let start = clock.now
            let stalledBody = try RawHTTPConnection(baseURL: sandbox.server.baseURL)
            try await stalledBody.send(
                "POST /api/v1/workspaces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"na")
            let stalledHead = try RawHTTPConnection(baseURL: sandbox.server.baseURL)
            try await stalledHead.send("GET /api/v1/queues HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            #expect(try await stalledBody.waitForClose(timeout: .seconds(5)))
            #expect(try await stalledHead.waitForClose(timeout: .seconds(5)))

            // A body that trickles in (a byte well within the idle timeout) still has a deadline.
            let trickle = try RawHTTPConnection(baseURL: sandbox.server.baseURL)
            try await trickle.send("POST /api/v1/workspaces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n")
            let trickleStart = clock.now
            while !trickle.closedByPeer, clock.now - trickleStart < .seconds(5) {
                try? await trickle.send("x")
                _ = try? await trickle.waitForClose(timeout: .milliseconds(100))
            }
            #expect(trickle.closedByPeer)
            #expect(clock.now - trickleStart < .seconds(3))
            #expect(clock.now - start < .seconds(10))
            // The server is still answering.
            #expect(try await sandbox.get("queues").status == 200)
        }
    }

    @Test func unreadableBodiesAre400WithAReasonAndTheConnectionCloses() async throws {
        try await SandboxHarness.withDataHub { sandbox in
            let token = sandbox.token ?? ""
            let paths = [("/api/v1/workspaces", "application/json"), (SandboxHarness.storage + "/data/find", "application/json"),
                         (SandboxHarness.mdh + "/dataset/suppliers", "multipart/form-data; boundary=b")]
            for (path, contentType) in paths {
                let badChunk = try RawHTTPConnection(baseURL: sandbox.server.baseURL)
                try await badChunk.send(
                    "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
                        + "Content-Type: \(contentType)\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\nZZ\r\n")
                let response = try #require(try await badChunk.readResponse(), "\(path): no answer to a bad chunk")
                #expect(response.status == 400, "\(path): \(response.statusLine) \(response.text)")
                #expect(response.text.lowercased().contains("body"), "\(path): \(response.text)")
                #expect(try await badChunk.waitForClose(timeout: .seconds(3)))
            }

            let short = try RawHTTPConnection(baseURL: sandbox.server.baseURL)
            try await short.send(
                "POST /api/v1/workspaces HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 50\r\n\r\n{\"name\":")
            short.finishSending()
            let answer = try #require(try await short.readResponse(), "no answer to a short body")
            #expect(answer.status == 400, "short body: \(answer.statusLine) \(answer.text)")
            #expect(answer.text.contains("ended before the whole body"))
            #expect(try await sandbox.get("workspaces").status == 200)
        }
    }
}
