/// Holds the token and makes sure concurrent requests share one login instead of each logging in.
actor AuthSession {
    let credentials: Credentials
    private var token: String?
    private var pendingLogin: Task<String, any Error>?

    init(credentials: Credentials) {
        self.credentials = credentials
        if case .token(let token) = credentials { self.token = token }
    }

    var canLogIn: Bool {
        if case .credentials = credentials { return true }
        return false
    }

    /// The current token, logging in first when there is none yet.
    func token(login: @escaping @Sendable () async throws -> String) async throws -> String {
        if let token { return token }
        return try await refresh(replacing: nil, login: login)
    }

    /// Logs in again unless another task already replaced `stale` with a newer token.
    func refresh(replacing stale: String?, login: @escaping @Sendable () async throws -> String) async throws -> String {
        if let token, token != stale { return token }
        if let pendingLogin { return try await pendingLogin.value }
        guard canLogIn else {
            throw RossumError.authentication("the token was rejected and there are no credentials to log in with")
        }
        let task = Task { try await login() }
        pendingLogin = task
        defer { pendingLogin = nil }
        let fresh = try await task.value
        token = fresh
        return fresh
    }

    func currentToken() -> String? { token }
}
