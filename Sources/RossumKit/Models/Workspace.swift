// Models decode with explicit snake_case keys; every field but the identity is optional,
// lists default to empty and unknown keys are ignored, so API additions never break decoding.

/// A workspace: a folder of queues.
public struct Workspace: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var name: String?
    public var url: String?
    public var autopilot: Bool?
    public var organization: String?
    public var queues: [String] = []
    public var metadata: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case url
        case autopilot
        case organization
        case queues
        case metadata
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        autopilot = try container.decodeIfPresent(Bool.self, forKey: .autopilot)
        organization = try container.decodeIfPresent(String.self, forKey: .organization)
        queues = try container.decodeIfPresent([String].self, forKey: .queues) ?? []
        metadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(autopilot, forKey: .autopilot)
        try container.encodeIfPresent(organization, forKey: .organization)
        try container.encode(queues, forKey: .queues)
        try container.encodeIfPresent(metadata, forKey: .metadata)
    }
}
