import Foundation

/// Whether the sandbox listens only on the loopback interface. Off loopback, anyone on the
/// network can reach it, so the admin endpoint (which can fault or stall every call) needs the
/// admin's credentials, and the start says so.
extension SandboxConfiguration {
    public var isLoopbackOnly: Bool { Self.isLoopback(host) }

    /// A warning to show at start when the sandbox is reachable from other machines, else nil.
    public var exposureWarning: String? {
        guard !isLoopbackOnly else { return nil }
        return """
            listening on \(host), reachable beyond this machine: anyone who can connect can use the demo \
            credentials and the data. The fault endpoint /api/v1/_sandbox/faults now requires the admin \
            login (\(username), as a Bearer token or Basic credentials).
            """
    }

    /// `localhost`, `127.0.0.0/8`, `::1` and IPv4-mapped `::ffff:127.x.x.x`.
    static func isLoopback(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" { return true }
        var ipv4 = in_addr()
        if inet_pton(AF_INET, name, &ipv4) == 1 {
            return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127
        }
        var ipv6 = in6_addr()
        guard inet_pton(AF_INET6, name, &ipv6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: ipv6) { Array($0) }
        let isIPv6Loopback = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
        let isMappedIPv4Loopback = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
        return isIPv6Loopback || isMappedIPv4Loopback
    }
}
