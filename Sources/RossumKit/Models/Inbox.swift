// Models decode with explicit snake_case keys; every field but the identity is optional,
// lists default to empty and unknown keys are ignored, so API additions never break decoding.

/// An inbox: the e-mail address feeding a queue.
public struct Inbox: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var name: String?
    public var url: String?
    public var queues: [String] = []
    public var email: String?
    public var emailPrefix: String?
    public var bounceEmailTo: JSONValue?
    public var bounceUnprocessableAttachments: Bool?
    public var bouncePostponedAnnotations: Bool?
    public var bounceDeletedAnnotations: Bool?
    public var bounceEmailWithNoAttachments: Bool?
    public var metadata: JSONValue?
    public var filters: JSONValue?
    public var dmarcCheckAction: String?

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case url
        case queues
        case email
        case emailPrefix = "email_prefix"
        case bounceEmailTo = "bounce_email_to"
        case bounceUnprocessableAttachments = "bounce_unprocessable_attachments"
        case bouncePostponedAnnotations = "bounce_postponed_annotations"
        case bounceDeletedAnnotations = "bounce_deleted_annotations"
        case bounceEmailWithNoAttachments = "bounce_email_with_no_attachments"
        case metadata
        case filters
        case dmarcCheckAction = "dmarc_check_action"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        queues = try container.decodeIfPresent([String].self, forKey: .queues) ?? []
        email = try container.decodeIfPresent(String.self, forKey: .email)
        emailPrefix = try container.decodeIfPresent(String.self, forKey: .emailPrefix)
        bounceEmailTo = try container.decodeIfPresent(JSONValue.self, forKey: .bounceEmailTo)
        bounceUnprocessableAttachments = try container.decodeIfPresent(Bool.self, forKey: .bounceUnprocessableAttachments)
        bouncePostponedAnnotations = try container.decodeIfPresent(Bool.self, forKey: .bouncePostponedAnnotations)
        bounceDeletedAnnotations = try container.decodeIfPresent(Bool.self, forKey: .bounceDeletedAnnotations)
        bounceEmailWithNoAttachments = try container.decodeIfPresent(Bool.self, forKey: .bounceEmailWithNoAttachments)
        metadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata)
        filters = try container.decodeIfPresent(JSONValue.self, forKey: .filters)
        dmarcCheckAction = try container.decodeIfPresent(String.self, forKey: .dmarcCheckAction)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encode(queues, forKey: .queues)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encodeIfPresent(emailPrefix, forKey: .emailPrefix)
        try container.encodeIfPresent(bounceEmailTo, forKey: .bounceEmailTo)
        try container.encodeIfPresent(bounceUnprocessableAttachments, forKey: .bounceUnprocessableAttachments)
        try container.encodeIfPresent(bouncePostponedAnnotations, forKey: .bouncePostponedAnnotations)
        try container.encodeIfPresent(bounceDeletedAnnotations, forKey: .bounceDeletedAnnotations)
        try container.encodeIfPresent(bounceEmailWithNoAttachments, forKey: .bounceEmailWithNoAttachments)
        try container.encodeIfPresent(metadata, forKey: .metadata)
        try container.encodeIfPresent(filters, forKey: .filters)
        try container.encodeIfPresent(dmarcCheckAction, forKey: .dmarcCheckAction)
    }
}
