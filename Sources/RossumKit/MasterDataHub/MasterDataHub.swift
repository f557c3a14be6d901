extension RossumClient {
    /// Master Data Hub: datasets and their asynchronous operations (`/svc/master-data-hub/api/v1`).
    public var masterDataHub: MasterDataHub { MasterDataHub(client: self) }
}

/// Master Data Hub datasets. Every write is asynchronous: it answers 202 with the operation's URL
/// in `Location`; these methods return the operation id, and `waitForOperation` follows it.
public struct MasterDataHub: Sendable {
    public let client: RossumClient

    /// `servicesRoot` + `/svc/master-data-hub/api/v1`.
    public var baseURL: String { client.serviceURL("svc/master-data-hub/api/v1") }

    func url(_ path: String) -> String { URLText.resolve(path, against: baseURL) }

    // MARK: Datasets

    /// All datasets (the answer may be a bare list or wrapped in `results`/`datasets`).
    public func datasets() async throws -> [Dataset] {
        try await client.send(APIRequest("GET", url("dataset/"))) { response in
            try client.decode(FlexibleList<Dataset>.self, from: response.body).items
        }
    }

    /// Creates a dataset (fails with 400 when it exists). Returns the operation id.
    public func create(_ name: String, from source: DatasetSource, options: DatasetUploadOptions = DatasetUploadOptions()) async throws -> String {
        try await write("POST", name, source: source, options: options, extra: [])
    }

    /// Replaces the whole dataset. With `idKeys`, replaces "by keys" (`replace_or_new`): updates
    /// matching records, adds new ones, removes the rest. Returns the operation id.
    public func replace(_ name: String, from source: DatasetSource, idKeys: [String] = [],
                        options: DatasetUploadOptions = DatasetUploadOptions()) async throws -> String {
        var extra = idKeys.map { ("id_keys", $0) }
        if !idKeys.isEmpty { extra.append(("replace_or_new", "true")) }
        return try await write("PUT", name, source: source, options: options, extra: extra)
    }

    /// Upserts: records matching on `idKeys` are overwritten, the others inserted when
    /// `updateOrNew` (otherwise skipped); records absent from the file stay. Returns the operation id.
    public func update(_ name: String, from source: DatasetSource, idKeys: [String], updateOrNew: Bool = true,
                       options: DatasetUploadOptions = DatasetUploadOptions()) async throws -> String {
        guard !idKeys.isEmpty else {
            throw RossumError.configuration("an MDH update needs idKeys: the fields that identify a record")
        }
        var extra = idKeys.map { ("id_keys", $0) }
        extra.append(("update_or_new", updateOrNew ? "true" : "false"))
        return try await write("PATCH", name, source: source, options: options, extra: extra)
    }

    /// Deletes the dataset. Returns the operation id.
    public func delete(_ name: String) async throws -> String {
        let response = try await client.send(APIRequest("DELETE", url("dataset/\(URLText.percentEncodePathSegment(name))"), idempotent: false))
        return try operationID(from: response, what: "delete of dataset \(name)")
    }

    private func write(_ method: String, _ name: String, source: DatasetSource, options: DatasetUploadOptions,
                       extra: [(String, String)]) async throws -> String {
        let file = try source.filePart()
        var form = MultipartForm()
        form.addFile("file", filename: file.filename, contentType: file.contentType, data: file.data)
        options.apply(to: &form)
        for (field, value) in extra { form.addField(field, value) }
        // Not idempotent: a retry would queue a second operation. Retried only when the server
        // cannot have taken it (refused connection, 429, 503).
        let request = APIRequest(method, url("dataset/\(URLText.percentEncodePathSegment(name))"), body: .multipart(form), idempotent: false)
        let response = try await client.send(request)
        return try operationID(from: response, what: "\(method) of dataset \(name)")
    }

    /// The id at the end of `Location: .../operation/{id}`, else `operation_id`/`id` in the body.
    func operationID(from response: HTTPResponseData, what: String) throws -> String {
        if let location = response.header("Location") ?? response.header("Content-Location"),
           let id = Self.operationID(fromLocation: location) {
            return id
        }
        if let body = try? client.decode(JSONValue.self, from: response.body),
           let id = body["operation_id"]?.stringValue ?? body["id"]?.stringValue {
            return id
        }
        throw RossumError.failed(what: what, detail: "the answer (HTTP \(response.status)) carries no operation id in Location nor in its body")
    }

