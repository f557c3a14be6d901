import NIOCore

/// Objects that can be sideloaded into annotations (embedded instead of their URL).
public enum AnnotationSideload: String, Sendable, CaseIterable {
    case documents, content, modifiers, queues
    case automationBlockers = "automation_blockers"
}

extension RossumClient {
    /// Annotations: lists, search, CRUD, the status actions, content operations, polling.
    public var annotations: Annotations { Annotations(client: self) }
}

/// Operations on annotations (`client.annotations`).
public struct Annotations: Sendable {
    public let client: RossumClient

    // MARK: Reading

    /// Every annotation matching `filters` (e.g. `["status": ["to_review"], "queue": 12]`), with the
    /// requested sideloads embedded. `content` sideloads can be narrowed to some schema ids.
    public func list(filters: QueryItems = [:], ordering: [String] = [], sideloads: [AnnotationSideload] = [],
                     contentSchemaIDs: [String] = [], maxPages: Int? = nil) -> Paginated<Annotation> {
        var query = client.listQuery(filters: filters, ordering: ordering)
        Self.addSideloads(sideloads, contentSchemaIDs: contentSchemaIDs, to: &query)
        let request = APIRequest("GET", client.url("annotations"), query: query)
        return Paginated(client: client, request: request, strategy: .pageNumbers, maxPages: maxPages) { client, body in
            try AnnotationPage.decode(client, body, sideloads: sideloads)
        }
    }

    /// `POST annotations/search` with a query (`{"$and": [...]}`) and/or a full-text `queryString`;
    /// follows the `next` cursor the server returns, keeping the body unchanged between pages.
    public func search(query: JSONValue? = nil, queryString: String? = nil, ordering: [String] = [],
                       sideloads: [AnnotationSideload] = [], contentSchemaIDs: [String] = [],
                       maxPages: Int? = nil) throws -> Paginated<Annotation> {
        guard query != nil || queryString != nil else {
            throw RossumError.configuration("annotations.search needs a query or a queryString")
        }
        var body = JSONObject()
        if let query { body["query"] = query }
        if let queryString { body["query_string"] = ["string": .string(queryString)] }
        var params = client.listQuery(filters: [:], ordering: ordering)
        Self.addSideloads(sideloads, contentSchemaIDs: contentSchemaIDs, to: &params)
        let request = APIRequest("POST", client.url("annotations/search"), query: params, body: .json(.object(body)), idempotent: true)
        return Paginated(client: client, request: request, strategy: .cursor, maxPages: maxPages) { client, body in
            try AnnotationPage.decode(client, body, sideloads: sideloads)
        }
    }

    /// One annotation; each requested sideload is fetched from the URL in the annotation
    /// (concurrently) and embedded.
    public func retrieve(_ id: Int, sideloads: [AnnotationSideload] = []) async throws -> Annotation {
        var annotation = try await client.request("GET", "annotations/\(id)", as: Annotation.self)
        try await embed(sideloads, into: &annotation)
        return annotation
    }

    /// The extracted content tree (`annotations/{id}/content`).
    public func content(_ id: Int) async throws -> [ContentNode] {
        struct Answer: Decodable { let content: [ContentNode] }
        return try await client.request("GET", "annotations/\(id)/content", as: Answer.self).content
    }

    public func processingDuration(_ id: Int) async throws -> AnnotationProcessingDuration {
        try await client.request("GET", "annotations/\(id)/processing_duration", as: AnnotationProcessingDuration.self)
    }

    // MARK: Writing

    public func create(_ data: JSONValue) async throws -> Annotation {
        try await client.request("POST", "annotations", body: .json(data), as: Annotation.self)
    }

    /// `PUT`: replaces the annotation's writable fields.
    public func update(_ id: Int, _ data: JSONValue) async throws -> Annotation {
        try await client.request("PUT", "annotations/\(id)", body: .json(data), as: Annotation.self)
    }

    /// `PATCH`: changes only the given fields (`["status": "to_review"]`, `["metadata": [...]]`).
    public func partialUpdate(_ id: Int, _ data: JSONValue) async throws -> Annotation {
        try await client.request("PATCH", "annotations/\(id)", body: .json(data), idempotent: true, as: Annotation.self)
    }

