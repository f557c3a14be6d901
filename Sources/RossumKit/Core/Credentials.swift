/// How the client authenticates.
public enum Credentials: Sendable {
    /// Log in lazily at `auth/login` on first use; log in again once when a request gets a 401.
    case credentials(username: String, password: String)
    /// Use this token as is; a 401 fails at once (there is nothing to log in with).
    case token(String)
}

extension Credentials: CustomStringConvertible {
    /// Never shows the password or the token.
    public var description: String {
        switch self {
        case .credentials(let username, _): return "credentials(username: \(username), password: ***)"
        case .token: return "token(***)"
        }
    }
}
