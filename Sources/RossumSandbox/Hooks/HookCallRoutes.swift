import Foundation
import GRDB
import Hummingbird

/// `POST hooks/{id}/test`, `hooks/{id}/invoke` and `hooks/{id}/generate_payload`.
enum HookCallRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.post("/api/v1/hooks/:id/test") { request, context -> Response in
            try await call(request, context, services) { db, hook, body, _, _ in try HookCalls.test(db, hook: hook, body: body) }
        }
        router.post("/api/v1/hooks/:id/invoke") { request, context -> Response in
            try await call(request, context, services) { db, hook, body, caller, user in
                try HookCalls.invoke(db, hook: hook, body: body, caller: caller, organizationID: user.organizationID)
            }
        }
        router.post("/api/v1/hooks/:id/generate_payload") { request, context -> Response in
            try await call(request, context, services) { db, hook, body, caller, _ in
                try HookPayload.generate(db, hook: hook, request: body, caller: caller)
            }
        }
    }

    /// Reads the hook and the JSON body, runs `work` in a write transaction (an invocation is
    /// logged) and answers 200 with its result.
    static func call(
        _ request: Request, _ context: SandboxRequestContext, _ services: SandboxServices,
        _ work: @escaping @Sendable (Database, JSONValue, [String: JSONValue], HookPayload.Caller, AuthenticatedUser) throws -> JSONValue
    ) async throws -> Response {
        let user = try await services.auth.authenticatedUser(request)
        let id = try ResourceRoutes.pathID(context)
        var request = request
        let body = try await RequestInput.jsonObject(of: &request)
        let caller = HookPayload.Caller(token: AuthService.presentedKey(request) ?? "", baseURL: RequestURLs.origin(of: request))
        let result = try await services.database.write { db -> JSONValue in
            guard let hook = try ObjectStore.fetch(db, "hooks", id: id) else { throw SandboxHTTPError.notFound }
            return try work(db, hook, body, caller, user)
        }
        return JSONResponse.make(.ok, result, apiBase: RequestURLs.apiBase(of: request))
    }
}
