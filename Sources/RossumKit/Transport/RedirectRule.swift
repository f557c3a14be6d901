import Foundation

/// The one rule for redirects. AsyncHTTPClient follows none by itself; the client asks here.
///
/// GET and HEAD follow a redirect within the same origin (scheme, host and port), at most
/// `maxRedirects` in a row, keeping their headers (the token included: it is the same server).
/// Nothing else is followed: a redirect of any other method, or to another origin, ends the
/// request with the 3xx as an error naming where it pointed. So a write is never sent twice by
/// a redirect, and neither a write nor the token ever reaches a server the client was not
/// pointed at.
enum RedirectRule {
    static let maxRedirects = 5

    /// The absolute URL to request next, or nil when this redirect must not be followed.
    static func target(method: String, from url: String, location: String?) -> String? {
        guard ["GET", "HEAD"].contains(method.uppercased()), let location, !location.isEmpty,
              let base = URL(string: url), let resolved = URL(string: location, relativeTo: base)?.absoluteURL,
              let from = Origin(base), let to = Origin(resolved), from == to
        else { return nil }
        return resolved.absoluteString
    }

    /// Why a redirect was not followed, for the error's detail.
    static func refusal(method: String, from url: String, location: String?) -> String {
        guard let location, !location.isEmpty else { return "a redirect without a Location: not followed" }
        let resolved = URL(string: url).flatMap { URL(string: location, relativeTo: $0)?.absoluteString } ?? location
        if !["GET", "HEAD"].contains(method.uppercased()) {
            return "redirected to \(resolved): not followed (a \(method) is never sent again; check the base URL)"
        }
        return "redirected to \(resolved): not followed (only redirects within the same server are; check the base URL)"
    }

    /// Scheme, host and port, with the scheme's default port filled in.
    struct Origin: Equatable {
        var scheme: String
        var host: String
        var port: Int

        init?(_ url: URL) {
            guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else { return nil }
            guard let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : nil) else { return nil }
            self.scheme = scheme
            self.host = host
            self.port = port
        }
    }
}
