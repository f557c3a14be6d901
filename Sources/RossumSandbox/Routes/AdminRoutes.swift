import Hummingbird

/// `GET/PUT /api/v1/_sandbox/faults`: read and change the injected faults at run time.
/// Never faulted itself and needs no token, so a test can always switch faults off.
enum AdminRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.get("/api/v1/_sandbox/faults") { request, _ -> Response in
            JSONResponse.make(.ok, faultsBody(services), apiBase: RequestURLs.apiBase(of: request))
        }
        let change: @Sendable (Request, SandboxRequestContext) async throws -> Response = { request, _ in
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

    static func faultsBody(_ services: SandboxServices) -> JSONValue {
        var body = services.faults.configuration.json
        let counters = services.faults.counters
        body["matching_requests"] = .int(counters.matchingRequests)
        body["injected"] = .int(counters.injected)
        return body
    }
}
