extension RossumClient {
    /// Connectors: list, retrieve, create, update, partial update, delete.
    public var connectors: ResourceGroup<Connector> { ResourceGroup(client: self, path: "connectors") }
}
