import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 connection with the sandbox's rules for ending it: an idle timeout
/// (Hummingbird has none by default, so stalled connections were held forever), and the
/// `ConnectionLifetimeHandler` placed where the HTTP version is still visible.
struct SandboxHTTPChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel
    let requestReadTimeout: TimeAmount

    static func builder(idleTimeout: Duration, requestReadTimeout: Duration) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            SandboxHTTPChannel(
                base: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: TimeAmount(idleTimeout))),
                requestReadTimeout: TimeAmount(requestReadTimeout))
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let requestReadTimeout = requestReadTimeout
        return base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let parser = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try channel.pipeline.syncOperations.addHandler(
                ConnectionLifetimeHandler(requestReadTimeout: requestReadTimeout), position: .after(parser))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
