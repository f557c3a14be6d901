import Foundation
import Hummingbird
import NIOCore

/// The `Host` header becomes part of every absolute URL the sandbox serves (resource URLs,
/// `pagination.next`, MDH `Location`), as on Rossum. It is the client's text, so it is used
/// only when it is a syntactically valid `host[:port]`; otherwise (or when it is missing, as
/// HTTP/1.0 allows) the request is given the address the connection actually reached.
struct TrustedHostMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let authority = request.head.authority, TrustedHost.isValidAuthority(authority) {
            return try await next(request, context)
        }
        var head = request.head
        head.authority = TrustedHost.authority(of: context.channel.localAddress)
        return try await next(Request(head: head, body: request.body), context)
    }
}

enum TrustedHost {
    /// `name`, `name:port`, `1.2.3.4:port`, `[v6]:port`; labels of letters, digits, `-` and `_`.
    static func isValidAuthority(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 260 else { return false }
        var host = Substring(text)
        if let colon = text.lastIndex(of: ":"), !text.hasSuffix("]"), text.hasPrefix("[") || !text[..<colon].contains(":") {
            let port = text[text.index(after: colon)...]
            guard (1...5).contains(port.count), port.allSatisfy(\.isASCIIDigit), let number = Int(port), number <= 65_535 else {
                return false
            }
            host = text[..<colon]
        }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { return false }
            var address = in6_addr()
            return inet_pton(AF_INET6, String(host.dropFirst().dropLast()), &address) == 1
        }
        return isValidName(host)
    }

    private static func isValidName(_ host: Substring) -> Bool {
        guard !host.isEmpty, host.count <= 253 else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard let first = label.first, let last = label.last, label.count <= 63 else { return false }
            return first.isASCIIAlphanumeric && last.isASCIIAlphanumeric
                && label.allSatisfy { $0.isASCIIAlphanumeric || $0 == "-" || $0 == "_" }
        }
    }

    /// `127.0.0.1:8080` or `[::1]:8080` for the local end of a connection.
    static func authority(of address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress else { return "127.0.0.1" }
        let host = ip.contains(":") ? "[\(ip)]" : ip
        return address.port.map { "\(host):\($0)" } ?? host
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIIAlphanumeric: Bool { isASCII && (isLetter || isNumber) }
}
