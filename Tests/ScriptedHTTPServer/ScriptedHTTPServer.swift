import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A tiny HTTP/1.1 server on an ephemeral loopback port for tests of what no well-behaved
/// server does: every answer is written byte by byte as the test scripts it (a body that
/// trickles or stalls, headers sent one byte at a time, redirects, empty or wrong-shaped
/// bodies). Each connection carries one exchange and is closed after it (`Connection: close`).
public final class ScriptedHTTPServer: Sendable {
    /// A request as it arrived.
    public struct Request: Sendable {
        public let method: String
        public let uri: String
        public let headers: [(String, String)]
        public let body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    /// One step of writing an answer.
    public enum Step: Sendable {
        case send([UInt8])
        case pause(Duration)
        /// Keep the connection open and say nothing more until the server shuts down.
        case stall
    }

    public typealias Script = @Sendable (Request) -> [Step]

    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// The API base a `RossumClient` is pointed at.
    public var apiURL: String { baseURL + "/api/v1" }

    private let channel: any Channel
    private let serving: Task<Void, Never>
    private let log: RequestLog

    /// Every request received so far, in order.
    public var requests: [Request] { log.all }

    private init(port: Int, channel: any Channel, serving: Task<Void, Never>, log: RequestLog) {
        self.port = port
        self.channel = channel
        self.serving = serving
        self.log = log
    }

    public static func start(_ script: @escaping Script) async throws -> ScriptedHTTPServer {
        let log = RequestLog()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
                    return try NIOAsyncChannel<HTTPServerRequestPart, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let port = server.channel.localAddress?.port ?? 0
        let serving = Task<Void, Never> {
            try? await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask { await serve(connection, script: script, log: log) }
                    }
                }
            }
        }
        return ScriptedHTTPServer(port: port, channel: server.channel, serving: serving, log: log)
    }

    /// Stops listening and drops every connection, stalled ones included.
    public func shutdown() async {
        serving.cancel()
        try? await channel.close()
        await serving.value
    }

    private static func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, ByteBuffer>, script: Script, log: RequestLog) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let received):
                    head = received
                    body = []
                case .body(let chunk):
                    body += Array(chunk.readableBytesView)
                case .end:
                    guard let head else { return }
                    let request = Request(method: head.method.rawValue, uri: head.uri,
                                          headers: head.headers.map { ($0.name, $0.value) }, body: body)
                    log.append(request)
                    for step in script(request) {
                        switch step {
                        case .send(let bytes): try await outbound.write(ByteBuffer(bytes: bytes))
                        case .pause(let duration): try await Task.sleep(for: duration)
                        case .stall: try await Task.sleep(for: .seconds(86_400))
                        }
                    }
                    return
                }
            }
        }
    }

    // MARK: Writing answers

    /// A whole answer: status line, headers (`Content-Type: application/json` unless given),
    /// `Content-Length` of `body`, and the body.
    public static func answer(_ status: Int, _ body: String = "", headers: [(String, String)] = []) -> [Step] {
        [.send(head(status, contentLength: body.utf8.count, headers: headers) + Array(body.utf8))]
    }

    /// The status line and headers only, announcing `contentLength` bytes of body.
    public static func head(_ status: Int, contentLength: Int, headers: [(String, String)] = []) -> [UInt8] {
        var text = "HTTP/1.1 \(status) Scripted\r\nContent-Length: \(contentLength)\r\nConnection: close\r\n"
        if !headers.contains(where: { $0.0.lowercased() == "content-type" }) { text += "Content-Type: application/json\r\n" }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return Array((text + "\r\n").utf8)
    }

    /// `bytes` one at a time, `interval` apart: each byte is news, so no idle timeout fires.
    public static func trickle(_ bytes: [UInt8], every interval: Duration) -> [Step] {
        bytes.flatMap { [Step.pause(interval), .send([$0])] }
    }
}

/// The requests a server received, shared with its connection tasks.
private final class RequestLog: Sendable {
    private let requests = Mutex<[ScriptedHTTPServer.Request]>([])
    func append(_ request: ScriptedHTTPServer.Request) { requests.withLock { $0.append(request) } }
    var all: [ScriptedHTTPServer.Request] { requests.withLock { $0 } }
}
