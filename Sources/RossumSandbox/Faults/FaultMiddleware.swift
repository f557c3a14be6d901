import Hummingbird
import Synchronization

/// Applies the injected faults to every route (the main API and `/svc/...` alike).
///
/// Faults are decided before the handler runs. A request answered with an injected 5xx or
/// 429 never reaches the store, so a client's retry cannot double-apply anything. `drop`
/// and `truncate` need a body to cut: a GET (which changes nothing) is answered by its real
/// handler and then cut; any other method gets a cut error body and is not applied either.
/// `applied_then_drop` is the exception on purpose: the request is applied, and the client
/// never hears so, the case a client must resolve by looking before it sends again.
struct FaultMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext
    let injector: FaultInjector

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let (decision, latency) = injector.decide(method: request.method.rawValue, path: request.uri.path)
        if latency > .zero { try await Task.sleep(for: latency) }
        let apiBase = RequestURLs.apiBase(of: request)
        switch decision {
        case .none:
            return try await next(request, context)
        case .serverError(let status):
            let code = HTTPResponse.Status(code: status)
            return JSONResponse.make(code, ["detail": "Injected fault: \(status) \(code.reasonPhrase)."], apiBase: apiBase)
        case .throttle(let seconds):
            return JSONResponse.make(
                .tooManyRequests, ["detail": "Request was throttled. Expected available in \(seconds) seconds."],
                apiBase: apiBase, headers: [.retryAfter: String(seconds)])
        case .drop, .truncate:
            let response: Response
            if request.method == .get {
                response = try await next(request, context)
            } else {
                response = JSONResponse.make(
                    .serviceUnavailable, ["detail": "Injected fault: this request was not applied."], apiBase: apiBase)
            }
            return try await cut(response, closeConnection: decision == .drop)
        case .appliedThenDrop:
            // Whatever the handler decides (success or a refusal), it has run to the end;
            // then the connection closes before a byte of the answer is written.
            _ = try? await next(request, context)
            try? await context.channel.close()
            return Response(status: .noContent)
        }
    }

    /// Keeps the first half of the body. `truncate` announces the shortened length (a well-formed
    /// response whose JSON does not parse); `drop` announces the full length and closes the
    /// connection after half of it, which clients see as a connection lost mid-response.
    private func cut(_ response: Response, closeConnection: Bool) async throws -> Response {
        let collected = CollectedBody()
        try await response.body.write(BodyCollector(target: collected))
        let full = collected.buffer.withLock { $0 }
        let half = full.getSlice(at: full.readerIndex, length: full.readableBytes / 2) ?? ByteBuffer()
        var headers = response.headers
        if closeConnection {
            headers[.contentLength] = String(full.readableBytes)
            let body = ResponseBody(contentLength: full.readableBytes) { writer in
                try await writer.write(half)
                throw DroppedConnection()
            }
            return Response(status: response.status, headers: headers, body: body)
        }
        headers[.contentLength] = String(half.readableBytes)
        return Response(status: response.status, headers: headers, body: .init(byteBuffer: half))
    }
}

private struct DroppedConnection: Error {}

/// Gathers a response body in memory so the fault middleware can cut it.
private final class CollectedBody: Sendable {
    let buffer = Mutex(ByteBuffer())
}

private struct BodyCollector: ResponseBodyWriter {
    let target: CollectedBody
    mutating func write(_ buffer: ByteBuffer) async throws {
        var incoming = buffer
        target.buffer.withLock { _ = $0.writeBuffer(&incoming) }
    }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
