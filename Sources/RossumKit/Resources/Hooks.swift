extension RossumClient {
    /// Hooks (extensions): CRUD plus run logs and store templates.
    public var hooks: ResourceGroup<Hook> { ResourceGroup(client: self, path: "hooks") }
    /// Hook templates of the extension store.
    public var hookTemplates: ResourceGroup<HookTemplate> { ResourceGroup(client: self, path: "hook_templates") }
}

extension ResourceGroup where Model == Hook {
    /// Recent hook run logs (`hooks/logs`; one request, not paginated; kept 7 days, at most 100).
    public func runData(filters: QueryItems = [:]) async throws -> [HookRunData] {
        try await client.request("GET", "hooks/logs", query: filters, as: HookRunDataList.self).results
    }

    /// Store templates (`hook_templates`).
    public func templates(filters: QueryItems = [:]) -> Paginated<HookTemplate> {
        client.hookTemplates.list(filters: filters)
    }

    public func template(_ id: Int) async throws -> HookTemplate {
        try await client.hookTemplates.retrieve(id)
    }
}

struct HookRunDataList: Decodable {
    let results: [HookRunData]
}
