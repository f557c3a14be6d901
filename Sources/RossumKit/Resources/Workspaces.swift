extension RossumClient {
    /// Workspaces: list, retrieve, create, update, partial update, delete.
    public var workspaces: ResourceGroup<Workspace> { ResourceGroup(client: self, path: "workspaces") }
}
