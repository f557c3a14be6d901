/// What kind of node a schema node is.
public enum SchemaCategory: OpenEnum {
    case section, datapoint, multivalue, tuple
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "section": self = .section
        case "datapoint": self = .datapoint
        case "multivalue": self = .multivalue
        case "tuple": self = .tuple
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .section: return "section"
        case .datapoint: return "datapoint"
        case .multivalue: return "multivalue"
        case .tuple: return "tuple"
        case .other(let value): return value
        }
    }
}

/// A schema: the fields a queue extracts, as a tree of sections, datapoints, multivalues and tuples.
public struct Schema: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var name: String?
    public var url: String?
    public var queues: [String] = []
    public var content: [SchemaNode] = []
    public var metadata: JSONValue?
    public var modifiedBy: String?
    public var modifiedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name, url, queues, content, metadata
        case modifiedBy = "modified_by"
        case modifiedAt = "modified_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        queues = try container.decodeIfPresent([String].self, forKey: .queues) ?? []
        content = try container.decodeIfPresent([SchemaNode].self, forKey: .content) ?? []
        metadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata)
        modifiedBy = try container.decodeIfPresent(String.self, forKey: .modifiedBy)
        modifiedAt = try container.decodeIfPresent(String.self, forKey: .modifiedAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encode(queues, forKey: .queues)
        try container.encode(content, forKey: .content)
        try container.encodeIfPresent(metadata, forKey: .metadata)
        try container.encodeIfPresent(modifiedBy, forKey: .modifiedBy)
        try container.encodeIfPresent(modifiedAt, forKey: .modifiedAt)
    }

    /// Every node of the tree, depth first.
    public var allNodes: [SchemaNode] { content.flatMap { $0.subtree } }

    /// The leaf fields (datapoints), depth first.
    public var datapoints: [SchemaNode] { allNodes.filter { $0.category == .datapoint } }

    /// The node with this schema id, anywhere in the tree.
    public func node(id: String) -> SchemaNode? { allNodes.first { $0.id == id } }
}

/// One node of a schema tree. Sections and tuples have several children; a multivalue has one
/// (a datapoint or a tuple), which `children` presents as a one-element list.
public struct SchemaNode: Sendable, Hashable, Codable {
    public var id: String
    public var category: SchemaCategory
    public var label: String?
    public var children: [SchemaNode] = []
    /// Datapoint type: string, number, date, enum, button...
    public var type: String?
    public var description: String?
    public var hidden: Bool?
    public var canExport: Bool?
    public var disablePrediction: Bool?
    public var rirFieldNames: [String]?
    public var defaultValue: JSONValue?
    public var constraints: JSONValue?
    public var scoreThreshold: Double?
    public var options: [SchemaOption]?
    public var formula: String?
    public var format: String?
    public var minOccurrences: Int?
    public var maxOccurrences: Int?
    public var matching: JSONValue?
    public var uiConfiguration: JSONValue?
    public var icon: String?

    enum CodingKeys: String, CodingKey {
        case id, category, label, children, type, description, hidden, constraints, options, formula, format, matching, icon
        case canExport = "can_export"
        case disablePrediction = "disable_prediction"
        case rirFieldNames = "rir_field_names"
        case defaultValue = "default_value"
        case scoreThreshold = "score_threshold"
        case minOccurrences = "min_occurrences"
        case maxOccurrences = "max_occurrences"
        case uiConfiguration = "ui_configuration"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        category = try container.decodeIfPresent(SchemaCategory.self, forKey: .category) ?? .datapoint
        label = try container.decodeIfPresent(String.self, forKey: .label)
        if let many = try? container.decodeIfPresent([SchemaNode].self, forKey: .children) {
            children = many
        } else if let one = try container.decodeIfPresent(SchemaNode.self, forKey: .children) {
            children = [one]
        }
        type = try container.decodeIfPresent(String.self, forKey: .type)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        hidden = try container.decodeIfPresent(Bool.self, forKey: .hidden)
        canExport = try container.decodeIfPresent(Bool.self, forKey: .canExport)
        disablePrediction = try container.decodeIfPresent(Bool.self, forKey: .disablePrediction)
        rirFieldNames = try container.decodeIfPresent([String].self, forKey: .rirFieldNames)
        defaultValue = try container.decodeIfPresent(JSONValue.self, forKey: .defaultValue)
        constraints = try container.decodeIfPresent(JSONValue.self, forKey: .constraints)
        scoreThreshold = try container.decodeIfPresent(Double.self, forKey: .scoreThreshold)
        options = try container.decodeIfPresent([SchemaOption].self, forKey: .options)
        formula = try container.decodeIfPresent(String.self, forKey: .formula)
        format = try container.decodeIfPresent(String.self, forKey: .format)
        minOccurrences = try container.decodeIfPresent(Int.self, forKey: .minOccurrences)
        maxOccurrences = try container.decodeIfPresent(Int.self, forKey: .maxOccurrences)
        matching = try container.decodeIfPresent(JSONValue.self, forKey: .matching)
        uiConfiguration = try container.decodeIfPresent(JSONValue.self, forKey: .uiConfiguration)
        icon = try container.decodeIfPresent(String.self, forKey: .icon)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(category, forKey: .category)
        try container.encodeIfPresent(label, forKey: .label)
        if category == .multivalue, children.count == 1 {
            try container.encode(children[0], forKey: .children)
        } else if category != .datapoint {
            try container.encode(children, forKey: .children)
        }
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(hidden, forKey: .hidden)
        try container.encodeIfPresent(canExport, forKey: .canExport)
        try container.encodeIfPresent(disablePrediction, forKey: .disablePrediction)
        try container.encodeIfPresent(rirFieldNames, forKey: .rirFieldNames)
        try container.encodeIfPresent(defaultValue, forKey: .defaultValue)
        try container.encodeIfPresent(constraints, forKey: .constraints)
        try container.encodeIfPresent(scoreThreshold, forKey: .scoreThreshold)
        try container.encodeIfPresent(options, forKey: .options)
        try container.encodeIfPresent(formula, forKey: .formula)
        try container.encodeIfPresent(format, forKey: .format)
        try container.encodeIfPresent(minOccurrences, forKey: .minOccurrences)
        try container.encodeIfPresent(maxOccurrences, forKey: .maxOccurrences)
        try container.encodeIfPresent(matching, forKey: .matching)
        try container.encodeIfPresent(uiConfiguration, forKey: .uiConfiguration)
        try container.encodeIfPresent(icon, forKey: .icon)
    }

    /// This node and everything below it, depth first.
    public var subtree: [SchemaNode] { [self] + children.flatMap { $0.subtree } }
}

/// One choice of an enum datapoint.
public struct SchemaOption: Sendable, Hashable, Codable {
    public var value: String
    public var label: String?
}