    /// Applies content operations (`replace`, `remove`, `add`) in one request.
    @discardableResult
    public func bulkUpdateContent(_ id: Int, operations: [JSONValue]) async throws -> JSONValue {
        try await write("content/operations", of: id, body: ["operations": .array(operations)], answer: WriteAnswer.object)
    }

    // MARK: Status actions
    //
    // Each counts as done only on an answer that says so (`WriteAnswer`); none is sent twice
    // after an unknown outcome, and none follows a redirect (`RedirectRule`).

    /// Opens the annotation for review (`reviewing`); 409 when its status does not allow it.
    @discardableResult
    public func start(_ id: Int) async throws -> JSONValue {
        try await write("start", of: id, answer: WriteAnswer.object)
    }

    /// Confirms: the annotation goes to `exporting`/`exported`, or `confirmed` on queues with that state.
    public func confirm(_ id: Int) async throws {
        try await write("confirm", of: id, answer: WriteAnswer.acknowledgement)
    }

    /// Leaves review without changes (back to `to_review` or `postponed`).
    public func cancel(_ id: Int) async throws {
        try await write("cancel", of: id, answer: WriteAnswer.acknowledgement)
    }

    /// Moves to `deleted` (still listed; `purgeDeleted` removes for good).
    public func delete(_ id: Int) async throws {
        try await write("delete", of: id, answer: WriteAnswer.acknowledgement)
    }

    public func postpone(_ id: Int) async throws {
        try await write("postpone", of: id, answer: WriteAnswer.acknowledgement)
    }

    /// Rejects with a note for the sender.
    @discardableResult
    public func reject(_ id: Int, note: String? = nil) async throws -> JSONValue {
        var body = JSONObject()
        if let note { body["note_content"] = .string(note) }
        return try await write("reject", of: id, body: .object(body), answer: WriteAnswer.object)
    }

    /// Approves an annotation waiting in a workflow.
    public func approve(_ id: Int) async throws {
        try await write("approve", of: id, answer: WriteAnswer.acknowledgement)
    }

    /// `POST annotations/{id}/{action}`, its answer checked by `answer`.
    private func write<T>(_ action: String, of id: Int, body: JSONValue? = nil,
                          answer: (HTTPResponseData, RossumClient, String) throws -> T) async throws -> T {
        let request = APIRequest("POST", client.url("annotations/\(id)/\(action)"), body: body.map { .json($0) })
        return try await client.send(request) { [client] response in try answer(response, client, "\(action) of annotation \(id)") }
    }

    /// Puts a `failed_export` annotation back to review (the documented way: `PATCH status`).
    @discardableResult
    public func requeue(_ id: Int) async throws -> Annotation {
        try await partialUpdate(id, ["status": "to_review"])
    }

    /// Sends a `failed_export` annotation to export again (the web app's retry: status
    /// `exporting`). Not retried blindly: each send runs the export hooks (an ERP would get the
    /// invoice twice), so an answer lost on the way is settled by reading the annotation: if it
    /// moved on since (its status, its `modified_at` or `export_failed_at` changed) the retry
    /// took effect and is not sent again.
    public func retryExport(_ id: Int) async throws -> Annotation {
        let before = try await retrieve(id)
        guard before.status?.rawValue == "failed_export" else {
            throw RossumError.conflict("annotation \(id) is \(before.status?.rawValue ?? "?"); only a failed export is sent to export again")
        }
        do {
            return try await client.request("PATCH", "annotations/\(id)", body: .json(["status": "exporting"]), idempotent: false,
                                            as: Annotation.self)
        } catch let error as RossumError where error.outcomeUnknown {
            let now = try await retrieve(id)
            let moved = now.status != before.status || now.modifiedAt != before.modifiedAt || now.exportFailedAt != before.exportFailedAt
            guard moved else { throw error }
            client.logger.warning("retry export #\(id): \(error); the annotation moved on, so it was not sent again")
            return now
        }
    }

