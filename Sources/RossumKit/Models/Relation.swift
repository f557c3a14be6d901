// Models decode with explicit snake_case keys; every field but the identity is optional,
// lists default to empty and unknown keys are ignored, so API additions never break decoding.

/// How annotations are related. Unknown values are kept as `.other`.
public enum RelationType: OpenEnum {
    case edit
    case attachment
    case duplicate
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "edit": self = .edit
        case "attachment": self = .attachment
        case "duplicate": self = .duplicate
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .edit: return "edit"
        case .attachment: return "attachment"
        case .duplicate: return "duplicate"
        case .other(let value): return value
        }
    }

    public static let knownCases: [RelationType] = [.edit, .attachment, .duplicate]
}

/// A relation between annotations (edit, attachment, duplicate).
public struct Relation: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var type: RelationType?
    public var key: String?
    public var parent: String?
    public var annotations: [String] = []
    public var url: String?

    enum CodingKeys: String, CodingKey {
        case id
        case type
        case key
        case parent
        case annotations
        case url
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        type = try container.decodeIfPresent(RelationType.self, forKey: .type)
        key = try container.decodeIfPresent(String.self, forKey: .key)
        parent = try container.decodeIfPresent(String.self, forKey: .parent)
        annotations = try container.decodeIfPresent([String].self, forKey: .annotations) ?? []
        url = try container.decodeIfPresent(String.self, forKey: .url)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(key, forKey: .key)
        try container.encodeIfPresent(parent, forKey: .parent)
        try container.encode(annotations, forKey: .annotations)
        try container.encodeIfPresent(url, forKey: .url)
    }
}

/// A relation between an annotation and documents (export, einvoice).
public struct DocumentRelation: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var type: String?
    public var annotation: String?
    public var key: String?
    public var documents: [String] = []
    public var url: String?

    enum CodingKeys: String, CodingKey {
        case id
        case type
        case annotation
        case key
        case documents
        case url
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        annotation = try container.decodeIfPresent(String.self, forKey: .annotation)
        key = try container.decodeIfPresent(String.self, forKey: .key)
        documents = try container.decodeIfPresent([String].self, forKey: .documents) ?? []
        url = try container.decodeIfPresent(String.self, forKey: .url)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(annotation, forKey: .annotation)
        try container.encodeIfPresent(key, forKey: .key)
        try container.encode(documents, forKey: .documents)
        try container.encodeIfPresent(url, forKey: .url)
    }
}
