import NIOCore
import NIOHTTP1

/// Decides when a connection ends. It sits right after NIO's HTTP/1 parser, where the request's
/// HTTP version is still known: Hummingbird's request type drops it, answers every request as
/// HTTP/1.1 and keeps every connection open unless the header says exactly `close`.
///
/// - A request that does not ask to keep the connection (HTTP/1.0 without `keep-alive`, or
///   `Connection: close` in any spelling) gets `Connection: close`, and the connection is closed
///   once the answer is written.
/// - An HTTP/1.0 request is answered as HTTP/1.0 (no chunked framing, which it cannot read); an
///   answer without a length can then only end by closing.
/// - An answer that itself says `Connection: close` (the 400 for a body that could not be read)
///   closes the connection too: what follows on it can no longer be trusted.
/// - A request's body must arrive within `requestReadTimeout` of its head, however slowly it
///   trickles in (the idle timeout alone is reset by every byte).
final class ConnectionLifetimeHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private struct PendingRequest {
        var version: HTTPVersion
        var keepAlive: Bool
    }

    private let requestReadTimeout: TimeAmount
    /// Requests whose answers have not started yet, oldest first (clients may pipeline).
    private var pending: [PendingRequest] = []
    private var closeAfterAnswer = false
    private var closing = false
    private var readDeadline: Scheduled<Void>?

    init(requestReadTimeout: TimeAmount) {
        self.requestReadTimeout = requestReadTimeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(var head):
            let keepAlive = head.isKeepAlive
            pending.append(PendingRequest(version: head.version, keepAlive: keepAlive))
            // Hummingbird stops reading further requests only on exactly "close".
            if !keepAlive { head.headers.replaceOrAdd(name: "connection", value: "close") }
            startReadDeadline(context)
            context.fireChannelRead(wrapInboundOut(.head(head)))
        case .body:
            context.fireChannelRead(data)
        case .end:
            cancelReadDeadline()
            context.fireChannelRead(data)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if closing {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(var head):
            let request = pending.isEmpty ? PendingRequest(version: .http1_1, keepAlive: true) : pending.removeFirst()
            var close = !request.keepAlive || head.headers[canonicalForm: "connection"].contains { $0.lowercased() == "close" }
            if request.version == .http1_0 {
                head.version = .http1_0
                if head.headers["content-length"].isEmpty { close = true }
                if !close { head.headers.replaceOrAdd(name: "connection", value: "keep-alive") }
            }
            if close { head.headers.replaceOrAdd(name: "connection", value: "close") }
            closeAfterAnswer = close
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            guard closeAfterAnswer else {
                context.write(data, promise: promise)
                return
            }
            closing = true
            let written = context.writeAndFlush(data)
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            promise.map { written.cascade(to: $0) }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelReadDeadline()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelReadDeadline()
    }

    private func startReadDeadline(_ context: ChannelHandlerContext) {
        cancelReadDeadline()
        readDeadline = context.eventLoop.assumeIsolated().scheduleTask(in: requestReadTimeout) {
            context.close(promise: nil)
        }
    }

    private func cancelReadDeadline() {
        readDeadline?.cancel()
        readDeadline = nil
    }
}

@available(*, unavailable)
extension ConnectionLifetimeHandler: Sendable {}
