import Foundation
import GRDB
import Hummingbird

/// Annotations: list (filters, ordering, paging, sideloads), search, retrieve, update,
/// lifecycle actions and content.
enum AnnotationRoutes {
    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.get("/api/v1/annotations") { request, _ -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let query = QueryParameters(request)
            let annotationQuery = try AnnotationQuery(query: query)
            return try await list(annotationQuery, query: query, request: request, services: services, maximumPageSize: 100)
        }

        router.post("/api/v1/annotations/search") { request, _ -> Response in
            _ = try await services.auth.authenticatedUser(request)
            var request = request
            let body = try await RequestInput.jsonObject(of: &request)
            let query = QueryParameters(request)
            let annotationQuery = try AnnotationQuery(search: body, query: query)
            return try await list(annotationQuery, query: query, request: request, services: services, maximumPageSize: 500, cursor: true)
        }

        router.post("/api/v1/annotations") { request, _ -> Response in
            let user = try await services.auth.authenticatedUser(request)
            var request = request
            let body = try await RequestInput.jsonObject(of: &request)
            guard let documentID = body["document"]?.referencedID, let queueID = body["queue"]?.referencedID else {
                throw SandboxHTTPError.fieldErrors(["document": "This field is required.", "queue": "This field is required."])
            }
            let status = body["status"]?.stringValue ?? "created"
            guard ["created", "importing", "to_review"].contains(status) else {
                throw SandboxHTTPError.fieldErrors(["status": "\"\(status)\" is not a valid initial status."])
            }
            let created = try await services.database.write { db -> AnnotationRecord in
                guard let queue = try ObjectStore.fetch(db, "queues", id: queueID) else {
                    throw SandboxHTTPError.fieldErrors(["queue": "Invalid hyperlink - Object does not exist."])
                }
                guard let document = try DocumentRecord.fetch(db, ids: [documentID]).first else {
                    throw SandboxHTTPError.fieldErrors(["document": "Invalid hyperlink - Object does not exist."])
                }
                let id = try AnnotationStore.insert(
                    db, queueID: queueID, schemaID: queue["schema"]?.referencedID ?? 1, documentID: documentID,
                    status: status, creatorID: user.id, arrivedAt: document.arrivedAt, fileName: document.originalFileName,
                    fields: AnnotationStore.extractedFields(forFileName: document.originalFileName, seed: UInt64(truncatingIfNeeded: documentID)),
                    metadata: body["metadata"] ?? [:], uploadID: nil, importDueAt: nil)
                return try AnnotationRecord.fetch(db, id: id)!
            }
            return JSONResponse.make(.created, created.json, apiBase: RequestURLs.apiBase(of: request))
        }

