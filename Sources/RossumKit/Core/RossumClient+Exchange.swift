import Foundation
import Logging
import NIOCore

/// An answer read by the engine, and how many attempts failed before it.
struct Exchanged<Value> {
    var value: Value
    var retries: Int
}

/// The engine every request goes through: the auth header, the in-flight cap, redirects
/// (`RedirectRule`), reading the answer, and retries (`RetryPolicy`, by a time budget).
extension RossumClient {
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
                if retryPolicy.shouldRetry(status: code, idempotent: request.idempotent)
                    || retryPolicy.shouldRetry(framingRefusal: code, body: body, closes: header(response, "Connection")?.lowercased() == "close",
                                               idempotent: request.idempotent) {
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
}
