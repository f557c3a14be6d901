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
        format: DownloadFormat = .jsonArray, batchSize: Int = 2500, pageAttempts: Int = 5,
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
                                                       batchSize: batchSize, pageAttempts: pageAttempts, progress: progress)
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
    /// late pages cost no more than early ones. Each page is tried up to `pageAttempts` times with
    /// backoff. Records are copied byte for byte as the server sent them; `_id` is always fetched
    /// (the keyset needs it) and cut out of the records when `projection` excludes it.
    @discardableResult
    public func downloadCollection(
        _ collection: String, query: JSONValue = [:], projection: JSONValue? = nil, to handle: FileHandle,
        format: DownloadFormat = .jsonArray, batchSize: Int = 2500, pageAttempts: Int = 5,
        progress: (@Sendable (DownloadProgress) -> Void)? = nil
    ) async throws -> DownloadProgress {
        guard batchSize > 0, pageAttempts > 0 else { throw RossumError.configuration("batchSize and pageAttempts must be positive") }
        let (sentProjection, stripID) = Self.keysetProjection(projection)
        var state = DownloadProgress(records: 0, total: nil, bytes: 0, pages: 0, retries: 0)
        state.total = try? await count(collection, query: query)
        progress?(state)

        if format == .jsonArray { try write([UInt8(ascii: "[")], to: handle, state: &state) }
        var lastID: JSONValue?
        while true {
            try Task.checkCancellation()
            let body = Self.findBody(collection, query: Self.keysetQuery(query, after: lastID), projection: sentProjection,
                                     sort: ["_id": 1], skip: 0, limit: batchSize)
            let isFirst = state.records == 0
            let page = try await fetchPage(body, attempts: pageAttempts, state: &state) { response in
                try Self.copyRecords(from: response.body, format: format, stripID: stripID, first: isFirst, client: client)
            }
            if page.count == 0 { break }
            guard let next = page.lastID else {
                throw RossumError.decoding(type: "Data Storage record", path: "result[\(page.count - 1)]._id",
                                           reason: "records without _id cannot be paged through safely", snippet: "")
            }
            lastID = next
            try write(page.bytes, to: handle, state: &state)
            state.records += page.count
            state.pages += 1
            progress?(state)
        }
        if format == .jsonArray { try write([UInt8(ascii: "]")], to: handle, state: &state) }
        if format == .ndjson, state.records == 0 { try write([], to: handle, state: &state) }
        progress?(state)
        return state
    }

    private func write(_ bytes: [UInt8], to handle: FileHandle, state: inout DownloadProgress) throws {
        guard !bytes.isEmpty else { return }
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw RossumError.configuration("cannot write the download: \(error.localizedDescription)")
        }
        state.bytes += bytes.count
    }

    /// One page, tried `attempts` times with the client's backoff; each try is a single request
    /// and a cut-short answer (unreadable JSON) counts as a failed try too.
    private func fetchPage(_ body: JSONObject, attempts: Int, state: inout DownloadProgress,
                           copy: (HTTPResponseData) throws -> CopiedPage) async throws -> CopiedPage {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try copy(try await raw("data/find", body, idempotent: true, maxAttempts: 1))
            } catch let error as RossumError {
                let retriable: Bool
                switch error {
                case .http(let status, _, _, _): retriable = RetryPolicy.retriedStatuses.contains(status)
                case .transport, .timeout, .decoding: retriable = true
                default: retriable = false
                }
                guard retriable, attempt < attempts else { throw error }
                state.retries += 1
                client.logger.info("retrying a download page", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
                try await client.configuration.sleep(client.retryPolicy.backoff(afterAttempt: attempt, random: client.configuration.random()))
            }
        }
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

    struct CopiedPage {
        var bytes: [UInt8]
        var count: Int
        var lastID: JSONValue?
    }

    /// Copies the records of a `data/find` answer into file bytes and reads the last `_id`.
    static func copyRecords(from body: ByteBuffer, format: DownloadFormat, stripID: Bool, first: Bool,
                            client: RossumClient) throws -> CopiedPage {
        try body.withUnsafeReadableBytes { raw -> CopiedPage in
            let scanner = RawJSONScanner(bytes: raw)
            var resultStart: Int?
            var code: String?
            var message: String?
            do {
                try scanner.forEachMember(ofObjectAt: 0) { key, _, value in
                    if scanner.equals(key, "result") { resultStart = value.lowerBound }
                    if scanner.equals(key, "code"), raw[value.lowerBound] == UInt8(ascii: "\"") {
                        code = scanner.string((value.lowerBound + 1)..<(value.upperBound - 1))
                    }
                    if scanner.equals(key, "message"), raw[value.lowerBound] == UInt8(ascii: "\"") {
                        message = scanner.string((value.lowerBound + 1)..<(value.upperBound - 1))
                    }
                    return true
                }
                if code?.lowercased() == "error" {
                    throw RossumError.failed(what: "Data Storage data/find", detail: message ?? "")
                }
                guard let resultStart else {
                    throw RossumError.decoding(type: "data/find answer", path: "result", reason: "missing result",
                                               snippet: RossumClient.snippet(of: body, limit: 200))
                }
                let records = try scanner.elements(ofArrayAt: resultStart)
                var out: [UInt8] = []
                out.reserveCapacity(raw.count)
                var lastIDRange: Range<Int>?
                for (index, record) in records.enumerated() {
                    var idMember: Range<Int>?
                    var idValue: Range<Int>?
                    var members: [Range<Int>] = []
                    if raw[record.lowerBound] == UInt8(ascii: "{") {
                        try scanner.forEachMember(ofObjectAt: record.lowerBound) { key, member, value in
                            if stripID { members.append(member) }
                            if scanner.equals(key, "_id") {
                                idMember = member
                                idValue = value
                                return stripID
                            }
                            return true
                        }
                    }
                    if index == records.count - 1 { lastIDRange = idValue }
                    if format == .jsonArray, !(first && index == 0) { out.append(UInt8(ascii: ",")) }
                    let pieces = stripID ? Self.removing(idMember, members: members, from: record) : [record]
                    for piece in pieces {
                        if format == .ndjson {
                            for byte in UnsafeRawBufferPointer(rebasing: raw[piece]) where byte != 0x0A && byte != 0x0D { out.append(byte) }
                        } else {
                            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[piece]))
                        }
                    }
                    if format == .ndjson { out.append(0x0A) }
                }
                var lastID: JSONValue?
                if let lastIDRange {
                    let data = Data(UnsafeRawBufferPointer(rebasing: raw[lastIDRange]))
                    lastID = try JSONDecoder().decode(JSONValue.self, from: data)
                }
                return CopiedPage(bytes: out, count: records.count, lastID: lastID)
            } catch let malformed as RawJSONScanner.Malformed {
                throw RossumError.decoding(type: "data/find answer", path: "", reason: malformed.description,
                                           snippet: RossumClient.snippet(of: body, limit: 200))
            }
        }
    }

    /// The pieces of `record` left once the `_id` member and its comma are cut out.
    static func removing(_ idMember: Range<Int>?, members: [Range<Int>], from record: Range<Int>) -> [Range<Int>] {
        guard let idMember, let position = members.firstIndex(of: idMember) else { return [record] }
        let cut: Range<Int>
        if position + 1 < members.count {
            cut = idMember.lowerBound..<members[position + 1].lowerBound
        } else if position > 0 {
            cut = members[position - 1].upperBound..<idMember.upperBound
        } else {
            cut = idMember
        }
        return [record.lowerBound..<cut.lowerBound, cut.upperBound..<record.upperBound]
    }
}