    /// `.../operation/64f0c...?x` -> `64f0c...`.
    public static func operationID(fromLocation location: String) -> String? {
        guard let range = location.range(of: "/operation/") ?? location.range(of: "/operation_status/") else { return nil }
        let tail = location[range.upperBound...]
        let id = tail.prefix { !"/?# ".contains($0) }
        return id.isEmpty ? nil : String(id)
    }

    // MARK: Operations

    public func operation(_ id: String) async throws -> DatasetOperation {
        try await client.request("GET", url("operation/\(URLText.percentEncodePathSegment(id))"), as: DatasetOperation.self)
    }

    /// Recent operations (bare list or wrapped in `operations`/`results`).
    public func operations() async throws -> [DatasetOperation] {
        try await client.send(APIRequest("GET", url("operation/"))) { response in
            try client.decode(FlexibleList<DatasetOperation>.self, from: response.body).items
        }
    }

    /// Follows an operation, yielding it on first sight and again on every status change, and
    /// finishing after a terminal status (`OperationPhase`: `finished`, `failed`, `error`,
    /// `cancelled`, `unknown`...; check `.status.phase`).
    /// Up to `toleratedErrors` polls in a row may fail (the service blips); the next error ends the
    /// stream with it. Ends with `RossumError.waitTimedOut` after `timeout` of waiting.
    public func waitForOperation(_ id: String, pollEvery interval: Duration = .seconds(2), timeout: Duration = .seconds(1800),
                                 toleratedErrors: Int = 5) -> AsyncThrowingStream<DatasetOperation, any Error> {
        let hub = self
        let sleep = client.configuration.sleep
        return AsyncThrowingStream { continuation in
            let poller = Task {
                var lastStatus: DatasetOperationStatus?
                var consecutiveErrors = 0
                var waited: Duration = .zero
                do {
                    while true {
                        do {
                            let operation = try await hub.operation(id)
                            consecutiveErrors = 0
                            if operation.status != lastStatus {
                                lastStatus = operation.status
                                continuation.yield(operation)
                            }
                            if operation.status.isTerminal {
                                continuation.finish()
                                return
                            }
                        } catch let error as RossumError {
                            consecutiveErrors += 1
                            if consecutiveErrors > toleratedErrors { throw error }
                        }
                        if waited >= timeout { throw RossumError.waitTimedOut(what: "MDH operation \(id)", seconds: timeout.seconds) }
                        try await sleep(interval)
                        waited += interval
                    }
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in poller.cancel() }
        }
    }

    /// Waits for the operation's end: returns it when it succeeded, throws `RossumError.failed`
    /// when it ended otherwise (failed, error, cancelled, unknown).
    public func waitUntilFinished(_ id: String, pollEvery interval: Duration = .seconds(2), timeout: Duration = .seconds(1800)) async throws -> DatasetOperation {
        var last: DatasetOperation?
        for try await operation in waitForOperation(id, pollEvery: interval, timeout: timeout) { last = operation }
        guard let last else { throw RossumError.failed(what: "MDH operation \(id)", detail: "no status was read") }
        guard last.status.isSuccess else {
            throw RossumError.failed(what: "MDH operation \(id)", detail: "ended \(last.status.rawValue)\(last.error.map { ": \($0)" } ?? "")")
        }
        return last
    }
}

/// A list that servers send bare (`[...]`) or wrapped (`{"results": [...]}`, `{"operations": [...]}`...).
/// Read with the pull reader: the operations list is polled every few seconds by the console.
struct FlexibleList<Item: MDHListItem>: JSONPullDecodable {
    var items: [Item]

    init(reading reader: inout JSONPullReader) throws(JSONPullReader.Failure) {
        let value = try JSONValue(reading: &reader)
        let wrapped = ["results", "operations", "datasets", "result", "data"].lazy.compactMap { value[$0]?.arrayValue }.first
        guard let list = value.arrayValue ?? wrapped else {
            throw JSONPullReader.Failure(offset: 0, reason: "no list in the answer (a bare array, or results/operations/datasets)")
        }
        var items: [Item] = []
        items.reserveCapacity(list.count)
        for (index, element) in list.enumerated() {
            do {
                items.append(try Item(value: element))
            } catch {
                throw JSONPullReader.Failure(offset: 0, reason: "item \(index): \(error.reason)")
            }
        }
        self.items = items
    }
}

/// What `FlexibleList` holds: built from one element's JSON.
protocol MDHListItem {
    init(value: JSONValue) throws(MDHShapeProblem)
}

extension DatasetOperation: MDHListItem {}
extension Dataset: MDHListItem {}
