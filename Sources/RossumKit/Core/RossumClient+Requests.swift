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

/// An answer read by the engine, and how many attempts failed before it.
struct Exchanged<Value> {
    var value: Value
    var retries: Int
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

    private func logIn() async throws -> String {
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

    // MARK: - The engine: auth header, in-flight cap, redirects, retries

    /// Sends `request`, retrying per policy, logging in again once on a 401 when it can.
    func send(_ request: APIRequest) async throws -> HTTPResponseData {
        try await send(request) { $0 }
    }

    /// Sends `request` and reads its answer with `read` (decoding, validating its shape). The
    /// read is part of the attempt: an answer cut short or unreadable is retried like a lost
    /// connection when the request may run twice, and reported at once when it may not.
    func send<Value>(_ request: APIRequest, reading read: (HTTPResponseData) throws -> Value) async throws -> Value {
        try await sendCounting(request, reading: read).value
    }

    /// Like `send(_:reading:)`, also saying how many attempts failed before the answer.
    func sendCounting<Value>(_ request: APIRequest, reading read: (HTTPResponseData) throws -> Value) async throws -> Exchanged<Value> {
        try await exchange(
            request,
            { wire in try await self.transport.send(wire, timeout: self.configuration.timeout, maxBodyBytes: self.configuration.maxResponseBytes) },
            status: { $0.status }, header: { $0.header($1) }, errorBody: { $0.body }, read: read)
    }

    /// Like `send`, but the body of a successful answer arrives as a stream.
    func stream(_ request: APIRequest) async throws -> HTTPStreamedResponse {
        try await exchange(request) { wire in
            try await self.transport.stream(wire, timeout: self.configuration.timeout)
        } status: { $0.status } header: { $0.header($1) } errorBody: { response in
            var collected = ByteBuffer()
            do {
                for try await chunk in response.body {
                    var chunk = chunk
                    if collected.readableBytes < 64 * 1024 { collected.writeBuffer(&chunk) }
                }
            } catch {}
            return collected
        } read: { $0 }.value
    }

    private func exchange<Response: Sendable, Value>(
        _ request: APIRequest,
        _ perform: (HTTPRequestData) async throws -> Response,
        status: (Response) -> Int,
        header: (Response, String) -> String?,
        errorBody: (Response) async -> ByteBuffer,
        read: (Response) throws -> Value
    ) async throws -> Exchanged<Value> {
        let encodedBody = try request.body?.encoded()
        var headers = request.headers
        headers.append(("Accept", "application/json"))
        headers.append(("User-Agent", configuration.userAgent))
        if let encodedBody { headers.append(("Content-Type", encodedBody.contentType)) }
        var url = request.fullURL
        var attempt = 0
        var redirects = 0
        var loggedInAgain = false
        // The retry budget counts what the attempts took and the waits between them.
        var spent: Duration = .zero
        let clock = ContinuousClock()

        /// Waits before the next attempt when the policy allows one; false when it does not.
        func mayTryAgain(after delay: Duration, _ what: String, _ detail: Logger.Metadata) async throws -> Bool {
            guard retryPolicy.allowsAttempt(after: attempt, spent: spent, delay: delay) else {
                logger.info("giving up after \(what)", metadata: detail.merging([
                    "method": "\(request.method)", "url": "\(redactor.redact(url))", "attempts": "\(attempt)",
                    "spent_s": "\(spent.seconds)",
                ]) { $1 })
                return false
            }
            logger.info("retrying after \(what)", metadata: detail.merging([
                "method": "\(request.method)", "url": "\(redactor.redact(url))", "attempt": "\(attempt)",
                "delay_s": "\(delay.seconds)",
            ]) { $1 })
            spent += delay
            try await configuration.sleep(delay)
            return true
        }

        while true {
            attempt += 1
            try Task.checkCancellation()
            var wire = HTTPRequestData(method: request.method, url: url, headers: headers, body: encodedBody?.bytes)
            var usedToken: String?
            if request.authenticated {
                let token = try await token()
                usedToken = token
                wire.headers.append(("Authorization", "Bearer \(token)"))
            }
            let outcome: Result<Response, TransportFailure>
            await limiter.acquire()
            let began = clock.now
            do {
                outcome = .success(try await perform(wire))
            } catch let failure as TransportFailure {
                outcome = .failure(failure)
            } catch {
                outcome = .failure(AsyncHTTPTransport.failure(from: error, phase: nil))
            }
            spent += clock.now - began
            await limiter.release()

            switch outcome {
            case .success(let response):
                let code = status(response)
                if code == 401, request.authenticated, !loggedInAgain, await session.canLogIn {
                    loggedInAgain = true
                    attempt -= 1  // the first 401 means "log in again", not a failed attempt
                    logger.info("token rejected, logging in again", metadata: ["url": "\(redactor.redact(url))"])
                    _ = try await session.refresh(replacing: usedToken) { [self] in try await logIn() }
                    continue
                }
                if (300..<400).contains(code) {
                    let location = header(response, "Location")
                    _ = await errorBody(response)
                    if redirects < RedirectRule.maxRedirects,
                       let next = RedirectRule.target(method: request.method, from: url, location: location) {
                        redirects += 1
                        attempt -= 1  // a redirect is a step of the same attempt
                        logger.debug("following a redirect", metadata: ["from": "\(redactor.redact(url))", "to": "\(redactor.redact(next))"])
                        url = next
                        continue
                    }
                    throw redactor.redact(RossumError.http(
                        status: code, method: request.method, url: url,
                        detail: RedirectRule.refusal(method: request.method, from: url, location: location)))
                }
                if code < 400 {
                    do {
                        return Exchanged(value: try read(response), retries: attempt - 1)
                    } catch let error as RossumError {
                        if retryPolicy.shouldRetry(unreadableAnswer: error, idempotent: request.idempotent) {
                            let delay = retryPolicy.backoff(afterAttempt: attempt, random: configuration.random())
                            if try await mayTryAgain(after: delay, "an unreadable answer", ["error": "\(redactor.redact(error.description))"]) {
                                continue
                            }
                        }
                        throw redactor.redact(Self.outcomeUnknown(error, request: request))
                    }
                }
                let body = await errorBody(response)
                if retryPolicy.shouldRetry(status: code, idempotent: request.idempotent) {
                    let delay = retryPolicy.delay(
                        afterAttempt: attempt, retryAfter: header(response, "Retry-After"),
                        now: configuration.now(), random: configuration.random())
                    if try await mayTryAgain(after: delay, "HTTP \(code)", [:]) { continue }
                }
                let error = redactor.redact(RossumError.http(
                    status: code, method: request.method, url: url, detail: Self.detail(from: body)))
                logger.debug("request failed", metadata: ["error": "\(error)"])
                throw error
            case .failure(let failure):
                if Task.isCancelled { throw CancellationError() }
                if retryPolicy.shouldRetry(failure, idempotent: request.idempotent) {
                    let delay = retryPolicy.backoff(afterAttempt: attempt, random: configuration.random())
                    let reason: Logger.Metadata = ["reason": "\(redactor.redact(failure.reason))"]
                    if try await mayTryAgain(after: delay, failure.isTimeout ? "a timeout" : "a transport failure", reason) { continue }
                }
                let error: RossumError = failure.isTimeout
                    ? .timeout(method: request.method, url: url, seconds: configuration.timeout.seconds)
                    : .transport(method: request.method, url: url, reason: failure.reason)
                throw redactor.redact(error)
            }
        }
    }

    /// A streamed body that broke off (silent for longer than the timeout, cut), as the error
    /// an answer read whole would have given.
    func streamedBodyFailure(_ error: any Error, _ request: APIRequest) -> any Error {
        guard let failure = error as? TransportFailure else { return error }
        let url = request.fullURL
        return redactor.redact(failure.isTimeout
            ? .timeout(method: request.method, url: url, seconds: configuration.timeout.seconds)
            : .transport(method: request.method, url: url, reason: failure.reason))
    }

    /// An unreadable answer to a request that must not run twice: the server may have acted on
    /// it, so the error says so instead of letting it pass for "nothing happened".
    static func outcomeUnknown(_ error: RossumError, request: APIRequest) -> RossumError {
        guard !request.idempotent, case .decoding(let type, let path, let reason, let snippet) = error else { return error }
        return .decoding(type: type, path: path,
                         reason: "\(reason); the server may have applied this \(request.method), which is not sent again: check before repeating it",
                         snippet: snippet)
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
