import Foundation
import NIOCore
import Testing
@testable import RossumKit

/// How `downloadCollection` overlaps its requests, checked against a fake Data Storage that pages
/// by `_id` like the real one.
@Suite struct PipelinedDownloadTests {
    /// Records `{"_id": n, "n": "record n"}` for n in 1...total, paged by `{"_id": {"$gt": last}}`.
    static func page(of request: HTTPRequestData, total: Int) throws -> HTTPResponseData {
        let body = try JSONDecoder().decode(JSONValue.self, from: Data(request.body ?? []))
        let after = body["query"]?["_id"]?["$gt"]?.intValue ?? 0
        let limit = body["limit"]?.intValue ?? 0
        let ids = (after + 1)...max(after + 1, min(total, after + limit))
        let records = after >= total ? [] : ids.map { #"{"_id": \#($0), "n": "record \#($0)"}"# }
        return json(200, #"{"code": "ok", "message": "", "result": ["# + records.joined(separator: ", ") + "]}")
    }

    /// Waits (up to a deadline) until `condition` holds.
    static func waitUntil(_ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            if ContinuousClock.now > deadline { return false }
            try await Task.sleep(for: .milliseconds(1))
        }
        return true
    }

    @Test func countTravelsWithTheFirstPageAndPagesFollowTheLastID() async throws {
        let total = 10
        let transport = FakeTransport { request, _ in try Self.page(of: request, total: total) }
        // The count answers only once the first page has been asked for: a download that waited
        // for the count before asking for records would never get its answer.
        let gated = FakeTransport { request, _ in
            if request.url.hasSuffix("data/aggregate") {
                let pageAsked = try await Self.waitUntil { transport.requests.contains { $0.url.hasSuffix("data/find") } }
                return json(pageAsked ? 200 : 504, #"{"code": "ok", "result": [{"count": \#(total)}]}"#)
            }
            return try await transport.send(request, timeout: .seconds(1), maxBodyBytes: .max)
        }
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"), configuration: .instant(retries: 1), transport: gated)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pipelined-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }

        let summary = try await client.dataStorage.downloadCollection("c", to: file, batchSize: 3)

        #expect(summary.total == total)
        #expect(summary.records == total)
        #expect(summary.pages == 4)
        let records = try JSONDecoder().decode([JSONValue].self, from: Data(contentsOf: file))
        #expect(records.map { $0["_id"]?.intValue } == Array(1...total))
        // each page after the last _id of the one before, the last (empty) page ending the download
        let afters = transport.requests.map { request -> Int? in
            let body = try? JSONDecoder().decode(JSONValue.self, from: Data(request.body ?? []))
            return body?["query"]?["_id"]?["$gt"]?.intValue
        }
        #expect(afters == [nil, 3, 6, 9, 10])
    }

    @Test func aFailedWriteEndsTheDownloadWithThePageRequestedAhead() async throws {
        let transport = FakeTransport { request, _ in try Self.page(of: request, total: 100) }
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"), configuration: .instant(retries: 1), transport: transport)
        // A handle open for reading only: the first write fails.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("read-only-\(UUID().uuidString)")
        #expect(FileManager.default.createFile(atPath: path.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: path) }
        let handle = try FileHandle(forReadingFrom: path)
        defer { try? handle.close() }
        // the write's own errno, so a caller can tell a full disk from a closed pipe
        let error = await #expect(throws: POSIXError.self) {
            _ = try await client.dataStorage.downloadCollection("c", to: handle, format: .ndjson, batchSize: 10)
        }
        #expect(error?.code == .EBADF)
        // the first page and at most the one requested ahead of its write, never the rest
        #expect(transport.requests.filter { $0.url.hasSuffix("data/find") }.count <= 2)
    }
}
