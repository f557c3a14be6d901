import Foundation
import GRDB
import Hummingbird

/// E-mails: list (filters, ordering, paging), counts, retrieve, update, the raw message, and import.
enum EmailRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.get("/api/v1/emails") { request, _ -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let query = QueryParameters(request)
            let emailQuery = try EmailQuery(query)
            let page = try PageRequest(query)
            let body = try await services.database.read { db in
                try page.page(db, request: request, total: emailQuery.count, ids: emailQuery.ids, served: EmailStore.served)
            }
            return JSONResponse.make(.ok, body, apiBase: RequestURLs.apiBase(of: request))
        }

        router.get("/api/v1/emails/counts") { request, _ -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let emailQuery = try EmailQuery(QueryParameters(request))
            let counts = try await services.database.read { db in try EmailCounts.incoming(db, query: emailQuery) }
            return JSONResponse.make(.ok, counts, apiBase: RequestURLs.apiBase(of: request))
        }

        router.get("/api/v1/emails/:id") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            let email = try await services.database.read { db in try EmailStore.served(db, id: id) }
            guard let email else { throw SandboxHTTPError.notFound }
            return JSONResponse.make(.ok, email, apiBase: RequestURLs.apiBase(of: request))
        }

        let update: @Sendable (Request, SandboxRequestContext) async throws -> Response = { request, context in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            var request = request
            let input = try await RequestInput.jsonObject(of: &request)
            let changes = EmailStore.spec.canonical(try EmailStore.spec.validated(input, creating: request.method == .put))
            let email = try await services.database.write { db in try EmailStore.update(db, id: id, changes: changes) }
            return JSONResponse.make(.ok, email, apiBase: RequestURLs.apiBase(of: request))
        }
        router.patch("/api/v1/emails/:id", use: update)
        router.put("/api/v1/emails/:id", use: update)

        // The message as it arrived (the API leaves the format open; this is the `.eml` itself).
        router.get("/api/v1/emails/:id/content") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            let raw = try await services.database.read { db in try EmailStore.raw(db, id: id) }
            guard let raw else { throw SandboxHTTPError.notFound }
            return Response(
                status: .ok,
                headers: [.contentType: "message/rfc822", .contentDisposition: "attachment; filename=\"email-\(id).eml\""],
                body: .init(byteBuffer: ByteBuffer(bytes: raw)))
        }

        router.post("/api/v1/emails/import") { request, _ -> Response in
            try await importEmail(request, services: services)
        }
    }

    static func importEmail(_ request: Request, services: SandboxServices) async throws -> Response {
        let user = try await services.auth.authenticatedUser(request)
        try await services.database.read { db in try AuditLog.requireAdministrator(db, userID: user.id) }
        var request = request
        let data = try await RequestInput.body(of: &request)
        let parts = try Multipart.parse(data, contentType: request.headers[.contentType])
        func part(_ name: String) -> MultipartPart? { parts.first { $0.name == name } }
        var errors: [String: String] = [:]
        let raw = part("raw_message")?.body
        if raw?.isEmpty ?? true { errors["raw_message"] = "No file was submitted." }
        let recipient = part("recipient").map { String(decoding: $0.body, as: UTF8.self) } ?? ""
        if recipient.isEmpty { errors["recipient"] = "This field is required." }
        var metadata: JSONValue = [:]
        if let text = part("metadata")?.body, !text.isEmpty {
            if let parsed = try? JSONValue.parse(text), parsed.objectValue != nil { metadata = parsed } else { errors["metadata"] = "Value must be valid JSON." }
        }
        if let text = part("values")?.body, !text.isEmpty {
            let keys = (try? JSONValue.parse(text))?.objectValue?.keys
            if let keys {
                if let bad = keys.sorted().first(where: { !$0.hasPrefix("emails_import:") }) {
                    errors["values"] = "Key \"\(bad)\" must start with \"emails_import:\"."
                }
            } else {
                errors["values"] = "Value must be valid JSON."
            }
        }
        guard errors.isEmpty, let raw else { throw SandboxHTTPError.fieldErrors(errors) }
        let imported = try await services.database.write { [metadata] db in
            try EmailImport.run(db, raw: raw, recipient: recipient, userID: user.id, metadata: metadata, importDelay: services.configuration.importDelay)
        }
        Imports.schedule(after: services.configuration.importDelay, services: services)
        return JSONResponse.make(.ok, ["url": .reference("tasks", imported.taskID)], apiBase: RequestURLs.apiBase(of: request))
    }
}
