/// One audited change (`audit_logs`): who did what to which object, with the request it came in.
public struct AuditLogEntry: Sendable, Hashable, Codable {
    public var organizationID: Int?
    public var objectType: String?
    public var objectID: Int?
    public var action: String?
    public var username: String?
    public var timestamp: String?
    /// The request: `path`, `method`, `request_id`, `status_code` and `details`. The API's
    /// reference names it `content` in the field table and `details` in its example; both are read.
    public var content: JSONValue?

    enum CodingKeys: String, CodingKey {
        case organizationID = "organization_id"
        case objectType = "object_type"
        case objectID = "object_id"
        case action, username, timestamp, content, details
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        organizationID = try c.decodeIfPresent(Int.self, forKey: .organizationID)
        objectType = try c.decodeIfPresent(String.self, forKey: .objectType)
        objectID = try c.decodeIfPresent(Int.self, forKey: .objectID)
        action = try c.decodeIfPresent(String.self, forKey: .action)
        username = try c.decodeIfPresent(String.self, forKey: .username)
        timestamp = try c.decodeIfPresent(String.self, forKey: .timestamp)
        content = try c.decodeIfPresent(JSONValue.self, forKey: .content) ?? c.decodeIfPresent(JSONValue.self, forKey: .details)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(organizationID, forKey: .organizationID)
        try c.encodeIfPresent(objectType, forKey: .objectType)
        try c.encodeIfPresent(objectID, forKey: .objectID)
        try c.encodeIfPresent(action, forKey: .action)
        try c.encodeIfPresent(username, forKey: .username)
        try c.encodeIfPresent(timestamp, forKey: .timestamp)
        try c.encodeIfPresent(content, forKey: .content)
    }
}

/// A note on an annotation (`notes`); today the API knows one type, `rejection`.
public struct Note: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var url: String?
    public var type: String?
    public var content: String?
    public var annotation: String?
    public var metadata: JSONValue?
    public var createdAt: String?
    public var creator: String?
    public var modifiedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, url, type, content, annotation, metadata, creator
        case createdAt = "created_at"
        case modifiedAt = "modified_at"
    }
}
