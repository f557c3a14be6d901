import Foundation
import RossumKit

/// `storage download`: the whole collection into one file, never half-written. RossumKit pages
/// through the collection (keyset on `_id`, page retries); this job owns the file policy:
/// a `FILE.part` renamed to `FILE` only when complete, `--resume` of an interrupted NDJSON
/// download, and the count check against the server at the end. Progress goes out as
/// `JobEvent`s (`started`, `resumed`, `downloaded`, then `finished` or `failed`).
public struct CollectionDownloadJob: Sendable {
    /// The job kind in events.
    public static let kind = "storage.download"

    public struct Request: Sendable, Equatable {
        public var collection: String
        /// The destination file; `-` writes to standard output (no rename protection).
        public var outputPath: String
        public var ndjson: Bool
        /// JSON text of the Mongo-style filter.
        public var query: String?
        public var projection: String?
        public var batchSize: Int
        public var resume: Bool

        public init(collection: String, outputPath: String? = nil, ndjson: Bool = false, query: String? = nil,
                    projection: String? = nil, batchSize: Int = 2500, resume: Bool = false) {
            self.collection = collection
            self.outputPath = outputPath ?? "\(collection).\(ndjson ? "ndjson" : "json")"
            self.ndjson = ndjson
            self.query = query
            self.projection = projection
            self.batchSize = batchSize
            self.resume = resume
        }

        public var partialPath: String { outputPath + ".part" }
    }

    public struct Outcome: Sendable, Equatable {
        public var path: String
        public var records: Int
        /// Records already in the partial file when resuming.
        public var resumedRecords: Int
        /// The server's count at the end (nil when it could not be read).
        public var serverCount: Int?
        public var retries: Int
        /// One line: what was written where, and how it compares with the server's count.
        public var text: String

        var summary: JobSummary { JobSummary(records: records, serverCount: serverCount, retries: retries, text: text) }
    }

    public var client: RossumClient
    public var events: JobEventSink

    public init(client: RossumClient, events: @escaping JobEventSink) {
        self.client = client
        self.events = events
    }

    /// Runs the download. Every failure is reported as a `failed` event and thrown as a
    /// `CommandFailure` with its exit code.
    public func run(_ request: Request) async throws -> Outcome {
        do {
            return try await execute(request)
        } catch let failure as InterruptedDownload {
            events(.failed(JobFailure(reason: failure.failure.message, exitStatus: failure.failure.status,
                                      partialPath: request.partialPath, keptRecords: failure.kept)))
            throw failure.failure
        } catch {
            let failure = Self.failure(from: error, target: request.outputPath)
            events(.failed(JobFailure(reason: failure.message, exitStatus: failure.status)))
            throw failure
        }
    }

    /// A failure that left a resumable partial file behind.
    private struct InterruptedDownload: Error {
        var failure: CommandFailure
        var kept: Int
    }

