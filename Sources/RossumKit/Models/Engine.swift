// Models decode with explicit snake_case keys; every field but the identity is optional,
// lists default to empty and unknown keys are ignored, so API additions never break decoding.

/// An extraction or splitting engine.
public struct Engine: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var url: String?
    public var name: String?
    public var type: String?
    public var learningEnabled: Bool?
    public var trainingQueues: [String] = []
    public var description: String?
    public var agendaID: String?
    public var organization: String?

    enum CodingKeys: String, CodingKey {
        case id
        case url
        case name
        case type
        case learningEnabled = "learning_enabled"
        case trainingQueues = "training_queues"
        case description
        case agendaID = "agenda_id"
        case organization
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        learningEnabled = try container.decodeIfPresent(Bool.self, forKey: .learningEnabled)
        trainingQueues = try container.decodeIfPresent([String].self, forKey: .trainingQueues) ?? []
        description = try container.decodeIfPresent(String.self, forKey: .description)
        agendaID = try container.decodeIfPresent(String.self, forKey: .agendaID)
        organization = try container.decodeIfPresent(String.self, forKey: .organization)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(learningEnabled, forKey: .learningEnabled)
        try container.encode(trainingQueues, forKey: .trainingQueues)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(agendaID, forKey: .agendaID)
        try container.encodeIfPresent(organization, forKey: .organization)
    }
}

/// A field an engine extracts.
public struct EngineField: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var url: String?
    public var engine: String?
    public var name: String?
    public var tabular: Bool?
    public var label: String?
    public var type: String?
    public var subtype: String?
    public var preTrainedFieldID: String?
    public var multiline: String?

    enum CodingKeys: String, CodingKey {
        case id
        case url
        case engine
        case name
        case tabular
        case label
        case type
        case subtype
        case preTrainedFieldID = "pre_trained_field_id"
        case multiline
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        engine = try container.decodeIfPresent(String.self, forKey: .engine)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        tabular = try container.decodeIfPresent(Bool.self, forKey: .tabular)
        label = try container.decodeIfPresent(String.self, forKey: .label)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        subtype = try container.decodeIfPresent(String.self, forKey: .subtype)
        preTrainedFieldID = try container.decodeIfPresent(String.self, forKey: .preTrainedFieldID)
        multiline = try container.decodeIfPresent(String.self, forKey: .multiline)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(engine, forKey: .engine)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(tabular, forKey: .tabular)
        try container.encodeIfPresent(label, forKey: .label)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(subtype, forKey: .subtype)
        try container.encodeIfPresent(preTrainedFieldID, forKey: .preTrainedFieldID)
        try container.encodeIfPresent(multiline, forKey: .multiline)
    }
}
