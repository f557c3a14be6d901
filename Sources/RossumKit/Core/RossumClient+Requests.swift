import Foundation
import Logging
import NIOCore

/// A request before authentication and retries are applied.
struct APIRequest: Sendable {
    var method: String
    /// Absolute URL (use `client.url(_:)` / `client.serviceURL(_:)`).
    var url: String
    var query: QueryItems = QueryItems()
    var body: RequestBody? = nil
    var headers: [(String, String)] = []
    /// Whether running it twice is harmless; decides which failures are retried.
    var idempotent: Bool
    var authenticated: Bool = true

    init(_ method: String, _ url: String, query: QueryItems = QueryItems(), body: RequestBody? = nil,
         headers: [(String, String)] = [], idempotent: Bool? = nil, authenticated: Bool = true) {
        self.method = method
        self.url = url
        self.query = query
        self.body = body
        self.headers = headers
        self.idempotent = idempotent ?? ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(method)
        self.authenticated = authenticated
    }

    var fullURL: String { URLText.appendingQuery(query, to: url) }
}

extension RossumClient {
    // MARK: - Escape hatches (the SDK's request_json / request / request_paginated)

    /// Sends a request and returns the JSON answer (`{}` for an empty 204).
    /// `path` is relative to `baseURL` or an absolute URL.
    public func requestJSON(
        _ method: String, _ path: String, query: QueryItems = QueryItems(), body: JSONValue? = nil,
        idempotent: Bool? = nil
    ) async throws -> JSONValue {
        try await send(APIRequest(method, url(path), query: query, body: body.map { .json($0) }, idempotent: idempotent)) { response in
            try jsonAnswer(response)
        }
    }

    /// The answer as JSON: `{}` for 204/205 (no content, as the SDK's `request_json`), else the
    /// body, which must be JSON. An empty 200 is not "no content": something answered that had
    /// nothing to say (a proxy, a cut connection), and the caller must not take it as done.
    func jsonAnswer(_ response: HTTPResponseData) throws -> JSONValue {
        if response.body.readableBytes == 0 {
            if response.status == 204 || response.status == 205 { return .object(JSONObject()) }
            throw RossumError.decoding(type: "JSONValue", path: "", reason: "the answer (HTTP \(response.status)) is empty where JSON was expected",
                                       snippet: "")
        }
        return try decode(JSONValue.self, from: response.body)
    }

    /// Sends a request and decodes the answer as `T`.
    public func request<T: Decodable>(
        _ method: String, _ path: String, query: QueryItems = QueryItems(), body: RequestBody? = nil,
        idempotent: Bool? = nil, as type: T.Type
    ) async throws -> T {
        try await send(APIRequest(method, url(path), query: query, body: body, idempotent: idempotent)) { response in
            try decode(T.self, from: response.body)
        }
    }

    /// Sends a request and reads the answer with `T`'s own `JSONPullReader` code.
    public func request<T: JSONPullDecodable>(
        _ method: String, _ path: String, query: QueryItems = QueryItems(), body: RequestBody? = nil,
        idempotent: Bool? = nil, as type: T.Type
    ) async throws -> T {
        // Read inside the attempt, like `Decodable` answers: a page cut short is retried.
        try await send(APIRequest(method, url(path), query: query, body: body, idempotent: idempotent)) { response in
            try decode(T.self, from: response.body)
        }
    }

    /// Sends a request and returns the raw answer (status, headers, body), e.g. for binary content.
    /// Error statuses still throw `RossumError.http`.
    public func request(
        _ method: String, _ path: String, query: QueryItems = QueryItems(), body: RequestBody? = nil,
        headers: [(String, String)] = [], idempotent: Bool? = nil
    ) async throws -> HTTPResponseData {
        try await send(APIRequest(method, url(path), query: query, body: body, headers: headers, idempotent: idempotent))
    }

    // MARK: - Authentication

    /// Logs in now (with credentials) or checks nothing (with a token); returns the token.
    @discardableResult
    public func authenticate() async throws -> String {
        try await token(refresh: true)
    }

