import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RossumSandbox
import Testing

/// A raw HTTP client for the tests (deliberately not RossumKit: the sandbox is checked on the wire).
struct TestResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    var json: Any { (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) ?? NSNull() }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var text: String { String(decoding: body, as: UTF8.self) }
    var detail: String? { object["detail"] as? String }
}

/// Starts a sandbox for one test and shuts it down afterwards.
struct SandboxHarness: Sendable {
    let server: SandboxServer
    let http: HTTPClient
    let token: String?

    /// `exclusive`: no other sandbox test runs meanwhile (for heavy tests that would squeeze
    /// the others' deadlines).
    static func with<T: Sendable>(
        _ configure: (inout SandboxConfiguration) -> Void = { _ in }, login: Bool = true, exclusive: Bool = false,
        _ body: (SandboxHarness) async throws -> T
    ) async throws -> T {
        var configuration = SandboxConfiguration()
        configuration.importDelay = .milliseconds(50)
        configuration.exportDelay = .zero
        // The diagnostics' seeded past only for the tests that read it (they turn it back on).
        configuration.seedsHistory = false
        configure(&configuration)
        await TestGate.shared.enter(exclusive: exclusive)
        let server: SandboxServer
        do {
            server = try await SandboxServer.start(configuration)
        } catch {
            await TestGate.shared.leave(exclusive: exclusive)
            throw error
        }
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.redirectConfiguration = .disallow
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        do {
            var harness = SandboxHarness(server: server, http: http, token: nil)
            if login {
                let response = try await harness.request(
                    "POST", "auth/login",
                    json: ["username": configuration.username, "password": configuration.password])
                harness = SandboxHarness(server: server, http: http, token: response.object["key"] as? String)
            }
            let result = try await body(harness)
            try await http.shutdown()
            await server.shutdown()
            await TestGate.shared.leave(exclusive: exclusive)
            return result
        } catch {
            try? await http.shutdown()
            await server.shutdown()
            await TestGate.shared.leave(exclusive: exclusive)
            throw error
        }
    }

    /// The same sandbox as another user (seeded users share the password `demo-password`).
    func loggedIn(as username: String, password: String = "demo-password") async throws -> SandboxHarness {
        let response = try await request("POST", "auth/login", json: ["username": username, "password": password], authorized: false)
        return SandboxHarness(server: server, http: http, token: response.object["key"] as? String)
    }

    /// Results of a list page.
    func results(_ path: String) async throws -> [[String: Any]] {
        let response = try await get(path)
        #expect(response.status == 200, "GET \(path): \(response.status) \(response.text.prefix(300))")
        return response.object["results"] as? [[String: Any]] ?? []
    }

    func url(_ path: String) -> String {
        if path.hasPrefix("http") { return path }
        if path.hasPrefix("/") { return server.baseURL + path }
        return server.apiURL + "/" + path
    }

    func request(
        _ method: String, _ path: String, json: Any? = nil, body: Data? = nil, contentType: String? = nil,
        headers extra: [(String, String)] = [], authorized: Bool = true
    ) async throws -> TestResponse {
        var request = HTTPClientRequest(url: url(path))
        request.method = HTTPMethod(rawValue: method)
        if authorized, let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in extra { request.headers.replaceOrAdd(name: name, value: value) }
        if let json {
            let data = try JSONSerialization.data(withJSONObject: json)
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: data))
        } else if let body {
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
            request.body = .bytes(ByteBuffer(data: body))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 200 * 1024 * 1024)
        return TestResponse(status: Int(response.status.code), headers: response.headers, body: Data(buffer: buffer))
    }

    func get(_ path: String) async throws -> TestResponse { try await request("GET", path) }
    func post(_ path: String, json: Any? = nil) async throws -> TestResponse { try await request("POST", path, json: json) }
}

/// Waits for a condition with a deadline instead of sleeping blindly.
func eventually(
    timeout: Duration = .seconds(5), _ condition: () async throws -> Bool
) async throws -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}
