extension RossumClient {
    /// Inboxes: list, retrieve, create, update, partial update, delete.
    public var inboxes: ResourceGroup<Inbox> { ResourceGroup(client: self, path: "inboxes") }
}
