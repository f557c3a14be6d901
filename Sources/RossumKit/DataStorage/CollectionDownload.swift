import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// How downloaded records are laid out in the file.
public enum DownloadFormat: String, Sendable, CaseIterable {
    /// One JSON array: `[{...},{...}]`.
    case jsonArray
    /// One record per line.
    case ndjson
}

/// Where a download stands, reported after each page.
public struct DownloadProgress: Sendable, Equatable {
    public var records: Int
    /// Records matching the query when the download started (nil when it could not be counted).
    public var total: Int?
    public var bytes: Int
    public var pages: Int
    /// Page requests that failed and were tried again.
    public var retries: Int
}

extension DataStorage {
    /// Streams every record of `collection` matching `query` into the file at `destination`
    /// (written to `destination.part`, renamed on success so a failed download never leaves a
    /// truncated file in its place). See the `FileHandle` variant for the details.
    @discardableResult
    public func downloadCollection(
        _ collection: String, query: JSONValue = [:], projection: JSONValue? = nil, to destination: URL,
        format: DownloadFormat = .jsonArray, batchSize: Int = 2500,
        progress: (@Sendable (DownloadProgress) -> Void)? = nil
    ) async throws -> DownloadProgress {
        let partial = destination.appendingPathExtension("part")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
            throw RossumError.configuration("cannot create \(partial.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: partial)
            let summary: DownloadProgress
            do {
                summary = try await downloadCollection(collection, query: query, projection: projection, to: handle, format: format,
                                                       batchSize: batchSize, progress: progress)
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            // rename(2) replaces an existing file atomically; Foundation's replaceItemAt fails on
            // Linux when the destination exists, and moveItem refuses to overwrite.
            guard rename(partial.path, destination.path) == 0 else {
                let reason = String(cString: strerror(errno))
                throw RossumError.configuration("cannot move the download to \(destination.path): \(reason)")
            }
            return summary
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    /// Streams every record of `collection` matching `query` to `handle`, page by page, without
    /// holding the collection in memory.
    ///
    /// Pages are read in `_id` order with keyset pagination (`{_id: {$gt: last}}`) rather than
    /// `skip`, so a page that fails and is fetched again can neither skip nor repeat a record, and
    /// late pages cost no more than early ones. The next page is requested as soon as the current
    /// one's last `_id` is known, so the server prepares it while this page is written (at most
    /// two pages are held at once). A page that fails, or comes back cut short, is asked again
    /// under the client's retry policy (its time budget, per page).
    /// Records are copied byte for byte as the server sent them; `_id` is always fetched (the
    /// keyset needs it) and cut out of the records when `projection` excludes it.
    @discardableResult
    public func downloadCollection(
        _ collection: String, query: JSONValue = [:], projection: JSONValue? = nil, to handle: FileHandle,
        format: DownloadFormat = .jsonArray, batchSize: Int = 2500,
        progress: (@Sendable (DownloadProgress) -> Void)? = nil
    ) async throws -> DownloadProgress {
        guard batchSize > 0 else { throw RossumError.configuration("batchSize must be positive") }
        let (sentProjection, stripID) = Self.keysetProjection(projection)
        let request = PageRequest(collection: collection, query: query, projection: sentProjection, format: format,
                                  stripID: stripID, batchSize: batchSize)
        var state = DownloadProgress(records: 0, total: nil, bytes: 0, pages: 0, retries: 0)
        var file = FileDescriptorWriter(handle)

        // The count and the first page travel together.
        async let counted = try? await count(collection, query: query)
        async let firstPage = fetchPage(request, after: nil)
        state.total = await counted
        progress?(state)

        if format == .jsonArray { try file.write("[") }
        var fetched = try await firstPage
        while fetched.page.count > 0 {
            try Task.checkCancellation()
            let page = fetched.page
            state.retries += fetched.retries
            guard let lastID = page.lastID else {
                throw RossumError.decoding(type: "Data Storage record", path: "result[\(page.count - 1)]._id",
                                           reason: "records without _id cannot be paged through safely", snippet: "")
            }
            async let nextPage = fetchPage(request, after: lastID)
            try file.write(page)
            state.bytes = file.bytesWritten
            state.records += page.count
            state.pages += 1
            progress?(state)
            fetched = try await nextPage
        }
        state.retries += fetched.retries
        if format == .jsonArray { try file.write("]") }
        state.bytes = file.bytesWritten
        progress?(state)
        return state
    }

    /// What every page request of one download shares.
    struct PageRequest: Sendable {
        var collection: String
        var query: JSONValue
        var projection: JSONValue?
        var format: DownloadFormat
        var stripID: Bool
        var batchSize: Int
    }

    /// The page after `lastID` (the first page when nil), with how many failed tries it took.
    /// Copying the records out of the answer is part of each try, so a cut-short answer is one
    /// more failed try, retried like a lost connection.
    private func fetchPage(_ request: PageRequest, after lastID: JSONValue?) async throws -> (page: CopiedPage, retries: Int) {
        let body = Self.findBody(request.collection, query: Self.keysetQuery(request.query, after: lastID), projection: request.projection,
                                 sort: ["_id": 1], skip: 0, limit: request.batchSize)
        let answer = try await client.sendCounting(self.request("data/find", body, idempotent: true)) { [client] response in
            try Self.copyRecords(from: response.body, format: request.format, stripID: request.stripID, first: lastID == nil, client: client)
        }
        return (answer.value, answer.retries)
    }

    /// The projection to send (never excluding `_id`) and whether `_id` must be cut from records.
    static func keysetProjection(_ projection: JSONValue?) -> (JSONValue?, Bool) {
        guard var object = projection?.objectValue, let idSpec = object["_id"] else { return (projection, false) }
        let excludes = idSpec == .number(0) || idSpec == .bool(false)
        guard excludes else { return (projection, false) }
        object["_id"] = nil
        return (object.isEmpty ? nil : .object(object), true)
    }

    static func keysetQuery(_ query: JSONValue, after lastID: JSONValue?) -> JSONValue {
        guard let lastID else { return query }
        let condition: JSONValue = ["_id": ["$gt": lastID]]
        if query.objectValue?.isEmpty ?? true { return condition }
        return ["$and": [query, condition]]
    }
}
