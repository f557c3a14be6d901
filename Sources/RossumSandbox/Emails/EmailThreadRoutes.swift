import GRDB
import Hummingbird

/// Email threads: list (filters, ordering, paging), counts, retrieve, and the `has_new_replies` flag.
enum EmailThreadRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.get("/api/v1/email_threads") { request, _ -> Response in
            let user = try await services.auth.authenticatedUser(request)
            let query = QueryParameters(request)
            let threadQuery = try EmailThreadQuery(query)
            let page = try PageRequest(query)
            let body = try await services.database.read { db in
                try page.page(db, request: request, total: threadQuery.count, ids: threadQuery.ids) { db, ids in
                    try EmailThreadStore.served(db, ids: ids, organizationID: user.organizationID)
                }
            }
            return JSONResponse.make(.ok, body, apiBase: RequestURLs.apiBase(of: request))
        }

        router.get("/api/v1/email_threads/counts") { request, _ -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let threadQuery = try EmailThreadQuery(QueryParameters(request))
            let counts = try await services.database.read { db in try threadQuery.counts(db) }
            return JSONResponse.make(.ok, counts, apiBase: RequestURLs.apiBase(of: request))
        }

        router.get("/api/v1/email_threads/:id") { request, context -> Response in
            let user = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            let thread = try await services.database.read { db in
                try EmailThreadStore.served(db, ids: [id], organizationID: user.organizationID).first
            }
            guard let thread else { throw SandboxHTTPError.notFound }
            return JSONResponse.make(.ok, thread, apiBase: RequestURLs.apiBase(of: request))
        }

        let update: @Sendable (Request, SandboxRequestContext) async throws -> Response = { request, context in
            let user = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            var request = request
            let input = EmailThreadStore.normalized(try await RequestInput.jsonObject(of: &request))
            let changes = try EmailThreadStore.spec.validated(input, creating: false)
            let thread = try await services.database.write { db in
                try EmailThreadStore.update(db, id: id, changes: changes, organizationID: user.organizationID)
            }
            return JSONResponse.make(.ok, thread, apiBase: RequestURLs.apiBase(of: request))
        }
        router.patch("/api/v1/email_threads/:id", use: update)
        router.put("/api/v1/email_threads/:id", use: update)
    }
}
