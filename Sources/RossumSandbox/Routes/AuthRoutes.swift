import Hummingbird

/// `auth/login` (JSON or form-encoded), `auth/logout`, `auth/user`.
enum AuthRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.post("/api/v1/auth/login") { request, _ -> Response in
            var request = request
            let body = try await RequestInput.jsonObject(of: &request)
            guard let username = body["username"]?.stringValue, let password = body["password"]?.stringValue else {
                throw SandboxHTTPError.fieldErrors(["username": "This field is required.", "password": "This field is required."])
            }
            let lifetime = body["max_token_lifetime_s"]?.doubleValue
            if let lifetime, lifetime <= 0 {
                throw SandboxHTTPError.fieldErrors(["max_token_lifetime_s": "Ensure this value is greater than 0."])
            }
            let key = try await services.auth.login(username: username, password: password, maxLifetimeSeconds: lifetime)
            let domain = request.head.authority ?? services.configuration.host
            return JSONResponse.make(.ok, ["key": .string(key), "domain": .string(domain)], apiBase: RequestURLs.apiBase(of: request))
        }
        router.post("/api/v1/auth/logout") { request, _ -> Response in
            try await services.auth.logout(request)
            return JSONResponse.make(.ok, ["detail": "Successfully logged out."], apiBase: RequestURLs.apiBase(of: request))
        }
        router.get("/api/v1/auth/user") { request, _ -> Response in
            let user = try await services.auth.authenticatedUser(request)
            let body = try await services.database.read { db in try ObjectStore.fetch(db, "users", id: user.id) }
            guard let body else { throw SandboxHTTPError.notFound }
            return JSONResponse.make(.ok, body, apiBase: RequestURLs.apiBase(of: request))
        }
    }
}
