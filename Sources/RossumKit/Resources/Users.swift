extension RossumClient {
    /// Users: list, retrieve, create, update, partial update, delete, plus `current()`.
    public var users: ResourceGroup<User> { ResourceGroup(client: self, path: "users") }
    /// User roles (the API's `groups`): admin, annotator, viewer...
    public var userRoles: ResourceGroup<UserRole> { ResourceGroup(client: self, path: "groups") }
}

extension ResourceGroup where Model == User {
    /// The logged-in user (`auth/user`).
    public func current() async throws -> User {
        try await client.request("GET", "auth/user", as: User.self)
    }
}