    /// Purges `deleted` annotations (given ones and/or all of a queue).
    public func purgeDeleted(annotationIDs: [Int] = [], queueID: Int? = nil) async throws {
        var body = JSONObject()
        if !annotationIDs.isEmpty { body["annotations"] = .array(annotationIDs.map { .string(client.url("annotations/\($0)")) }) }
        if let queueID { body["queue"] = .string(client.url("queues/\(queueID)")) }
        guard !body.isEmpty else { throw RossumError.configuration("purgeDeleted needs annotation ids or a queue") }
        let request = APIRequest("POST", client.url("annotations/purge_deleted"), body: .json(.object(body)))
        try await client.send(request) { [client] response in
            try WriteAnswer.acknowledgement(response, client: client, what: "purge of deleted annotations")
        }
    }

    /// Assigns the annotation to `userIDs` (`annotations/assign`, one annotation per call as the
    /// API allows); `note` is kept as the reason.
    public func assign(_ id: Int, to userIDs: [Int], note: String? = nil) async throws {
        var body: JSONObject = [
            "annotations": [.string(client.url("annotations/\(id)"))],
            "assignees": .array(userIDs.map { .string(client.url("users/\($0)")) }),
        ]
        if let note { body["note_content"] = .string(note) }
        let request = APIRequest("POST", client.url("annotations/assign"), body: .json(.object(body)))
        try await client.send(request) { [client] response in
            try WriteAnswer.acknowledgement(response, client: client, what: "assignment")
        }
    }

    /// Copies the annotation to another queue; returns the new annotation's id.
    public func copy(_ id: Int, toQueue queueID: Int, status: AnnotationStatus? = nil, reimport: Bool = false) async throws -> Int {
        var body: JSONObject = ["target_queue": .string(client.url("queues/\(queueID)"))]
        if let status { body["target_status"] = .string(status.rawValue) }
        let answer = try await client.requestJSON("POST", "annotations/\(id)/copy", query: reimport ? ["reimport": true] : [:], body: .object(body))
        guard let url = answer["annotation"]?.stringValue, let newID = URLText.id(in: url) else {
            throw RossumError.decoding(type: "CopyAnswer", path: "annotation", reason: "no annotation URL", snippet: answer.description)
        }
        return newID
    }

    // MARK: Polling and uploading

    /// Re-reads the annotation until `predicate` holds (sideloads are fetched once, at the end).
    public func poll(_ id: Int, every interval: Duration = .seconds(3), timeout: Duration = .seconds(600),
                     sideloads: [AnnotationSideload] = [], until predicate: @Sendable (Annotation) -> Bool) async throws -> Annotation {
        var annotation = try await client.poll(what: "annotation \(id)", every: interval, timeout: timeout,
                                               fetch: { try await retrieve(id) }, until: predicate)
        try await embed(sideloads, into: &annotation)
        return annotation
    }

    /// Waits until the annotation left `importing`/`created`.
    public func pollUntilImported(_ id: Int, every interval: Duration = .seconds(3), timeout: Duration = .seconds(600),
                                  sideloads: [AnnotationSideload] = []) async throws -> Annotation {
        try await poll(id, every: interval, timeout: timeout, sideloads: sideloads) {
            $0.status != .importing && $0.status != .created
        }
    }

    /// Uploads one file to a queue and waits until its annotation is imported.
    public func uploadAndWaitUntilImported(queueID: Int, file: UploadFile, every interval: Duration = .seconds(3),
                                           timeout: Duration = .seconds(600)) async throws -> Annotation {
        guard let task = try await client.uploads.upload(queueID: queueID, files: [file]).first else {
            throw RossumError.failed(what: "upload of \(file.filename)", detail: "the server returned no task")
        }
        let done = try await client.tasks.waitUntilDone(task.id, pollEvery: interval, timeout: timeout)
        guard let uploadID = done.uploadID else {
            throw RossumError.failed(what: "upload of \(file.filename)", detail: "the finished task names no upload")
        }
        let upload = try await client.uploads.retrieve(uploadID)
        guard let annotationURL = upload.annotations.first, let annotationID = URLText.id(in: annotationURL) else {
            throw RossumError.failed(what: "upload of \(file.filename)", detail: "the upload created no annotation")
        }
        return try await pollUntilImported(annotationID, every: interval, timeout: timeout)
    }

    // MARK: Sideloads

    static func addSideloads(_ sideloads: [AnnotationSideload], contentSchemaIDs: [String], to query: inout QueryItems) {
        guard !sideloads.isEmpty else { return }
        query.append("sideload", QueryValue(sideloads.map(\.rawValue)))
        if sideloads.contains(.content), !contentSchemaIDs.isEmpty {
            query.append("content.schema_id", QueryValue(contentSchemaIDs))
        }
    }

