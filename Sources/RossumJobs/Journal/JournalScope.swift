import Foundation

/// Which server and account a journaled job ran against. History is shown per scope, so a
/// console on one server never lists (or resumes) jobs that ran against another.
public struct JournalScope: Sendable, Hashable, Codable {
    /// The API base URL, normalised (`JournalScope.normalizedServer`).
    public var server: String
    /// The username, or the profile's name when the connection uses a token only.
    public var account: String

    public init(server: String, account: String) {
        self.server = Self.normalizedServer(server)
        self.account = account
    }

    /// The scope of a resolved connection.
    public init(settings: ConnectionSettings) {
        let account: String
        switch settings.credentials {
        case .password(let username, _), .usernameOnly(let username): account = username
        case .token, .none: account = settings.profileName
        }
        self.init(server: settings.baseURL, account: account)
    }

    /// One spelling per server: scheme and host lower-cased, user info (which may hold a
    /// password), default port, query, fragment and trailing slashes dropped; the path kept.
    public static func normalizedServer(_ url: String) -> String {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard var components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            return trimmed
        }
        components.scheme = scheme
        components.host = host.lowercased()
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        if (scheme == "https" && components.port == 443) || (scheme == "http" && components.port == 80) { components.port = nil }
        while components.path.hasSuffix("/") { components.path.removeLast() }
        return components.string ?? trimmed
    }
}
