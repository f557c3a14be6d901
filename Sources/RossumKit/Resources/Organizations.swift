extension RossumClient {
    /// Organizations: list, retrieve, plus `own()` and `limits(_:)`.
    public var organizations: ResourceGroup<Organization> { ResourceGroup(client: self, path: "organizations") }
    /// Organization groups (deployments).
    public var organizationGroups: ResourceGroup<OrganizationGroup> { ResourceGroup(client: self, path: "organization_groups") }
}

extension ResourceGroup where Model == Organization {
    /// The organization of the logged-in user (`auth/user`, then its organization).
    public func own() async throws -> Organization {
        let user = try await client.users.current()
        guard let organization = user.organization, let id = URLText.id(in: organization) else {
            throw RossumError.decoding(type: "User", path: "organization", reason: "the current user has no organization URL", snippet: "")
        }
        return try await retrieve(id)
    }

    /// The organization's e-mail limits.
    public func limits(_ id: Int) async throws -> OrganizationLimit {
        try await client.request("GET", "organizations/\(id)/limits", as: OrganizationLimit.self)
    }
}
