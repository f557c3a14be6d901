import Foundation
import GRDB
import Hummingbird

/// The diagnostic endpoint families: hook run logs, audit logs, automation blockers, rejection
/// notes and page data. One registration line in `SandboxRoutes`.
enum DiagnosticRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        registerHookLogs(on: router, services: services)
        registerAuditLogs(on: router, services: services)
        registerBlockers(on: router, services: services)
        NoteRoutes.register(on: router, services: services)
        PageData.register(on: router, services: services)
    }

    static func registerHookLogs(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.get("/api/v1/hooks/logs") { request, _ -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let query = QueryParameters(request)
            let results = try await services.database.read { db in try HookLogStore.list(db, query: query) }
            return JSONResponse.make(.ok, ["results": .array(results)], apiBase: RequestURLs.apiBase(of: request))
        }
    }

    static func registerAuditLogs(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.get("/api/v1/audit_logs") { request, _ -> Response in
            let user = try await services.auth.authenticatedUser(request)
            let query = QueryParameters(request)
            let filter = try AuditLog.filter(query)
            let page = try PageRequest(query)
            let body = try await services.database.read { db -> JSONValue in
                try AuditLog.requireAdministrator(db, userID: user.id)
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_logs \(filter.whereClause)", arguments: filter.arguments()) ?? 0
                try page.validate(total: total)
                let rows = try String.fetchAll(
                    db, sql: "SELECT body FROM audit_logs \(filter.whereClause) ORDER BY timestamp DESC, seq DESC LIMIT ? OFFSET ?",
                    arguments: filter.arguments(page.pageSize, page.offset))
                return page.envelope(results: rows.map(JSONValue.stored), total: total, request: request)
            }
            return JSONResponse.make(.ok, body, apiBase: RequestURLs.apiBase(of: request))
        }
    }

    static func registerBlockers(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.get("/api/v1/automation_blockers") { request, _ -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let query = QueryParameters(request)
            var filters = SQLFilter()
            if let ids = try query.idList("annotation") { filters.addIn("annotation_id", ids) }
            if let ids = try query.idList("id") { filters.addIn("id", ids) }
            let page = try PageRequest(query)
            let filter = filters
            let body = try await services.database.read { db -> JSONValue in
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM automation_blockers \(filter.whereClause)", arguments: filter.arguments()) ?? 0
                try page.validate(total: total)
                let rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM automation_blockers \(filter.whereClause) ORDER BY id LIMIT ? OFFSET ?",
                    arguments: filter.arguments(page.pageSize, page.offset))
                let results = rows.map { AutomationBlockers.json(id: $0["id"], annotationID: $0["annotation_id"], content: $0["content"]) }
                return page.envelope(results: results, total: total, request: request)
            }
            return JSONResponse.make(.ok, body, apiBase: RequestURLs.apiBase(of: request))
        }
        router.get("/api/v1/automation_blockers/:id") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            let blocker = try await services.database.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM automation_blockers WHERE id = ?", arguments: [id])
                    .map { AutomationBlockers.json(id: $0["id"], annotationID: $0["annotation_id"], content: $0["content"]) }
            }
            guard let blocker else { throw SandboxHTTPError.notFound }
            return JSONResponse.make(.ok, blocker, apiBase: RequestURLs.apiBase(of: request))
        }
    }
}
