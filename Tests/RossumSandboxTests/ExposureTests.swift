import Foundation
import Testing
@testable import RossumSandbox

/// A sandbox reachable from the network: the admin endpoint needs the admin's credentials,
/// the start warns, and the `Host` header is never reflected unchecked.
@Suite struct ExposureTests {
    @Test func loopbackIsTheOnlyAddressWithoutAWarning() {
        var configuration = SandboxConfiguration()
        for host in ["127.0.0.1", "localhost", "::1", "127.0.0.2"] {
            configuration.host = host
            #expect(configuration.isLoopbackOnly, "\(host)")
            #expect(configuration.exposureWarning == nil)
        }
        for host in ["0.0.0.0", "::", "192.168.1.20", "sandbox.example"] {
            configuration.host = host
            #expect(!configuration.isLoopbackOnly, "\(host)")
            #expect(configuration.exposureWarning?.contains("_sandbox/faults") == true)
        }
    }

    @Test func offLoopbackTheAdminEndpointNeedsTheAdminCredentials() async throws {
        try await SandboxHarness.with({ $0.host = "0.0.0.0" }) { sandbox in
            let anonymous = try await sandbox.request("GET", "_sandbox/faults", authorized: false)
            #expect(anonymous.status == 401)
            #expect(anonymous.detail != nil)
            let change = try await sandbox.request("PUT", "_sandbox/faults", json: ["error": 1], authorized: false)
            #expect(change.status == 401)
            #expect(try await sandbox.get("queues").status == 200, "the refused change must not have been applied")

            #expect(try await sandbox.request("GET", "_sandbox/faults").status == 200)
            let basic = "Basic " + Data("demo@rossum.local:demo-password".utf8).base64EncodedString()
            #expect(try await sandbox.request("GET", "_sandbox/faults", headers: [("Authorization", basic)], authorized: false).status == 200)
            let wrong = "Basic " + Data("demo@rossum.local:guess".utf8).base64EncodedString()
            #expect(try await sandbox.request("GET", "_sandbox/faults", headers: [("Authorization", wrong)], authorized: false).status == 401)

            // Another user's token is a valid login, but not the admin's.
            let users = try await sandbox.results("users?page_size=100")
            let other = try #require(users.compactMap { $0["username"] as? String }.first { $0 != "demo@rossum.local" })
            let colleague = try await sandbox.loggedIn(as: other)
            #expect(try await colleague.request("PUT", "_sandbox/faults", json: ["error": 1]).status == 403)
        }
    }

    @Test func aHostHeaderThatIsNotAHostIsNeverReflected() async throws {
        try await SandboxHarness.withDataHub { sandbox in
            let own = sandbox.server.baseURL
            let hostile = ["evil.example/\"><script>", "a b", "http://evil.example/", "evil.example:99999", "[::1", "evil.example:80x", "-"]
            for (index, host) in hostile.enumerated() {
                let next = try await nextLink(sandbox, host: host)
                #expect(next?.hasPrefix(own + "/api/v1/queues?") == true, "Host \(host) gave next \(next ?? "nil")")
                let location = try await mdhLocation(sandbox, host: host, dataset: "hosts\(index)")
                #expect(location?.hasPrefix(own + "/svc/master-data-hub/") == true, "Host \(host) gave Location \(location ?? "nil")")
            }
            for host in ["rossum.example:8443", "127.0.0.1:9", "[::1]:8080", "sandbox-1.local"] {
                #expect(try await nextLink(sandbox, host: host)?.hasPrefix("http://\(host)/api/v1/queues?") == true, "\(host)")
            }
        }
    }

    private func nextLink(_ sandbox: SandboxHarness, host: String) async throws -> String? {
        let connection = try RawHTTPConnection(baseURL: sandbox.server.baseURL)
        try await connection.send("GET /api/v1/queues?page_size=1 HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(sandbox.token ?? "")\r\n\r\n")
        let response = try #require(try await connection.readResponse())
        let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        return (object?["pagination"] as? [String: Any])?["next"] as? String
    }

    private func mdhLocation(_ sandbox: SandboxHarness, host: String, dataset: String) async throws -> String? {
        let boundary = "b0undary"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"d.json\"\r\nContent-Type: application/json\r\n\r\n"
            + "[{\"k\": 1}]\r\n--\(boundary)--\r\n"
        let connection = try RawHTTPConnection(baseURL: sandbox.server.baseURL)
        try await connection.send(
            "POST /svc/master-data-hub/api/v1/dataset/\(dataset) HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(sandbox.token ?? "")\r\n"
                + "Content-Type: multipart/form-data; boundary=\(boundary)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        let response = try #require(try await connection.readResponse())
        #expect(response.status == 202, "\(response.statusLine) \(response.text)")
        return response.header("Location")
    }
}
