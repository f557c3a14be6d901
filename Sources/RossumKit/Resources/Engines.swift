extension RossumClient {
    /// Engines: list, retrieve, their fields and queues.
    public var engines: ResourceGroup<Engine> { ResourceGroup(client: self, path: "engines") }
}

extension ResourceGroup where Model == Engine {
    /// Fields an engine extracts (`engine_fields?engine=`); all of them when `engineID` is nil.
    public func fields(engineID: Int? = nil) -> Paginated<EngineField> {
        var filters = QueryItems()
        if let engineID { filters.append("engine", QueryValue(engineID)) }
        return client.paginated("engine_fields", filters: filters)
    }

    /// Queues using the engine.
    public func queues(engineID: Int) -> Paginated<Queue> {
        client.queues.list(filters: ["engine": QueryValue(engineID)])
    }
}
