import Foundation
import Hummingbird

/// `GET/PUT/PATCH /api/v1/_sandbox/faults`: read and change the injected faults at run time.
/// Never faulted itself, so a test can always switch faults off. On loopback it needs no
/// token; a sandbox reachable from the network asks for the admin's credentials, or anyone
/// there could break or stall every call.
enum AdminRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.get("/api/v1/_sandbox/faults") { request, _ -> Response in
            try await requireAdmin(request, services: services)
            return JSONResponse.make(.ok, faultsBody(services), apiBase: RequestURLs.apiBase(of: request))
        }
        let change: @Sendable (Request, SandboxRequestContext) async throws -> Response = { request, _ in
            try await requireAdmin(request, services: services)
            var request = request
            let body = try await RequestInput.jsonObject(of: &request)
            // PUT replaces the whole setting (keys left out are off); PATCH changes only the keys given.
            let base = request.method == .patch ? services.faults.configuration : FaultConfiguration()
            services.faults.replace(try FaultConfiguration(json: body, base: base))
            return JSONResponse.make(.ok, faultsBody(services), apiBase: RequestURLs.apiBase(of: request))
        }
        router.put("/api/v1/_sandbox/faults", use: change)
        router.patch("/api/v1/_sandbox/faults", use: change)
    }

    /// Off loopback: `Authorization: Basic` with the admin's user name and password, or a
    /// Bearer/Token key of the admin user. Other users' tokens are refused with 403.
    static func requireAdmin(_ request: Request, services: SandboxServices) async throws {
        let configuration = services.configuration
        guard !configuration.isLoopbackOnly else { return }
        let challenge: HTTPFields = [.wwwAuthenticate: "Basic realm=\"rossum-sandbox admin\""]
        let missing = SandboxHTTPError(
            .unauthorized, detail: "The sandbox is reachable from the network: this endpoint needs the admin's credentials (\(configuration.username)).",
            headers: challenge)
        guard let header = request.headers[.authorization] else { throw missing }
        if header.lowercased().hasPrefix("basic ") {
            let encoded = header.dropFirst("basic ".count).trimmingCharacters(in: .whitespaces)
            guard let decoded = Data(base64Encoded: encoded).map({ String(decoding: $0, as: UTF8.self) }),
                let colon = decoded.firstIndex(of: ":"),
                decoded[..<colon].lowercased() == configuration.username.lowercased(),
                try await services.auth.passwordMatches(username: configuration.username, password: String(decoded[decoded.index(after: colon)...]))
            else { throw SandboxHTTPError(.unauthorized, detail: "Invalid admin credentials.", headers: challenge) }
            return
        }
        let user = try await services.auth.authenticatedUser(request)
        guard user.username.lowercased() == configuration.username.lowercased() else {
            throw SandboxHTTPError(.forbidden, detail: "Only the sandbox's admin (\(configuration.username)) may read or change faults.")
        }
    }

    static func faultsBody(_ services: SandboxServices) -> JSONValue {
        var body = services.faults.configuration.json
        let counters = services.faults.counters
        body["matching_requests"] = .int(counters.matchingRequests)
        body["injected"] = .int(counters.injected)
        return body
    }
}
