import Foundation
import GRDB
import Hummingbird
import NIOCore

/// `GET pages`, `GET pages/{id}`, the page image at `pages/{id}/content` (and `preview`, the
/// same image: the sandbox draws pages small already) and `POST annotations/{id}/edit_pages`.
enum PageRoutes {
    /// `ordering` values and the columns they sort by.
    static let orderings = ["id": "id", "number": "number, id", "annotation": "annotation_id, number"]

    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.get("/api/v1/pages") { request, _ -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let query = QueryParameters(request)
            var filters = SQLFilter()
            if let ids = try query.idList("id") { filters.addIn("id", ids) }
            if let ids = try query.idList("annotation") { filters.addIn("annotation_id", ids) }
            if let numbers = try DiagnosticQuery.integers(query, "number") { filters.addIn("number", numbers) }
            let order = try orderClause(query["ordering"])
            let page = try PageRequest(query)
            let filter = filters
            let body = try await services.database.read { db -> JSONValue in
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM pages \(filter.whereClause)", arguments: filter.arguments()) ?? 0
                try page.validate(total: total)
                let pages = try Row.fetchAll(
                    db, sql: "SELECT * FROM pages \(filter.whereClause) ORDER BY \(order) LIMIT ? OFFSET ?",
                    arguments: filter.arguments(page.pageSize, page.offset)
                ).map(PageRecord.init)
                return page.envelope(results: pages.map(\.json), total: total, request: request)
            }
            return JSONResponse.make(.ok, body, apiBase: RequestURLs.apiBase(of: request))
        }

        router.get("/api/v1/pages/:id") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            guard let page = try await services.database.read({ db in try PageStore.fetch(db, id: id) }) else {
                throw SandboxHTTPError.notFound
            }
            return JSONResponse.make(.ok, page.json, apiBase: RequestURLs.apiBase(of: request))
        }

        router.post("/api/v1/annotations/:id/edit_pages") { request, context -> Response in
            let user = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            var request = request
            let body = try await RequestInput.jsonObject(of: &request)
            let delay = services.configuration.importDelay
            let results = try await services.database.write { db in
                try PageEditing.edit(db, parentID: id, body: body, userID: user.id, importDueAt: Imports.dueTime(after: delay))
            }
            // The children finish importing like uploads do.
            Imports.schedule(after: delay, services: services)
            return JSONResponse.make(.ok, ["results": .array(results)], apiBase: RequestURLs.apiBase(of: request))
        }

        for path in ["content", "preview"] {
            router.get(RouterPath("/api/v1/pages/:id/\(path)")) { request, context -> Response in
                _ = try await services.auth.authenticatedUser(request)
                let id = try ResourceRoutes.pathID(context)
                let png = try await services.database.read { db -> [UInt8]? in
                    guard let page = try PageStore.fetch(db, id: id) else { return nil }
                    return try PageImage.png(db, page: page)
                }
                guard let png else { throw SandboxHTTPError.notFound }
                return Response(status: .ok, headers: [.contentType: "image/png"], body: .init(byteBuffer: ByteBuffer(bytes: png)))
            }
        }
    }

    /// `ordering=number`, `-id`, ...; anything else is a 400 naming the choices.
    static func orderClause(_ raw: String?) throws -> String {
        guard let raw, !raw.isEmpty else { return "id" }
        let descending = raw.hasPrefix("-")
        let key = descending ? String(raw.dropFirst()) : raw
        guard let columns = orderings[key] else {
            throw SandboxHTTPError.fieldErrors(["ordering": "Choose from \(orderings.keys.sorted().joined(separator: ", "))."])
        }
        return descending ? columns.split(separator: ",").map { "\($0.trimmingCharacters(in: .whitespaces)) DESC" }.joined(separator: ", ") : columns
    }
}