    /// The token in use, logging in first when there is none (or when `refresh` asks for a new one).
    /// With a fixed token, `refresh` cannot mint a new one and returns the same token.
    public func token(refresh: Bool = false) async throws -> String {
        let login: @Sendable () async throws -> String = { [self] in try await logIn() }
        if refresh, await session.canLogIn {
            let current = await session.currentToken()
            return try await session.refresh(replacing: current, login: login)
        }
        return try await session.token(login: login)
    }

    func logIn() async throws -> String {
        guard case .credentials(let username, let password) = session.credentials else {
            throw RossumError.authentication("no credentials to log in with")
        }
        var fields = [("username", username), ("password", password)]
        if let lifetime = configuration.tokenLifetime {
            fields.append(("max_token_lifetime_s", String(Int(lifetime.seconds))))
        }
        let request = APIRequest("POST", url("auth/login"), body: .form(fields), idempotent: true, authenticated: false)
        struct LoginAnswer: Decodable { let key: String }
        let key: String
        do {
            key = try await send(request) { response in try decode(LoginAnswer.self, from: response.body).key }
        } catch RossumError.http(let status, _, _, let detail) where [400, 401, 403].contains(status) {
            throw redactor.redact(RossumError.authentication("login as \(username) rejected (HTTP \(status))\(detail.isEmpty ? "" : ": \(detail)")"))
        }
        redactor.remember(key)
        logger.debug("logged in", metadata: ["username": "\(username)"])
        return key
    }

    /// The server's own words: `detail` or `message` of a JSON error body, else a snippet of it.
    static func detail(from body: ByteBuffer) -> String {
        guard body.readableBytes > 0 else { return "" }
        let data = Data(body.readableBytesView)
        if let value = try? JSONDecoder().decode(JSONValue.self, from: data) {
            if let detail = value["detail"]?.stringValue { return detail }
            if let message = value["message"]?.stringValue, !message.isEmpty { return message }
            return snippet(of: body, limit: 300)
        }
        return snippet(of: body, limit: 300)
    }

    static func snippet(of body: ByteBuffer, limit: Int) -> String {
        let text = String(buffer: body.getSlice(at: body.readerIndex, length: min(body.readableBytes, limit)) ?? ByteBuffer())
        return body.readableBytes > limit ? text + "..." : text
    }

    // MARK: - Decoding

    /// Decodes `T` straight from the response buffer; failures name the type, the coding path and
    /// show the start of the payload.
    func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer) throws -> T {
        do {
            return try body.withUnsafeReadableBytes { raw in
                let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!), count: raw.count, deallocator: .none)
                return try JSONDecoder().decode(T.self, from: data)
            }
        } catch let error as DecodingError {
            throw redactor.redact(Self.decodingError(error, type: T.self, snippet: Self.snippet(of: body, limit: 200)))
        }
    }

    /// Reads `T` straight from the response buffer; failures say where and show the start.
    func decode<T: JSONPullDecodable>(_ type: T.Type, from body: ByteBuffer) throws -> T {
        do {
            return try body.withUnsafeReadableBytes { raw throws(JSONPullReader.Failure) in try T.read(raw) }
        } catch {
            throw redactor.redact(RossumError.decoding(type: String(describing: T.self), path: "byte \(error.offset)",
                                                       reason: error.reason, snippet: Self.snippet(of: body, limit: 200)))
        }
    }

    static func decodingError<T>(_ error: DecodingError, type: T.Type, snippet: String) -> RossumError {
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text
        }
        let typeName = String(describing: T.self)
        switch error {
        case .typeMismatch(let expected, let context):
            return .decoding(type: typeName, path: path(context.codingPath), reason: "expected \(expected)", snippet: snippet)
        case .valueNotFound(let expected, let context):
            return .decoding(type: typeName, path: path(context.codingPath), reason: "missing \(expected) value", snippet: snippet)
        case .keyNotFound(let key, let context):
            return .decoding(type: typeName, path: path(context.codingPath + [key]), reason: "missing key \"\(key.stringValue)\"", snippet: snippet)
        case .dataCorrupted(let context):
            return .decoding(type: typeName, path: path(context.codingPath), reason: "not valid JSON (\(context.debugDescription))", snippet: snippet)
        @unknown default:
            return .decoding(type: typeName, path: "", reason: "\(error)", snippet: snippet)
        }
    }
}
