import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// `HTTPTransport` over AsyncHTTPClient, sharing one connection pool per pool size for the
/// whole process (pools live as long as the process, so no client ever has to be shut down).
public struct AsyncHTTPTransport: HTTPTransport {
    let client: HTTPClient

    /// A transport whose pool keeps at least `connections` connections per host. A refused or
    /// unreachable host fails after `connectTimeout` (the pool keeps trying until then); a
    /// connection silent for `readTimeout` fails whatever it was waiting for.
    public init(connections: Int, connectTimeout: Duration = .seconds(5), readTimeout: Duration = .seconds(30)) {
        client = SharedHTTPClients.client(connections: max(connections, 8), connectTimeout: connectTimeout, readTimeout: readTimeout)
    }

    /// `timeout` is a deadline for the whole answer. AsyncHTTPClient's own deadline ends when
    /// the headers arrive, so a body that trickles or stalls is raced against it here.
    public func send(_ request: HTTPRequestData, timeout: Duration, maxBodyBytes: Int) async throws -> HTTPResponseData {
        try await WholeAnswerDeadline.run(timeout) { [self] in
            let response = try await execute(request, timeout: timeout)
            do {
                let body = try await response.body.collect(upTo: maxBodyBytes)
                return HTTPResponseData(status: Int(response.status.code), headers: Array(response.headers.map { ($0.name, $0.value) }), body: body)
            } catch {
                throw Self.failure(from: error, phase: .unknown)
            }
        }
    }

    public func stream(_ request: HTTPRequestData, timeout: Duration) async throws -> HTTPStreamedResponse {
        let response = try await execute(request, timeout: timeout)
        let (stream, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream(bufferingPolicy: .bufferingOldest(16))
        let body = response.body
        let pump = Task {
            do {
                for try await chunk in body { continuation.yield(chunk) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: Self.failure(from: error, phase: .unknown))
            }
        }
        continuation.onTermination = { _ in pump.cancel() }
        return HTTPStreamedResponse(status: Int(response.status.code), headers: Array(response.headers.map { ($0.name, $0.value) }), body: stream)
    }

    private func execute(_ request: HTTPRequestData, timeout: Duration) async throws -> HTTPClientResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .init(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let nanoseconds = Int64(timeout.seconds * 1_000_000_000)
        do {
            return try await client.execute(outgoing, timeout: .nanoseconds(nanoseconds))
        } catch {
            throw Self.failure(from: error, phase: nil)
        }
    }

    /// Sorts AsyncHTTPClient and NIO errors into "nothing was sent" (connection refused, connect
    /// timeout, DNS) and "may have been sent".
    static func failure(from error: any Error, phase knownPhase: TransportFailure.Phase?) -> TransportFailure {
        if let failure = error as? TransportFailure { return failure }
        let reason = String(describing: error)
        var isTimeout = false
        var phase = knownPhase ?? .unknown
        if let clientError = error as? HTTPClientError {
            if clientError == .connectTimeout {
                isTimeout = true
                phase = knownPhase ?? .beforeSending
            } else if [.deadlineExceeded, .readTimeout, .writeTimeout].contains(clientError) {
                isTimeout = true
            }
        } else if let ioError = error as? IOError, knownPhase == nil {
            if [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL].contains(ioError.errnoCode) { phase = .beforeSending }
        } else if knownPhase == nil {
            // NIOConnectionError (NIOPosix) and DNS errors arrive before any byte is written.
            let typeName = String(reflecting: type(of: error))
            if typeName.contains("NIOConnectionError") || typeName.contains("ConnectionError") || reason.contains("connectionRefused") || reason.contains("Connection refused") {
                phase = .beforeSending
            }
        }
        if error is CancellationError { return TransportFailure(phase: .unknown, isTimeout: false, reason: "cancelled") }
        return TransportFailure(phase: phase, isTimeout: isTimeout, reason: plainReason(reason))
    }

    /// NIO's descriptions of the common failures, in a person's words ("connection reset (error
    /// set): Connection refused) (errno: 111)" is a refused connection, not a reset one).
    static func plainReason(_ description: String) -> String {
        let known = [("Connection refused", "connection refused: nothing answers at that address and port"),
                     ("Name or service not known", "unknown host name"), ("nodename nor servname", "unknown host name"),
                     ("Network is unreachable", "network unreachable"), ("No route to host", "no route to the host")]
        return known.first { description.contains($0.0) }?.1 ?? description
    }
}

/// One `HTTPClient` per pool size, created on first use and kept for the life of the process.
enum SharedHTTPClients {
    private static let clients = Mutex<[String: HTTPClient]>([:])

    static func client(connections: Int, connectTimeout: Duration, readTimeout: Duration) -> HTTPClient {
        let connect = max(1, Int64(connectTimeout.seconds * 1000))
        let read = max(1, Int64(readTimeout.seconds * 1000))
        let key = "\(connections)/\(connect)/\(read)"
        return clients.withLock { clients in
            if let existing = clients[key] { return existing }
            var configuration = HTTPClient.Configuration()
            configuration.timeout = HTTPClient.Configuration.Timeout(connect: .milliseconds(connect), read: .milliseconds(read))
            configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
            configuration.decompression = .disabled
            // Redirects are the client's decision (`RedirectRule`): followed here, a write
            // would be replayed to wherever the server pointed, token and all.
            configuration.redirectConfiguration = .disallow
            let created = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[key] = created
            return created
        }
    }
}
