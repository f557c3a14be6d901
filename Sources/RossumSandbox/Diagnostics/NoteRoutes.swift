import Foundation
import GRDB
import Hummingbird

/// `notes`: list (filters `annotation`, `creator`; ordering `created_at`, `modified_at`), create,
/// retrieve, update, delete.
enum NoteRoutes {
    static let orderings: [String: String] = [
        "created_at": "created_at", "modified_at": "json_extract(body, '$.modified_at')", "id": "id",
    ]

    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.get("/api/v1/notes") { request, _ -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let query = QueryParameters(request)
            var filters = SQLFilter()
            if let ids = try query.idList("annotation") { filters.addIn("annotation_id", ids) }
            if let ids = try query.idList("creator") { filters.addIn("creator_id", ids) }
            if let ids = try query.idList("id") { filters.addIn("id", ids) }
            let order = try (query.list("ordering") ?? ["id"]).map { field -> String in
                let descending = field.hasPrefix("-")
                guard let column = orderings[descending ? String(field.dropFirst()) : field] else {
                    throw SandboxHTTPError.fieldErrors(["ordering": "Unknown field \"\(field)\" (created_at, modified_at, id)."])
                }
                return column + (descending ? " DESC" : "")
            }.joined(separator: ", ")
            let page = try PageRequest(query)
            let filter = filters
            let body = try await services.database.read { db -> JSONValue in
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notes \(filter.whereClause)", arguments: filter.arguments()) ?? 0
                try page.validate(total: total)
                let rows = try String.fetchAll(
                    db, sql: "SELECT body FROM notes \(filter.whereClause) ORDER BY \(order), id LIMIT ? OFFSET ?",
                    arguments: filter.arguments(page.pageSize, page.offset))
                return page.envelope(results: rows.map(JSONValue.stored), total: total, request: request)
            }
            return JSONResponse.make(.ok, body, apiBase: RequestURLs.apiBase(of: request))
        }

        router.post("/api/v1/notes") { request, _ -> Response in
            let user = try await services.auth.authenticatedUser(request)
            var request = request
            let input = try await RequestInput.jsonObject(of: &request)
            let note = try await services.database.write { db -> JSONValue in
                let fields = try Notes.validated(input, creating: true, db: db)
                return try Notes.insert(db, fields, annotationID: fields["annotation"]?.referencedID ?? 0, userID: user.id)
            }
            return JSONResponse.make(.created, note, apiBase: RequestURLs.apiBase(of: request))
        }

        router.get("/api/v1/notes/:id") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            guard let note = try await services.database.read({ db in try Notes.fetch(db, id: id) }) else { throw SandboxHTTPError.notFound }
            return JSONResponse.make(.ok, note, apiBase: RequestURLs.apiBase(of: request))
        }

        let update: @Sendable (Request, SandboxRequestContext) async throws -> Response = { request, context in
            let user = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            var request = request
            let input = try await RequestInput.jsonObject(of: &request)
            let isPut = request.method == .put
            let note = try await services.database.write { db -> JSONValue in
                guard try Notes.fetch(db, id: id) != nil else { throw SandboxHTTPError.notFound }
                let changes = try Notes.validated(input, creating: isPut, db: db)
                return try Notes.update(db, id: id, changes: changes, userID: user.id)
            }
            return JSONResponse.make(.ok, note, apiBase: RequestURLs.apiBase(of: request))
        }
        router.patch("/api/v1/notes/:id", use: update)
        router.put("/api/v1/notes/:id", use: update)

        router.delete("/api/v1/notes/:id") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            try await services.database.write { db in
                try db.execute(sql: "DELETE FROM notes WHERE id = ?", arguments: [id])
                if db.changesCount == 0 { throw SandboxHTTPError.notFound }
            }
            return JSONResponse.noContent()
        }
    }
}
