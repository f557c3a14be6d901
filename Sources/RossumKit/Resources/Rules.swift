extension RossumClient {
    /// Business rules: list, retrieve, create, update, partial update, delete, execution logs.
    public var rules: ResourceGroup<Rule> { ResourceGroup(client: self, path: "rules") }
}

extension ResourceGroup where Model == Rule {
    /// Executions of rules (`rules_execution_logs`), filtered by rule, queue, annotation, dates...
    public func executionLogs(filters: QueryItems = [:], maxPages: Int? = nil) -> Paginated<RulesExecutionLog> {
        client.paginated("rules_execution_logs", filters: filters, maxPages: maxPages)
    }
}
