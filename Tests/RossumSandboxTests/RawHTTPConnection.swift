import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection for the tests that must send what no HTTP client sends: HTTP/1.0,
/// broken chunks, bodies shorter than announced, odd `Host` headers, stalled requests.
/// Every wait has a deadline; nothing blocks without one. The socket calls block, so they run
/// on a dispatch queue: a blocked cooperative thread would starve the in-process server.
/// One test drives one connection, one call at a time (hence the unchecked Sendable).
final class RawHTTPConnection: @unchecked Sendable {
    private static let blockingCalls = DispatchQueue(label: "raw-http-connection", attributes: .concurrent)
    private let socketDescriptor: Int32
    private var received = Data()
    private(set) var closedByPeer = false

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// An HTTP response as read off the wire.
    struct Response: Sendable {
        var statusLine: String
        var headers: [(String, String)]
        var body: Data

        var status: Int { Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0 }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Connects to `http://127.0.0.1:PORT` (or another numeric IPv4 host) taken from `baseURL`.
    init(baseURL: String) throws {
        guard let url = URL(string: baseURL), let port = url.port else { throw Failure(description: "no port in \(baseURL)") }
        let host = url.host == "0.0.0.0" ? "127.0.0.1" : (url.host ?? "127.0.0.1")
        socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw Failure(description: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(socketDescriptor)
            throw Failure(description: "not an IPv4 address: \(host)")
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socketDescriptor)
            throw Failure(description: "connect() failed: \(errno)")
        }
    }

    deinit { close(socketDescriptor) }

    func send(_ text: String) async throws { try await send(Data(text.utf8)) }

    func send(_ data: Data) async throws {
        try await offload { try self.sendBlocking(data) }
    }

    /// Reads one response framed by `Content-Length` (or by the connection closing); nil when the
    /// connection closed before a whole head arrived. Throws when the deadline passes first.
    func readResponse(timeout: Duration = .seconds(5)) async throws -> Response? {
        try await offload { try self.readResponseBlocking(timeout: timeout) }
    }

    /// True when the server closes the connection before the deadline (any bytes sent before are kept).
    func waitForClose(timeout: Duration = .seconds(5)) async throws -> Bool {
        try await offload { try self.waitForCloseBlocking(timeout: timeout) }
    }

    private func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Self.blockingCalls.async { continuation.resume(with: Result { try work() }) }
        }
    }

    private func sendBlocking(_ data: Data) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.send(socketDescriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                guard written > 0 else { throw Failure(description: "send() failed: \(errno)") }
                offset += written
            }
        }
    }

    /// Tells the server nothing more is coming (the request may still be answered).
    func finishSending() { shutdown(socketDescriptor, Int32(SHUT_WR)) }

    private func readResponseBlocking(timeout: Duration) throws -> Response? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let headEnd = received.range(of: Data("\r\n\r\n".utf8)) {
                let head = String(decoding: received[..<headEnd.lowerBound], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst()
                let headers = lines.compactMap { line -> (String, String)? in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }
                let bodyStart = headEnd.upperBound
                let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) }
                if let length, received.count - bodyStart >= length {
                    let body = received[bodyStart..<(bodyStart + length)]
                    received = Data(received[(bodyStart + length)...])
                    return Response(statusLine: statusLine, headers: headers, body: Data(body))
                } else if closedByPeer {
                    // Closed before the announced length (a HEAD answer, or a cut body): what arrived is the body.
                    let body = received[bodyStart...]
                    received = Data()
                    return Response(statusLine: statusLine, headers: headers, body: Data(body))
                }
            } else if closedByPeer {
                return nil
            }
            try receiveMore(until: deadline)
        }
    }

    private func waitForCloseBlocking(timeout: Duration) throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !closedByPeer {
            do { try receiveMore(until: deadline) } catch is Failure { return false }
        }
        return true
    }

    private func receiveMore(until deadline: ContinuousClock.Instant) throws {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { throw Failure(description: "timed out waiting for the server") }
        var descriptor = pollfd(fd: socketDescriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(clamping: remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
        let ready = poll(&descriptor, 1, milliseconds)
        guard ready > 0 else {
            if ready == 0 { throw Failure(description: "timed out waiting for the server") }
            return
        }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(socketDescriptor, &buffer, buffer.count, 0)
        if count > 0 {
            received.append(contentsOf: buffer[0..<count])
        } else {
            closedByPeer = true
        }
    }
}
