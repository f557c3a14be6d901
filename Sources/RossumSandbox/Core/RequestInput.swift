import Foundation
import Hummingbird

/// Reading what a client sent: bodies (JSON, form-encoded, multipart) and query parameters,
/// with errors that say what is wrong instead of crashing or answering 500.
enum RequestInput {
    static let maximumBodySize = 50 * 1024 * 1024

    /// The whole body: refused with 413 past the limit, 400 (closing the connection) when it
    /// cannot be read.
    static func body(of request: inout Request) async throws -> Data {
        do throws(RequestBody.Failure) {
            return Data(buffer: try await RequestBody.collect(&request, upTo: maximumBodySize))
        } catch .tooLarge {
            throw SandboxHTTPError.payloadTooLarge
        } catch .unreadable(let reason) {
            throw SandboxHTTPError(.badRequest, detail: RequestBody.detail(reason), headers: RequestBody.closingHeaders)
        }
    }

    /// A JSON object body (an empty body counts as `{}`).
    static func jsonObject(of request: inout Request) async throws -> [String: JSONValue] {
        let data = try await body(of: &request)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [:] }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            var result: [String: JSONValue] = [:]
            for (key, value) in formPairs(String(decoding: data, as: UTF8.self)) { result[key] = .string(value) }
            return result
        }
        guard case .object(let object) = try JSONValue.parse(data) else {
            throw SandboxHTTPError.badRequest("Invalid data. Expected a dictionary, but got a different type.")
        }
        return object.mapValues { $0.normalizingReferences(apiBase: RequestURLs.apiBase(of: request)) }
    }

    /// `a=1&b=x+y&c=%C3%A9` as ordered pairs, decoding `+` and percent escapes.
    static func formPairs(_ text: String) -> [(String, String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decodeFormComponent(parts[0])
            let value = parts.count > 1 ? decodeFormComponent(parts[1]) : ""
            return (key, value)
        }
    }

    static func decodeFormComponent(_ component: Substring) -> String {
        let spaced = component.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

/// The query string of a request, decoded once; repeated keys keep their last value,
/// and empty values (which the Python SDK sends, e.g. `ordering=`) count as absent.
struct QueryParameters: Sendable {
    private(set) var values: [String: String] = [:]

    init(_ request: Request) {
        for (key, value) in RequestInput.formPairs(request.uri.query ?? "") { values[key] = value }
    }

    init(values: [String: String]) { self.values = values }

    subscript(key: String) -> String? {
        guard let value = values[key], !value.isEmpty else { return nil }
        return value
    }

    /// A comma-separated list (`status=to_review,postponed`); empty items dropped.
    func list(_ key: String) -> [String]? {
        guard let value = self[key] else { return nil }
        let items = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return items.isEmpty ? nil : items
    }

    /// A comma-separated list of ids or resource URLs; a malformed item is a 400.
    func idList(_ key: String) throws -> [Int]? {
        guard let items = list(key) else { return nil }
        return try items.map { item in
            guard let id = JSONValue.idFromURL(item) else {
                throw SandboxHTTPError.fieldErrors([key: "Enter a whole number or a URL; \"\(item)\" is neither."])
            }
            return id
        }
    }

    func flag(_ key: String) -> Bool {
        guard let value = self[key]?.lowercased() else { return false }
        return value == "true" || value == "1" || value == "yes"
    }

    func positiveInt(_ key: String) throws -> Int? {
        guard let value = self[key] else { return nil }
        guard let number = Int(value), number > 0 else {
            throw SandboxHTTPError(.notFound, detail: "Invalid page.")
        }
        return number
    }
}
