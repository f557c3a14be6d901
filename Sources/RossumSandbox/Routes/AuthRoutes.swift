import Hummingbird

/// `auth/login` (JSON or form-encoded), `auth/logout`, `auth/user`, `auth/password/change`,
/// `auth/password/reset`.
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
            let body = try await services.database.read { db -> JSONValue? in
                try ObjectStore.fetch(db, "users", id: user.id).map(try Decorations.prepare("users", db, onlyIDs: [user.id]).callAsFunction)
            }
            guard let body else { throw SandboxHTTPError.notFound }
            return JSONResponse.make(.ok, body, apiBase: RequestURLs.apiBase(of: request))
        }
        router.post("/api/v1/auth/password/change") { request, _ -> Response in
            let user = try await services.auth.authenticatedUser(request)
            var request = request
            let body = try await RequestInput.jsonObject(of: &request)
            var errors: [String: String] = [:]
            for field in ["old_password", "new_password1", "new_password2"] where (body[field]?.stringValue ?? "").isEmpty {
                errors[field] = "This field is required."
            }
            if errors.isEmpty, body["new_password1"] != body["new_password2"] {
                errors["new_password2"] = "The two password fields didn't match."
            }
            if !errors.isEmpty { throw SandboxHTTPError.fieldErrors(errors) }
            let changed = try await services.auth.changePassword(
                userID: user.id, old: body["old_password"]?.stringValue ?? "", new: body["new_password1"]?.stringValue ?? "")
            guard changed else {
                throw SandboxHTTPError.fieldErrors(["old_password": "Your old password was entered incorrectly. Please enter it again."])
            }
            return JSONResponse.make(.ok, ["detail": "New password has been saved."], apiBase: RequestURLs.apiBase(of: request))
        }
        router.post("/api/v1/auth/password/reset") { request, _ -> Response in
            // No mail leaves the sandbox: the answer is Rossum's, whether or not the address is known.
            var request = request
            let body = try await RequestInput.jsonObject(of: &request)
            guard let email = body["email"]?.stringValue, email.contains("@") else {
                throw SandboxHTTPError.fieldErrors(["email": "Enter a valid email address."])
            }
            return JSONResponse.make(.ok, ["detail": "Password reset e-mail has been sent."], apiBase: RequestURLs.apiBase(of: request))
        }
    }
}
