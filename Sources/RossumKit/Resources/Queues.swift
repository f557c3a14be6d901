import Foundation
import NIOCore

/// File formats of a queue export.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, xml, xlsx
}

extension RossumClient {
    /// Queues: CRUD plus exports.
    public var queues: ResourceGroup<Queue> { ResourceGroup(client: self, path: "queues") }
}

extension ResourceGroup where Model == Queue {
    /// Exported annotations as JSON, page after page (`queues/{id}/export?format=json`).
    /// With a `to_status` filter the export is a `POST` (it moves the annotations).
    public func exportJSON(_ queueID: Int, filters: QueryItems = [:], maxPages: Int? = nil) -> Paginated<Annotation> {
        var query: QueryItems = ["format": "json", "page_size": QueryValue(client.configuration.pageSize)]
        query = query.appending(filters)
        let method = filters.value(of: "to_status") == nil ? "GET" : "POST"
        let request = APIRequest(method, client.url("queues/\(queueID)/export"), query: query, idempotent: method == "GET")
        return Paginated(client: client, request: request, strategy: .pageNumbers, maxPages: maxPages, decodePage: Page<Annotation>.decode)
    }

    /// The export file (CSV, XML or XLSX) as it streams in, chunk by chunk. `columns` may be given
    /// as a filter.
    public func exportFile(_ queueID: Int, format: ExportFormat, filters: QueryItems = [:]) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        var query: QueryItems = ["format": QueryValue(format.rawValue)]
        query = query.appending(filters)
        let method = filters.value(of: "to_status") == nil ? "GET" : "POST"
        let request = APIRequest(method, client.url("queues/\(queueID)/export"), query: query,
                                 headers: [("Accept", "*/*")], idempotent: method == "GET")
        let response = try await client.stream(request)
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let pump = Task { [client] in
            do {
                for try await chunk in response.body { continuation.yield(Array(chunk.readableBytesView)) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: client.streamedBodyFailure(error, request))
            }
        }
        continuation.onTermination = { _ in pump.cancel() }
        return stream
    }

    /// Writes the export file to `destination`; returns the number of bytes written.
    @discardableResult
    public func exportFile(_ queueID: Int, format: ExportFormat, filters: QueryItems = [:], to destination: URL) async throws -> Int {
        guard FileManager.default.createFile(atPath: destination.path, contents: nil) else {
            throw RossumError.configuration("cannot create \(destination.path)")
        }
        let handle = try FileHandle(forWritingTo: destination)
        defer { try? handle.close() }
        return try await exportFile(queueID, format: format, filters: filters, to: handle)
    }

    /// Writes the export file to `handle` (standard output, say) as it streams in; returns the
    /// number of bytes written. A failed write throws `POSIXError` (`EPIPE`: the reader left).
    @discardableResult
    public func exportFile(_ queueID: Int, format: ExportFormat, filters: QueryItems = [:], to handle: FileHandle) async throws -> Int {
        var writer = FileDescriptorWriter(handle)
        for try await chunk in try await exportFile(queueID, format: format, filters: filters) {
            try writer.write(chunk)
        }
        return writer.bytesWritten
    }
}
