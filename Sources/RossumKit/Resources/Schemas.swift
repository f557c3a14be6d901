extension RossumClient {
    /// Schemas (with their tree of sections, datapoints, multivalues and tuples):
    /// list, retrieve, create, update, partial update, delete (409 while a queue uses it).
    public var schemas: ResourceGroup<Schema> { ResourceGroup(client: self, path: "schemas") }
}
