import Foundation
import GRDB
import Hummingbird

/// The user a request acts for.
public struct AuthenticatedUser: Sendable, Equatable {
    public var id: Int
    public var username: String
    public var organizationID: Int
}

/// Login, logout and the token check shared by every route (including `/svc/...`).
public struct AuthService: Sendable {
    let database: any DatabaseWriter
    let tokenLifetime: Duration

    /// The user behind the request's `Authorization: Bearer <key>` (or `Token <key>`) header;
    /// throws a 401 with `{"detail": ...}` when it is missing, unknown or expired.
    public func authenticatedUser(_ request: Request) async throws -> AuthenticatedUser {
        guard let key = Self.presentedKey(request) else { throw SandboxHTTPError.missingCredentials }
        let now = Date().timeIntervalSince1970
        let found = try await database.read { db -> TokenOwner? in
            // Every request runs this: the statement is prepared once per connection, not parsed each time.
            try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT t.user_id, t.expires_at, c.username, json_extract(o.body, '$.organization') AS organization FROM tokens t
                    JOIN credentials c ON c.user_id = t.user_id
                    LEFT JOIN objects o ON o.kind = 'users' AND o.id = t.user_id
                    WHERE t.key = ?
                    """), arguments: [key]
            ).map { row in
                TokenOwner(
                    userID: row["user_id"], username: row["username"], expiresAt: row["expires_at"],
                    organizationID: Self.referencedID(row["organization"]) ?? 1)
            }
        }
        guard let found else { throw SandboxHTTPError.unauthorized }
        guard found.expiresAt > now else {
            throw SandboxHTTPError(.unauthorized, detail: "Token has expired.")
        }
        return AuthenticatedUser(id: found.userID, username: found.username, organizationID: found.organizationID)
    }

    /// The key of the request's `Authorization: Bearer <key>` (or `Token <key>`) header, unchecked.
    static func presentedKey(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, ["bearer", "token"].contains(parts[0].lowercased()) else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }

    /// The user's `organization` as SQLite extracted it: a stored reference or a bare id.
    /// (Extracting one field in SQL spares decoding the whole user on every request.)
    static func referencedID(_ value: DatabaseValue) -> Int? {
        switch value.storage {
        case .int64(let id): return Int(exactly: id)
        case .string(let text): return JSONValue.idFromURL(text)
        default: return nil
        }
    }

    /// Checks the credentials and issues a new token; `maxLifetimeSeconds` can only shorten the lifetime.
    func login(username: String, password: String, maxLifetimeSeconds: Double?) async throws -> String {
        let configured = Double(tokenLifetime.components.seconds) + Double(tokenLifetime.components.attoseconds) / 1e18
        let lifetime = min(configured, maxLifetimeSeconds ?? configured)
        let key = Self.newKey()
        let accepted = try await database.write { db -> Bool in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT user_id, password FROM credentials WHERE username = ?", arguments: [username]),
                (row["password"] as String) == password
            else { return false }
            try db.execute(
                sql: "INSERT INTO tokens (key, user_id, expires_at) VALUES (?, ?, ?)",
                arguments: [key, row["user_id"] as Int, Date().timeIntervalSince1970 + lifetime])
            return true
        }
        guard accepted else {
            throw SandboxHTTPError(.unauthorized, detail: "Unable to log in with provided credentials.")
        }
        return key
    }

    /// Whether `password` is `username`'s current one (HTTP Basic credentials, admin endpoint).
    func passwordMatches(username: String, password: String) async throws -> Bool {
        try await database.read { db in
            try String.fetchOne(db, sql: "SELECT password FROM credentials WHERE username = ?", arguments: [username]) == password
        }
    }

    /// Sets the user's password to `new` if `old` is the current one; tokens already issued stay valid.
    func changePassword(userID: Int, old: String, new: String) async throws -> Bool {
        try await database.write { db in
            try db.execute(sql: "UPDATE credentials SET password = ? WHERE user_id = ? AND password = ?", arguments: [new, userID, old])
            return db.changesCount == 1
        }
    }

    func logout(_ request: Request) async throws {
        _ = try await authenticatedUser(request)
        guard let header = request.headers[.authorization], let key = header.split(separator: " ").last else { return }
        try await database.write { db in
            try db.execute(sql: "DELETE FROM tokens WHERE key = ?", arguments: [String(key)])
        }
    }

    private struct TokenOwner: Sendable {
        var userID: Int
        var username: String
        var expiresAt: Double
        var organizationID: Int
    }

    static func newKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<5).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined().prefix(40).description
    }
}
