import NIOCore

/// One HTTP exchange as the client sees it. The AsyncHTTPClient implementation is the real one;
/// tests may substitute their own to count attempts without a server.
public protocol HTTPTransport: Sendable {
    /// Sends the request and reads the whole body. Throws `TransportFailure` when no answer came.
    func send(_ request: HTTPRequestData, timeout: Duration, maxBodyBytes: Int) async throws -> HTTPResponseData
    /// Sends the request and hands the body over as it arrives (exports, file content).
    func stream(_ request: HTTPRequestData, timeout: Duration) async throws -> HTTPStreamedResponse
}

public struct HTTPRequestData: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]?

    public init(method: String, url: String, headers: [(String, String)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

public struct HTTPResponseData: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: ByteBuffer

    public init(status: Int, headers: [(String, String)] = [], body: ByteBuffer = ByteBuffer()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.0.lowercased() == lowered }?.1
    }

    /// The body as text, for error messages.
    public var bodyText: String { String(buffer: body) }
}

public struct HTTPStreamedResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: AsyncThrowingStream<ByteBuffer, any Error>

    public init(status: Int, headers: [(String, String)], body: AsyncThrowingStream<ByteBuffer, any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.0.lowercased() == lowered }?.1
    }
}
