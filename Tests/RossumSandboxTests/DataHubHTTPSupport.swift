import Foundation
import RossumSandbox
import Testing

/// Helpers for driving the MDH and Data Storage routes of an in-process sandbox.
extension SandboxHarness {
    static let mdh = "/svc/master-data-hub/api/v1"
    static let matching = "/svc/data-matching/api/v1"
    static let storage = "/svc/data-storage/api/v1"

    /// A sandbox with `small` demo data and MDH operations that take milliseconds.
    static func withDataHub<T: Sendable>(
        queued: Duration = .milliseconds(20), processing: Duration = .milliseconds(40),
        _ body: (SandboxHarness) async throws -> T
    ) async throws -> T {
        try await with({ configuration in
            configuration.size = .small
            configuration.dataHubTimings = DataHubTimings(queued: queued, processing: processing)
        }, body)
    }

    /// Sends a multipart/form-data request with text fields (repeatable) and one file part.
    func upload(
        _ method: String, _ path: String, file: Data?, filename: String = "data.json",
        fileType: String = "application/json", fields: [(String, String)] = [], authorized: Bool = true
    ) async throws -> TestResponse {
        let boundary = "sandbox-boundary-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        if let file {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: \(fileType)\r\n\r\n".utf8))
            body.append(file)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await request(method, path, body: body, contentType: "multipart/form-data; boundary=\(boundary)", authorized: authorized)
    }

    func uploadJSON(_ method: String, dataset: String, _ records: Any, fields: [(String, String)] = [], prefix: String = mdh) async throws -> TestResponse {
        try await upload(method, "\(prefix)/dataset/\(dataset)", file: try JSONSerialization.data(withJSONObject: records), fields: fields)
    }

    /// Follows a 202's Location header until the operation ends; returns the statuses seen and the final object.
    func waitForOperation(_ accepted: TestResponse, timeout: Duration = .seconds(5)) async throws -> (seen: [String], operation: [String: Any]) {
        #expect(accepted.status == 202, "expected 202, got \(accepted.status): \(accepted.text)")
        let location = try #require(accepted.headers.first(name: "Location"))
        var seen: [String] = []
        var last: [String: Any] = [:]
        let ended = try await eventually(timeout: timeout) {
            let response = try await get(location)
            last = response.object
            let status = last["status"] as? String ?? "?"
            if seen.last != status { seen.append(status) }
            return status == "finished" || status == "failed"
        }
        #expect(ended, "operation did not end: \(last)")
        return (seen, last)
    }

    /// `data/find` and its `result` array.
    func find(_ body: [String: Any]) async throws -> [[String: Any]] {
        let response = try await post(Self.storage + "/data/find", json: body)
        #expect(response.status == 200, "find failed: \(response.text)")
        #expect(response.object["code"] as? String == "ok")
        return response.object["result"] as? [[String: Any]] ?? []
    }

    func records(_ collection: String, sortedBy key: String) async throws -> [[String: Any]] {
        try await find(["collectionName": collection, "query": [:], "projection": ["_id": 0], "sort": [key: 1]])
    }
}

extension [String: Any] {
    var summary: [String: Any] { self["summary"] as? [String: Any] ?? [:] }
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
}
