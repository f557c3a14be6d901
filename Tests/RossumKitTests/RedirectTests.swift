import Foundation
import Testing
import RossumKit
import ScriptedHTTPServer

/// Redirects, against two real servers: GET and HEAD follow them within the server they were
/// sent to; nothing else follows any, so a write is never replayed elsewhere with the token.
@Suite struct RedirectTests {
    static func client(_ server: ScriptedHTTPServer) throws -> RossumClient {
        var configuration = RossumClientConfiguration()
        configuration.retryBudget = .zero
        return try RossumClient(baseURL: server.apiURL, credentials: .token("tok-redirect-1234"), configuration: configuration)
    }

    @Test func aConfirmRedirectedToAnotherOriginIsNotReplayedThere() async throws {
        let elsewhere = try await ScriptedHTTPServer.start { _ in ScriptedHTTPServer.answer(204) }
        let server = try await ScriptedHTTPServer.start { request in
            ScriptedHTTPServer.answer(307, headers: [("Location", elsewhere.apiURL + "/annotations/7/confirm")])
        }
        let client = try Self.client(server)
        let error = await #expect(throws: RossumError.self) { try await client.annotations.confirm(7) }
        #expect(error?.status == 307)
        #expect(error?.description.contains("redirected to \(elsewhere.apiURL)/annotations/7/confirm: not followed") == true)
        #expect(server.requests.count == 1)
        #expect(elsewhere.requests.isEmpty)  // neither the POST nor the token went there
        await server.shutdown()
        await elsewhere.shutdown()
    }

    @Test func aWriteIsNotReplayedEvenOnTheSameServer() async throws {
        let server = try await ScriptedHTTPServer.start { request in
            request.uri.hasSuffix("/confirm") ? ScriptedHTTPServer.answer(308, headers: [("Location", "/api/v1/annotations/7/confirm-again")])
                : ScriptedHTTPServer.answer(204)
        }
        let error = await #expect(throws: RossumError.self) { try await Self.client(server).annotations.confirm(7) }
        #expect(error?.status == 308)
        #expect(server.requests.map(\.uri) == ["/api/v1/annotations/7/confirm"])
        await server.shutdown()
    }

    @Test func aReadFollowsRedirectsWithinItsServerOnly() async throws {
        let elsewhere = try await ScriptedHTTPServer.start { _ in ScriptedHTTPServer.answer(200, #"{"id": 99}"#) }
        let server = try await ScriptedHTTPServer.start { request in
            switch request.uri {
            case "/api/v1/workspaces/1": ScriptedHTTPServer.answer(301, headers: [("Location", "/api/v1/workspaces/2")])
            case "/api/v1/workspaces/2": ScriptedHTTPServer.answer(303, headers: [("Location", "3")])  // relative to .../workspaces/2
            case "/api/v1/workspaces/3": ScriptedHTTPServer.answer(200, #"{"id": 3}"#)
            default: ScriptedHTTPServer.answer(302, headers: [("Location", elsewhere.apiURL + "/workspaces/99")])
            }
        }
        let client = try Self.client(server)
        #expect(try await client.workspaces.retrieve(1).id == 3)
        #expect(server.requests.map(\.uri) == ["/api/v1/workspaces/1", "/api/v1/workspaces/2", "/api/v1/workspaces/3"])
        #expect(server.requests.allSatisfy { $0.header("Authorization") == "Bearer tok-redirect-1234" })

        let error = await #expect(throws: RossumError.self) { _ = try await client.workspaces.retrieve(4) }
        #expect(error?.status == 302)
        #expect(elsewhere.requests.isEmpty)
        await server.shutdown()
        await elsewhere.shutdown()
    }

    @Test func aRedirectLoopEndsAfterFiveSteps() async throws {
        let server = try await ScriptedHTTPServer.start { _ in ScriptedHTTPServer.answer(302, headers: [("Location", "/api/v1/workspaces/1")]) }
        let error = await #expect(throws: RossumError.self) { _ = try await Self.client(server).workspaces.retrieve(1) }
        #expect(error?.status == 302)
        #expect(server.requests.count == 6)  // the request and five redirects
        await server.shutdown()
    }
}