    private func embed(_ sideloads: [AnnotationSideload], into annotation: inout Annotation) async throws {
        guard !sideloads.isEmpty else { return }
        let client = client
        let current = annotation
        async let document: Document? = sideloads.contains(.documents) ? fetch(current.document?.url, as: Document.self) : nil
        async let queue: Queue? = sideloads.contains(.queues) ? fetch(current.queue?.url, as: Queue.self) : nil
        async let modifier: User? = sideloads.contains(.modifiers) ? fetch(current.modifier?.url, as: User.self) : nil
        async let blocker: AutomationBlocker? = sideloads.contains(.automationBlockers)
            ? fetch(current.automationBlocker?.url, as: AutomationBlocker.self) : nil
        async let content: [ContentNode]? = sideloads.contains(.content) && current.content?.url != nil
            ? client.annotations.content(current.id) : nil
        if let document = try await document { annotation.document = .object(document) }
        if let queue = try await queue { annotation.queue = .object(queue) }
        if let modifier = try await modifier { annotation.modifier = .object(modifier) }
        if let blocker = try await blocker { annotation.automationBlocker = .object(blocker) }
        if let content = try await content { annotation.content = .object(content) }
    }

    private func fetch<T: Decodable & Sendable>(_ url: String?, as type: T.Type) async throws -> T? {
        guard let url else { return nil }
        return try await client.request("GET", url, as: T.self)
    }
}

/// A page of annotations with the sideloaded arrays next to `results`.
struct AnnotationPage: Decodable {
    var pagination: PageEnvelope<Annotation>.Pagination?
    var next: String?
    var results: [Annotation]
    var documents: [Document]?
    var modifiers: [User]?
    var queues: [Queue]?
    var content: [ContentNode]?
    var automationBlockers: [AutomationBlocker]?

    enum CodingKeys: String, CodingKey {
        case pagination, next, results, documents, modifiers, queues, content
        case automationBlockers = "automation_blockers"
    }

    /// Decodes the page and replaces each sideloaded URL by its object, as the SDK does: objects
    /// are matched by the id at the end of the URL; content datapoints by the annotation id in
    /// theirs; an annotation without datapoints gets `[]`.
    static func decode(_ client: RossumClient, _ body: ByteBuffer, sideloads: [AnnotationSideload]) throws -> Page<Annotation> {
        let page = try client.decode(AnnotationPage.self, from: body)
        var results = page.results
        if !sideloads.isEmpty {
            let documents = Self.byID(page.documents, id: \.id)
            let modifiers = Self.byID(page.modifiers, id: \.id)
            let queues = Self.byID(page.queues, id: \.id)
            let blockers = Self.byID(page.automationBlockers, id: \.id)
            var contentByAnnotation: [Int: [ContentNode]] = [:]
            for node in page.content ?? [] {
                if let url = node.url, let annotationID = URLText.id(in: url, after: "annotations") {
                    contentByAnnotation[annotationID, default: []].append(node)
                }
            }
            for index in results.indices {
                Self.link(&results[index].document, in: documents)
                Self.link(&results[index].modifier, in: modifiers)
                Self.link(&results[index].queue, in: queues)
                Self.link(&results[index].automationBlocker, in: blockers)
                if sideloads.contains(.content), results[index].content?.object == nil {
                    results[index].content = .object(contentByAnnotation[results[index].id] ?? [])
                }
            }
        }
        return Page(results: results, total: page.pagination?.total, totalPages: page.pagination?.totalPages,
                    next: page.next ?? page.pagination?.next)
    }

    private static func byID<T>(_ objects: [T]?, id: KeyPath<T, Int>) -> [Int: T] {
        guard let objects else { return [:] }
        var map: [Int: T] = [:]
        for object in objects { map[object[keyPath: id]] = object }
        return map
    }

    private static func link<T>(_ field: inout Linked<T>?, in objects: [Int: T]) {
        guard !objects.isEmpty, case .url(let url)? = field, let id = URLText.id(in: url), let object = objects[id] else { return }
        field = .object(object)
    }
}
