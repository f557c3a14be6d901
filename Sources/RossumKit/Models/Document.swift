// Models decode with explicit snake_case keys; every field but the identity is optional,
// lists default to empty and unknown keys are ignored, so API additions never break decoding.

/// A stored file (PDF, image, e-mail attachment) and its metadata.
public struct Document: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var url: String?
    public var s3Name: String?
    public var parent: String?
    public var email: String?
    public var annotations: [String] = []
    public var mimeType: String?
    public var creator: String?
    public var createdAt: String?
    public var arrivedAt: String?
    public var originalFileName: String?
    public var content: String?
    public var attachmentStatus: String?
    public var metadata: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id
        case url
        case s3Name = "s3_name"
        case parent
        case email
        case annotations
        case mimeType = "mime_type"
        case creator
        case createdAt = "created_at"
        case arrivedAt = "arrived_at"
        case originalFileName = "original_file_name"
        case content
        case attachmentStatus = "attachment_status"
        case metadata
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        s3Name = try container.decodeIfPresent(String.self, forKey: .s3Name)
        parent = try container.decodeIfPresent(String.self, forKey: .parent)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        annotations = try container.decodeIfPresent([String].self, forKey: .annotations) ?? []
        mimeType = try container.decodeIfPresent(String.self, forKey: .mimeType)
        creator = try container.decodeIfPresent(String.self, forKey: .creator)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        arrivedAt = try container.decodeIfPresent(String.self, forKey: .arrivedAt)
        originalFileName = try container.decodeIfPresent(String.self, forKey: .originalFileName)
        content = try container.decodeIfPresent(String.self, forKey: .content)
        attachmentStatus = try container.decodeIfPresent(String.self, forKey: .attachmentStatus)
        metadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(s3Name, forKey: .s3Name)
        try container.encodeIfPresent(parent, forKey: .parent)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encode(annotations, forKey: .annotations)
        try container.encodeIfPresent(mimeType, forKey: .mimeType)
        try container.encodeIfPresent(creator, forKey: .creator)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(arrivedAt, forKey: .arrivedAt)
        try container.encodeIfPresent(originalFileName, forKey: .originalFileName)
        try container.encodeIfPresent(content, forKey: .content)
        try container.encodeIfPresent(attachmentStatus, forKey: .attachmentStatus)
        try container.encodeIfPresent(metadata, forKey: .metadata)
    }
}
