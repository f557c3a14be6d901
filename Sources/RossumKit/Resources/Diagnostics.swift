extension RossumClient {
    /// Notes on annotations (rejection notes): CRUD, filtered by `annotation` or `creator`.
    public var notes: ResourceGroup<Note> { ResourceGroup(client: self, path: "notes") }

    /// Audited changes (`audit_logs`; admins only, kept a year). `objectType` is required by
    /// the API: `annotation`, `document` or `user`.
    public func auditLogs(objectType: String, filters: QueryItems = [:]) -> Paginated<AuditLogEntry> {
        var query = filters
        query.set("object_type", QueryValue(objectType))
        return paginated("audit_logs", filters: query, ordering: [])
    }
}