        router.get("/api/v1/annotations/:id") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            let query = QueryParameters(request)
            let body = try await services.database.read { db -> JSONValue in
                guard let annotation = try AnnotationRecord.fetch(db, id: id) else { throw SandboxHTTPError.notFound }
                var body = annotation.json
                for (name, value) in try Sideloads.build(
                    query.list("sideload") ?? [], for: [annotation], contentSchemaIDs: query.list("content.schema_id"), db: db)
                {
                    body[name] = value
                }
                return body
            }
            return JSONResponse.make(.ok, body, apiBase: RequestURLs.apiBase(of: request))
        }

        let update: @Sendable (Request, SandboxRequestContext) async throws -> Response = { request, context in
            let user = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            var request = request
            let body = try await RequestInput.jsonObject(of: &request)
            let changes = try AnnotationStore.validatedChanges(body)
            let updated = try await services.database.write { db -> AnnotationRecord in
                try AnnotationStore.apply(changes, annotationID: id, userID: user.id, db: db)
            }
            if changes.status == "exporting" {
                try await ExportRunner.kick(services)
                return JSONResponse.make(.ok, try await services.database.read { db in try AnnotationRecord.fetch(db, id: id)?.json ?? updated.json }, apiBase: RequestURLs.apiBase(of: request))
            }
            return JSONResponse.make(.ok, updated.json, apiBase: RequestURLs.apiBase(of: request))
        }
        router.patch("/api/v1/annotations/:id", use: update)
        router.put("/api/v1/annotations/:id", use: update)

        for action in [AnnotationAction.start, .cancel, .confirm, .postpone, .reject, .delete, .approve] {
            router.post("/api/v1/annotations/:id/\(action.rawValue)") { request, context -> Response in
                let user = try await services.auth.authenticatedUser(request)
                let id = try ResourceRoutes.pathID(context)
                var request = request
                let body = try await RequestInput.jsonObject(of: &request)
                let startStatuses = try body["statuses"].map { value -> [String] in
                    guard let list = value.arrayValue?.compactMap(\.stringValue), !list.isEmpty else {
                        throw SandboxHTTPError.fieldErrors(["statuses": "Expected a list of statuses."])
                    }
                    return list
                }
                let note = body["note_content"]?.stringValue ?? ""
                let annotation = try await services.database.write { db in
                    let annotation = try AnnotationLifecycle.perform(action, annotationID: id, userID: user.id, db: db, startStatuses: startStatuses)
                    if action == .confirm || action == .approve {
                        try RuleExecutions.run(RuleExecutions.events(afterConfirmInto: annotation.status), for: annotation, db: db)
                    }
                    if action == .reject { try Notes.insertRejection(db, annotationID: id, content: note, userID: user.id) }
                    return annotation
                }
                if annotation.status == "exporting" { try await ExportRunner.kick(services) }
                let apiBase = RequestURLs.apiBase(of: request)
                switch action {
                case .start:
                    return JSONResponse.make(
                        .ok, ["annotation": annotation.json["url"]!, "session_timeout": "01:00:00"], apiBase: apiBase)
                case .reject:
                    let noteBody: JSONValue = [
                        "content": .string(note), "type": "rejection", "annotation": .reference("annotations", id),
                        "creator": .reference("users", user.id), "created_at": .string(DemoClock.now()),
                    ]
                    return JSONResponse.make(.ok, ["status": "rejected", "note": noteBody], apiBase: apiBase)
                default:
                    return JSONResponse.noContent()
                }
            }
        }

        router.post("/api/v1/annotations/purge_deleted") { request, _ -> Response in
            let user = try await services.auth.authenticatedUser(request)
            var request = request
            let body = try await RequestInput.jsonObject(of: &request)
            let ids = (body["annotations"]?.arrayValue ?? []).compactMap(\.referencedID)
            let queueID = body["queue"]?.referencedID
            guard !ids.isEmpty || queueID != nil else {
                throw SandboxHTTPError.badRequest("Provide \"annotations\" or \"queue\".")
            }
            try await services.database.write { db in
                let now = DemoClock.now().databaseValue
                var query = AnnotationQuery()
                query.add("status = 'deleted'", [])
                if !ids.isEmpty { try query.addIn("id", ids) }
                if let queueID { query.add("queue_id = ?", [queueID]) }
                try db.execute(
                    sql: """
                        UPDATE annotations SET status = 'purged', purged_at = ?, purged_by_id = ?, modifier_id = ?,
                            modified_at = ?, modified_by_id = ?, version = version + 1 \(query.whereClause)
                        """,
                    arguments: StatementArguments([now, user.id.databaseValue, user.id.databaseValue, now, user.id.databaseValue] + query.arguments))
            }
            return JSONResponse.make(.accepted, [:], apiBase: RequestURLs.apiBase(of: request))
        }

        router.get("/api/v1/annotations/:id/content") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            let query = QueryParameters(request)
            let content = try await services.database.read { db -> [JSONValue] in
                guard let annotation = try AnnotationRecord.fetch(db, id: id) else { throw SandboxHTTPError.notFound }
                let tree = try AnnotationContent.load(db, annotation)
                guard let wanted = query.list("schema_id").map(Set.init) else { return tree }
                return AnnotationContent.flatten(tree).filter { wanted.contains($0["schema_id"]?.stringValue ?? "") }
            }
            return JSONResponse.make(.ok, ["content": .array(content)], apiBase: RequestURLs.apiBase(of: request))
        }

        router.get("/api/v1/annotations/:id/content/:datapoint") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            let datapointID = try ResourceRoutes.pathID(context, "datapoint")
            let node = try await services.database.read { db -> JSONValue in
                guard let annotation = try AnnotationRecord.fetch(db, id: id) else { throw SandboxHTTPError.notFound }
                let nodes = AnnotationContent.flatten(try AnnotationContent.load(db, annotation))
                guard let node = nodes.first(where: { $0["id"]?.intValue == datapointID }) else { throw SandboxHTTPError.notFound }
                return node
            }
            return JSONResponse.make(.ok, node, apiBase: RequestURLs.apiBase(of: request))
        }

        router.post("/api/v1/annotations/:id/content/operations") { request, context -> Response in
            let user = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            var request = request
            let body = try await RequestInput.jsonObject(of: &request)
            guard let operations = body["operations"]?.arrayValue else {
                throw SandboxHTTPError.fieldErrors(["operations": "Expected a list of operations."])
            }
            let content = try await services.database.write { db -> [JSONValue] in
                try AnnotationStore.applyContentOperations(operations, annotationID: id, userID: user.id, db: db)
            }
            return JSONResponse.make(.ok, ["content": .array(content)], apiBase: RequestURLs.apiBase(of: request))
        }

        router.get("/api/v1/annotations/:id/processing_duration") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            let annotation = try await services.database.read { db in try AnnotationRecord.fetch(db, id: id) }
            guard let annotation else { throw SandboxHTTPError.notFound }
            let spent = JSONValue.double(annotation.timeSpent)
            return JSONResponse.make(.ok, [
                "annotation": .reference("annotations", id), "time_spent_active": spent, "time_spent_overall": spent,
                "time_spent_edit": 0.0, "time_spent_blockers": 0.0, "time_spent_emails": 0.0, "time_spent_opening": 0.0,
                "duration_latest_validate_started": nil, "duration_latest_validate_updated_before_confirm": nil,
            ], apiBase: RequestURLs.apiBase(of: request))
        }
    }

    /// One page of annotations with its sideloads.
    static func list(
        _ annotationQuery: AnnotationQuery, query: QueryParameters, request: Request, services: SandboxServices,
        maximumPageSize: Int, cursor: Bool = false
    ) async throws -> Response {
        let page = try PageRequest(query, maximumPageSize: maximumPageSize, cursor: cursor)
        let sideloads = query.list("sideload") ?? []
        let schemaIDs = query.list("content.schema_id")
        let body = try await services.database.read { db -> JSONValue in
            let total = try annotationQuery.count(db)
            try page.validate(total: total)
            let records = try annotationQuery.fetch(db, limit: page.pageSize, offset: page.offset)
            let extra = try Sideloads.build(sideloads, for: records, contentSchemaIDs: schemaIDs, db: db)
            return page.envelope(results: records.map(\.json), total: total, request: request, extra: extra)
        }
        return JSONResponse.make(.ok, body, apiBase: RequestURLs.apiBase(of: request))
    }
}
