import Foundation
import HTTPTypes
import Hummingbird

/// An error answered the way Rossum answers it: a status and a `{"detail": ...}` body
/// (or a field-level body such as `{"status": ["..."]}` for validation errors).
public struct SandboxHTTPError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var body: JSONValue
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, body: JSONValue, headers: HTTPFields = [:]) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    public init(_ status: HTTPResponse.Status, detail: String, headers: HTTPFields = [:]) {
        self.init(status, body: ["detail": .string(detail)], headers: headers)
    }

    public var description: String { "HTTP \(status.code): \(body.serialized(apiBase: nil))" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(status, body, apiBase: RequestURLs.apiBase(of: request), headers: headers)
    }

    public static func badRequest(_ detail: String) -> SandboxHTTPError { .init(.badRequest, detail: detail) }
    public static func fieldErrors(_ fields: [String: String]) -> SandboxHTTPError {
        .init(.badRequest, body: .object(fields.mapValues { .array([.string($0)]) }))
    }
    public static let unauthorized = SandboxHTTPError(.unauthorized, detail: "Invalid token.")
    public static let missingCredentials = SandboxHTTPError(
        .unauthorized, detail: "Authentication credentials were not provided.")
    public static let notFound = SandboxHTTPError(.notFound, detail: "Not found.")
    public static func conflict(_ detail: String) -> SandboxHTTPError { .init(.conflict, detail: detail) }
    public static let payloadTooLarge = SandboxHTTPError(
        .contentTooLarge, detail: "Request body is too large (the limit is 50 MB).")
}

/// Builders for the sandbox's responses.
enum JSONResponse {
    static func make(
        _ status: HTTPResponse.Status, _ value: JSONValue, apiBase: String, headers: HTTPFields = [:]
    ) -> Response {
        let buffer = ByteBuffer(bytes: value.serializedBytes(apiBase: apiBase))
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: buffer))
    }

    static func noContent() -> Response { Response(status: .noContent) }
}

/// Absolute URLs are built from the request's `Host`, as Rossum does, so `next` links and
/// resource URLs work for whichever address the client used.
enum RequestURLs {
    static func origin(of request: Request) -> String {
        let authority = request.head.authority ?? "127.0.0.1"
        return "http://\(authority)"
    }

    static func apiBase(of request: Request) -> String { origin(of: request) + "/api/v1" }
}
