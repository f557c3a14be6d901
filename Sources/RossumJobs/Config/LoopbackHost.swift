#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a URL's host is this machine, so plain http:// cannot expose credentials on a
/// network. Only what certainly is loopback counts: `localhost` and names under `.localhost`
/// (RFC 6761 reserves them for it), an IPv4 literal in 127.0.0.0/8 written as four decimal
/// octets, and the IPv6 loopback `::1` (with or without brackets, in any spelling). A name that
/// merely starts like one (`127.attacker.invalid`) is a name like any other.
enum LoopbackHost {
    static func contains(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(".") { name = String(name.dropLast()) }  // a fully qualified "localhost."
        if name == "localhost" || (name.hasSuffix(".localhost") && name.count > ".localhost".count) { return true }
        if let octets = ipv4Octets(name) { return octets[0] == 127 }
        return isIPv6Loopback(name)
    }

    /// The four octets of a dotted-decimal IPv4 literal, or nil for anything else (fewer parts,
    /// hex or octal forms, values over 255, or a name).
    static func ipv4Octets(_ text: String) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [Int] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = Int(part), value <= 255
            else { return nil }
            octets.append(value)
        }
        return octets
    }

    private static func isIPv6Loopback(_ text: String) -> Bool {
        guard text.contains(":") else { return false }
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return false }
        return withUnsafeBytes(of: &address) { bytes in
            bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1
        }
    }
}
