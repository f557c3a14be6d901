import Foundation
import GRDB
import Hummingbird

/// Documents (metadata, `content` bytes, multipart create), uploads and their tasks, and the
/// legacy `queues/{id}/upload`.
enum DocumentRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.get("/api/v1/documents") { request, _ -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let query = QueryParameters(request)
            let page = try PageRequest(query)
            let ids = try query.idList("id")
            let body = try await services.database.read { db -> JSONValue in
                let filter = ids.map { "WHERE id IN (\($0.map(String.init).joined(separator: ",")))" } ?? ""
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents \(filter)") ?? 0
                try page.validate(total: total)
                let pageIDs = try Int.fetchAll(
                    db, sql: "SELECT id FROM documents \(filter) ORDER BY id LIMIT ? OFFSET ?", arguments: [page.pageSize, page.offset])
                let documents = try DocumentRecord.fetch(db, ids: pageIDs)
                return page.envelope(results: documents.map(\.json), total: total, request: request)
            }
            return JSONResponse.make(.ok, body, apiBase: RequestURLs.apiBase(of: request))
        }

        router.get("/api/v1/documents/:id") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            let document = try await services.database.read { db in try DocumentRecord.fetch(db, ids: [id]).first }
            guard let document else { throw SandboxHTTPError.notFound }
            return JSONResponse.make(.ok, document.json, apiBase: RequestURLs.apiBase(of: request))
        }

        router.get("/api/v1/documents/:id/content") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            let found = try await services.database.read { db -> (Data, String, String)? in
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT original_file_name, mime_type, content FROM documents WHERE id = ?", arguments: [id])
                else { return nil }
                let name: String = row["original_file_name"]
                if let stored: Data = row["content"] { return (stored, row["mime_type"], name) }
                // Demo documents are rendered on demand from their annotation's fields.
                let annotation = try Row.fetchOne(db, sql: "\(AnnotationRecord.selectSQL) WHERE document_id = ? ORDER BY id LIMIT 1", arguments: [id])
                    .map(AnnotationRecord.init)
                let fields = annotation?.fields ?? AnnotationStore.extractedFields(forFileName: name, seed: UInt64(truncatingIfNeeded: id))
                return (PDFDocument.invoice(fields, fileName: name), "application/pdf", name)
            }
            guard let (data, mimeType, name) = found else { throw SandboxHTTPError.notFound }
            let safeName = name.replacingOccurrences(of: "\"", with: "'")
            return Response(
                status: .ok,
                headers: [.contentType: mimeType, .contentDisposition: "inline; filename=\"\(PDFDocument.escape(safeName))\""],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }

        router.post("/api/v1/documents") { request, _ -> Response in
            let user = try await services.auth.authenticatedUser(request)
            var request = request
            let data = try await RequestInput.body(of: &request)
            let parts = try Multipart.parse(data, contentType: request.headers[.contentType])
            guard let content = parts.first(where: { $0.name == "content" }) else {
                throw SandboxHTTPError.fieldErrors(["content": "No file was submitted."])
            }
            let metadata = try parts.first(where: { $0.name == "metadata" }).map { try JSONValue.parse($0.body) } ?? [:]
            guard metadata.objectValue != nil else { throw SandboxHTTPError.fieldErrors(["metadata": "Value must be valid JSON."]) }
            let now = DemoClock.now()
            let document = try await services.database.write { db -> DocumentRecord in
                try db.execute(
                    sql: "INSERT INTO documents (original_file_name, mime_type, created_at, arrived_at, creator_id, metadata, content) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        content.fileName ?? "document", content.contentType ?? mimeType(for: content.fileName), now, now, user.id,
                        metadata.storageText, content.body,
                    ])
                return try DocumentRecord.fetch(db, ids: [Int(db.lastInsertedRowID)])[0]
            }
            return JSONResponse.make(.created, document.json, apiBase: RequestURLs.apiBase(of: request))
        }

        router.patch("/api/v1/documents/:id") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            var request = request
            let body = try await RequestInput.jsonObject(of: &request)
            for key in body.keys where key != "metadata" && !["id", "url"].contains(key) {
                throw SandboxHTTPError.fieldErrors([key: "Only metadata can be changed."])
            }
            let document = try await services.database.write { db -> DocumentRecord in
                guard try DocumentRecord.fetch(db, ids: [id]).first != nil else { throw SandboxHTTPError.notFound }
                if let metadata = body["metadata"] {
                    guard metadata.objectValue != nil else { throw SandboxHTTPError.fieldErrors(["metadata": "Expected a dictionary of items."]) }
                    try db.execute(sql: "UPDATE documents SET metadata = ? WHERE id = ?", arguments: [metadata.storageText, id])
                }
                return try DocumentRecord.fetch(db, ids: [id])[0]
            }
            return JSONResponse.make(.ok, document.json, apiBase: RequestURLs.apiBase(of: request))
        }

        // POST uploads?queue=ID (multipart), or uploads/<filename>?queue=ID with the raw file as body.
        router.post("/api/v1/uploads") { request, _ -> Response in
            try await upload(request, fileName: nil, queueID: nil, legacy: false, services: services)
        }
        // The same path parameter name as `GET uploads/:id` (the router requires it); here it is a file name.
        router.post("/api/v1/uploads/:id") { request, context -> Response in
            try await upload(request, fileName: context.parameters.get("id"), queueID: nil, legacy: false, services: services)
        }
        router.post("/api/v1/queues/:id/upload") { request, context -> Response in
            try await upload(request, fileName: nil, queueID: try ResourceRoutes.pathID(context), legacy: true, services: services)
        }
        router.post("/api/v1/queues/:id/upload/:filename") { request, context -> Response in
            try await upload(
                request, fileName: context.parameters.get("filename"), queueID: try ResourceRoutes.pathID(context), legacy: true,
                services: services)
        }

        router.get("/api/v1/tasks/:id") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            let task = try await services.database.write { db -> JSONValue? in
                try Imports.finishDue(db)
                return try ObjectStore.fetch(db, "tasks", id: id)
            }
            guard let task else { throw SandboxHTTPError.notFound }
            let query = QueryParameters(request)
            let apiBase = RequestURLs.apiBase(of: request)
            if task["status"]?.stringValue == "succeeded", !query.flag("no_redirect"), let result = task["result_url"], !result.isNull {
                return JSONResponse.make(.seeOther, task, apiBase: apiBase, headers: [.location: result.absoluteURL(apiBase: apiBase)])
            }
            return JSONResponse.make(.ok, task, apiBase: apiBase)
        }
    }

    static func upload(
        _ request: Request, fileName: String?, queueID pathQueueID: Int?, legacy: Bool, services: SandboxServices
    ) async throws -> Response {
        let user = try await services.auth.authenticatedUser(request)
        let query = QueryParameters(request)
        guard let queueID = try pathQueueID ?? query.idList("queue")?.first else {
            throw SandboxHTTPError.fieldErrors(["queue": "This field is required."])
        }
        var request = request
        let data = try await RequestInput.body(of: &request)
        var files: [Imports.File] = []
        var metadata: JSONValue = [:]
        if let fileName {
            files = [Imports.File(name: fileName, data: data, mimeType: mimeType(for: fileName))]
        } else {
            let parts = try Multipart.parse(data, contentType: request.headers[.contentType])
            for part in parts {
                switch part.name {
                case "content":
                    let name = part.fileName.flatMap { $0.isEmpty ? nil : $0 } ?? "document.pdf"
                    let type = part.contentType.flatMap { $0 == "application/octet-stream" ? nil : $0 } ?? mimeType(for: name)
                    files.append(Imports.File(name: name, data: part.body, mimeType: type))
                case "metadata":
                    metadata = try JSONValue.parse(part.body)
                    guard metadata.objectValue != nil else { throw SandboxHTTPError.fieldErrors(["metadata": "Value must be valid JSON."]) }
                case "values":
                    guard (try? JSONValue.parse(part.body))?.objectValue != nil else {
                        throw SandboxHTTPError.fieldErrors(["values": "Value must be valid JSON."])
                    }
                default: break
                }
            }
        }
        let created = try await services.database.write { [files, metadata] db in
            try Imports.create(
                db, files: files, queueID: queueID, userID: user.id, organizationID: user.organizationID, metadata: metadata,
                importDelay: services.configuration.importDelay, legacy: legacy)
        }
        Imports.schedule(after: services.configuration.importDelay, services: services)
        let apiBase = RequestURLs.apiBase(of: request)
        let results: JSONValue = .array(zip(created.documentIDs, created.annotationIDs).map {
            ["document": .reference("documents", $0.0), "annotation": .reference("annotations", $0.1)]
        })
        if legacy { return JSONResponse.make(.created, ["results": results], apiBase: apiBase) }
        return JSONResponse.make(.created, ["url": .reference("tasks", created.taskID ?? 0), "results": results], apiBase: apiBase)
    }

    static func mimeType(for fileName: String?) -> String {
        switch (fileName ?? "").split(separator: ".").last?.lowercased() {
        case "pdf": "application/pdf"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "tif", "tiff": "image/tiff"
        case "xml": "application/xml"
        case "json": "application/json"
        case "txt": "text/plain"
        default: "application/octet-stream"
        }
    }
}