    private func execute(_ request: Request) async throws -> Outcome {
        guard request.batchSize > 0 else { throw CommandFailure(.usage, "--batch-size must be positive") }
        let query = try Self.parseJSON(request.query, option: "--query") ?? [:]
        let projection = try Self.parseJSON(request.projection, option: "--projection")
        if query.objectValue == nil { throw CommandFailure(.usage, "--query must be a JSON object, e.g. '{\"country\": \"CZ\"}'") }
        if let projection, projection.objectValue == nil {
            throw CommandFailure(.usage, "--projection must be a JSON object, e.g. '{\"name\": 1}'")
        }
        let excludesID = projection?["_id"].map { $0 == .number(0) || $0 == .bool(false) } ?? false
        if request.resume {
            guard request.ndjson else { throw CommandFailure(.usage, "--resume needs --ndjson (a JSON array cannot be continued)") }
            guard !excludesID else { throw CommandFailure(.usage, "--resume needs the _id of every record: drop \"_id\": 0 from --projection") }
        }
        // Before any request: a destination that can never be written must not cost a download.
        if request.outputPath != "-" { try Self.checkDestination(request.outputPath) }
        let storage = client.dataStorage
        // A misspelt name would otherwise "succeed" with an empty file.
        do {
            let names = try await storage.collections()
            if !names.contains(request.collection) {
                throw CommandFailure(.unavailable, "no collection named \"\(request.collection)\": check the name (an MDH dataset is a collection of the same name; `rossum-tui mdh datasets` lists them)")
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw Self.failure(from: error)
        }
        events(.started(JobStart(kind: Self.kind, jobID: nil, dataset: request.collection, file: request.outputPath, fileRecords: nil,
                                 format: request.ndjson ? "ndjson" : "json", maxAttempts: 1)))
        if request.outputPath == "-" {
            let outcome = try await download(storage, request, query: query, projection: projection, handle: .standardOutput,
                                             resumedRecords: 0, after: nil)
            events(.finished(outcome.summary))
            return outcome
        }

        let partial = request.partialPath
        var resumedRecords = 0
        var lastID: JSONValue?
        if request.resume {
            guard FileManager.default.fileExists(atPath: partial) else {
                throw CommandFailure(.noInput, "no interrupted download to resume (\(partial) does not exist): run without --resume")
            }
            (resumedRecords, lastID) = try NDJSONTail.prepareForAppend(path: partial)
            events(.resumed(.partialDownload(records: resumedRecords, path: partial)))
        } else {
            try Self.createEmpty(partial, destination: request.outputPath)
        }
        guard let handle = FileHandle(forWritingAtPath: partial) else {
            throw CommandFailure(.cannotCreate, "cannot write \(partial): check the directory's permissions")
        }
        do {
            try handle.seekToEnd()
            let outcome = try await download(storage, request, query: query, projection: projection, handle: handle,
                                              resumedRecords: resumedRecords, after: lastID)
            try handle.synchronize()
            try handle.close()
            guard rename(partial, request.outputPath) == 0 else {
                throw CommandFailure(.cannotCreate, "cannot rename \(partial) to \(request.outputPath): \(String(cString: strerror(errno)))")
            }
            events(.finished(outcome.summary))
            return outcome
        } catch {
            try? handle.close()
            let failure = Self.failure(from: error, target: partial)
            if request.ndjson, !excludesID {
                throw InterruptedDownload(failure: failure, kept: (try? NDJSONTail.countLines(path: partial)) ?? 0)
            }
            unlink(partial)
            throw failure
        }
    }

    private func download(_ storage: DataStorage, _ request: Request, query: JSONValue, projection: JSONValue?,
                          handle: FileHandle, resumedRecords: Int, after lastID: JSONValue?) async throws -> Outcome {
        let pagedQuery = lastID.map { Self.after($0, query: query) } ?? query
        let summary = try await storage.downloadCollection(
            request.collection, query: pagedQuery, projection: projection, to: handle,
            format: request.ndjson ? .ndjson : .jsonArray, batchSize: request.batchSize,
            progress: { [events] progress in
                events(.downloaded(records: resumedRecords + progress.records, total: progress.total.map { resumedRecords + $0 }))
            })
        let written = resumedRecords + summary.records
        let serverCount = try? await storage.count(request.collection, query: query)
        let target = request.outputPath == "-" ? "standard output" : request.outputPath
        let retries = summary.retries == 0 ? "" : " (\(summary.retries) page retries)"
        let text: String
        switch serverCount {
        case .some(let count) where count == written:
            text = "wrote \(written) records to \(target)\(retries); the server counts \(count): complete"
        case .some(let count):
            text = "wrote \(written) records to \(target)\(retries); the server now counts \(count) (the collection changed during the download)"
        case .none:
            text = "wrote \(written) records to \(target)\(retries); the server's count could not be read to check it"
        }
        return Outcome(path: request.outputPath, records: written, resumedRecords: resumedRecords, serverCount: serverCount,
                       retries: summary.retries, text: text)
    }

    static func after(_ id: JSONValue, query: JSONValue) -> JSONValue {
        let condition: JSONValue = ["_id": ["$gt": id]]
        if query.objectValue?.isEmpty ?? true { return condition }
        return ["$and": [query, condition]]
    }

    static func parseJSON(_ text: String?, option: String) throws -> JSONValue? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw CommandFailure(.usage, "\(option) is not valid JSON: \(text.prefix(80))")
        }
    }

    /// Fails when `destination` can never become the file: it is a directory, or its folder
    /// does not exist.
    static func checkDestination(_ destination: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CommandFailure(.cannotCreate, "cannot write \(destination): it is a directory (give a file name, e.g. \(destination)/NAME)")
        }
        let directory = (destination as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: directory.isEmpty ? "." : directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(.cannotCreate, "cannot write \(destination): the directory \(directory) does not exist")
        }
    }

    /// Creates (or empties) the partial file, failing early when the destination cannot be written.
    static func createEmpty(_ partial: String, destination: String) throws {
        try checkDestination(destination)
        let fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw CommandFailure(.cannotCreate, "cannot write \(destination): \(String(cString: strerror(errno))) (choose another -o path)")
        }
        close(fd)
    }

    static func failure(from error: any Error, target: String? = nil) -> CommandFailure {
        if let failure = error as? CommandFailure { return failure }
        if error is CancellationError { return CommandFailure(.interrupted, "download interrupted") }
        if StandardOutputPipe.isClosedPipe(error) { return CommandFailure(.outputClosed, "standard output was closed") }
        if let failed = error as? POSIXError {
            return CommandFailure(.cannotCreate, "cannot write \(target ?? "the download"): \(String(cString: strerror(failed.code.rawValue)))")
        }
        let classified = ErrorClassifier.classify(error)
        if case .http(404, _, _, _)? = error as? RossumError {
            return CommandFailure(.unavailable, "\(classified.message.components(separatedBy: ": check").first ?? classified.message): check the collection name")
        }
        return CommandFailure(classified.status, classified.message)
    }
}
