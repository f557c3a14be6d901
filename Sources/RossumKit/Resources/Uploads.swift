import Foundation

/// A file to upload: its name and bytes.
public struct UploadFile: Sendable {
    public var filename: String
    public var data: [UInt8]
    public var contentType: String

    public init(filename: String, data: [UInt8], contentType: String = "application/octet-stream") {
        self.filename = filename
        self.data = data
        self.contentType = contentType
    }

    /// Reads the file at `url`; the upload is named after it unless `filename` says otherwise.
    public init(contentsOf url: URL, filename: String? = nil) throws {
        do {
            self.data = Array(try Data(contentsOf: url))
        } catch {
            throw RossumError.configuration("cannot read \(url.path): \(error.localizedDescription)")
        }
        self.filename = filename ?? url.lastPathComponent
        self.contentType = "application/octet-stream"
    }
}

extension RossumClient {
    /// Uploads: send files to a queue, retrieve an upload.
    public var uploads: ResourceGroup<Upload> { ResourceGroup(client: self, path: "uploads") }
    /// Asynchronous server tasks: retrieve, wait until done.
    public var tasks: ResourceGroup<RossumTask> { ResourceGroup(client: self, path: "tasks") }
}

extension ResourceGroup where Model == Upload {
    /// Uploads each file to `queueID` (`POST uploads?queue=`, concurrently) and returns the task
    /// tracking each. `values` and `metadata` are attached to every file.
    ///
    /// An upload is not idempotent: it is retried only when the server cannot have taken it
    /// (connection refused, 429, 503).
    public func upload(queueID: Int, files: [UploadFile], values: JSONValue? = nil, metadata: JSONValue? = nil) async throws -> [RossumTask] {
        try await withThrowingTaskGroup(of: (Int, RossumTask).self) { group in
            for (index, file) in files.enumerated() {
                group.addTask {
                    (index, try await self.uploadOne(queueID: queueID, file: file, values: values, metadata: metadata))
                }
            }
            var tasks = [RossumTask?](repeating: nil, count: files.count)
            for try await (index, task) in group { tasks[index] = task }
            return tasks.compactMap { $0 }
        }
    }

    private func uploadOne(queueID: Int, file: UploadFile, values: JSONValue?, metadata: JSONValue?) async throws -> RossumTask {
        var form = MultipartForm()
        form.addFile("content", filename: file.filename, contentType: file.contentType, data: file.data)
        // The API wants an empty filename on the JSON parts, or it answers "Value must be valid JSON".
        if let values { form.addFile("values", filename: "", contentType: "application/json", data: JSONWriter.bytes(values)) }
        if let metadata { form.addFile("metadata", filename: "", contentType: "application/json", data: JSONWriter.bytes(metadata)) }
        let answer = try await client.request("POST", "uploads", query: ["queue": QueryValue(queueID)], body: .multipart(form), as: JSONValue.self)
        guard let taskURL = answer["url"]?.stringValue, let taskID = URLText.id(in: taskURL) else {
            throw RossumError.decoding(type: "UploadAnswer", path: "url", reason: "no task URL in the answer", snippet: answer.description)
        }
        return try await client.tasks.retrieve(taskID)
    }
}

extension ResourceGroup where Model == RossumTask {
    /// The task, without following the redirect a succeeded task answers with (`no_redirect=True`).
    public func retrieve(_ id: Int) async throws -> RossumTask {
        try await client.request("GET", "tasks/\(id)", query: ["no_redirect": "True"], as: RossumTask.self)
    }

    /// Polls until the task succeeds (returned) or fails (`RossumError.failed`), giving up after `timeout`.
    public func waitUntilDone(_ id: Int, pollEvery interval: Duration = .seconds(3), timeout: Duration = .seconds(300)) async throws -> RossumTask {
        try await poll(id, every: interval, timeout: timeout) { $0.phase.isTerminal }
            .throwingIfFailed()
    }

    /// Polls `retrieve(id)` until `predicate` holds.
    public func poll(_ id: Int, every interval: Duration = .seconds(3), timeout: Duration = .seconds(300),
                     until predicate: @Sendable (RossumTask) -> Bool) async throws -> RossumTask {
        try await client.poll(what: "task \(id)", every: interval, timeout: timeout, fetch: { try await retrieve(id) }, until: predicate)
    }
}

extension RossumTask {
    /// A task without a status has not said it ended: it counts as running.
    public var phase: OperationPhase { status?.phase ?? .running }

    func throwingIfFailed() throws -> RossumTask {
        if phase == .failed {
            let detail = detail.map { $0.stringValue ?? $0.description } ?? ""
            throw RossumError.failed(what: "task \(id)", detail: detail)
        }
        return self
    }

    /// The upload id a succeeded upload task points to.
    public var uploadID: Int? {
        if let url = content?["upload"]?.stringValue { return URLText.id(in: url) }
        if let url = resultURL, url.contains("/uploads/") { return URLText.id(in: url) }
        return nil
    }
}

extension RossumClient {
    /// Fetches repeatedly until `predicate` holds, waiting `interval` between fetches, for at most
    /// `timeout` (measured in waited time, so an injected sleep makes tests instant).
    func poll<T: Sendable>(what: String, every interval: Duration, timeout: Duration,
                           fetch: () async throws -> T, until predicate: (T) -> Bool) async throws -> T {
        var waited: Duration = .zero
        while true {
            let value = try await fetch()
            if predicate(value) { return value }
            if waited >= timeout { throw RossumError.waitTimedOut(what: what, seconds: timeout.seconds) }
            try await configuration.sleep(interval)
            waited += interval
        }
    }
}
