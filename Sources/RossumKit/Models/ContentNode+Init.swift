extension ContentNode {
    /// A node built by a client (a row added locally before the server answers, a test).
    public init(id: Int?, schemaID: String?, category: String, children: [ContentNode] = [], value: String? = nil,
                validationSources: [String] = []) {
        self.id = id
        self.schemaID = schemaID
        self.category = category
        self.children = children
        self.content = value.map { DatapointValue(value: .string($0)) }
        self.validationSources = validationSources
    }
}

extension DatapointValue {
    public init(value: JSONValue?, rirConfidence: Double? = nil, page: Int? = nil, position: JSONValue? = nil) {
        self.value = value
        self.rirConfidence = rirConfidence
        self.page = page
        self.position = position
    }
}
