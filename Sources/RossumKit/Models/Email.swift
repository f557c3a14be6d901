// Models decode with explicit snake_case keys; every field but the identity is optional,
// lists default to empty and unknown keys are ignored, so API additions never break decoding.

/// An e-mail received or sent by an inbox.
public struct Email: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var url: String?
    public var queue: String?
    public var inbox: String?
    public var parent: String?
    public var emailThread: String?
    public var children: [String] = []
    public var documents: [String] = []
    public var createdAt: String?
    public var lastThreadEmailCreatedAt: String?
    public var subject: String?
    public var from: JSONValue?
    public var to: JSONValue?
    public var cc: JSONValue?
    public var bcc: JSONValue?
    public var bodyTextPlain: String?
    public var bodyTextHtml: String?
    public var metadata: JSONValue?
    public var type: String?
    public var annotationCounts: JSONValue?
    public var annotations: [String] = []
    public var relatedAnnotations: [String] = []
    public var relatedDocuments: [String] = []
    public var creator: String?
    public var filteredOutDocumentCount: Int?
    public var labels: [String] = []
    public var content: String?

    enum CodingKeys: String, CodingKey {
        case id
        case url
        case queue
        case inbox
        case parent
        case emailThread = "email_thread"
        case children
        case documents
        case createdAt = "created_at"
        case lastThreadEmailCreatedAt = "last_thread_email_created_at"
        case subject
        case from
        case to
        case cc
        case bcc
        case bodyTextPlain = "body_text_plain"
        case bodyTextHtml = "body_text_html"
        case metadata
        case type
        case annotationCounts = "annotation_counts"
        case annotations
        case relatedAnnotations = "related_annotations"
        case relatedDocuments = "related_documents"
        case creator
        case filteredOutDocumentCount = "filtered_out_document_count"
        case labels
        case content
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        queue = try container.decodeIfPresent(String.self, forKey: .queue)
        inbox = try container.decodeIfPresent(String.self, forKey: .inbox)
        parent = try container.decodeIfPresent(String.self, forKey: .parent)
        emailThread = try container.decodeIfPresent(String.self, forKey: .emailThread)
        children = try container.decodeIfPresent([String].self, forKey: .children) ?? []
        documents = try container.decodeIfPresent([String].self, forKey: .documents) ?? []
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        lastThreadEmailCreatedAt = try container.decodeIfPresent(String.self, forKey: .lastThreadEmailCreatedAt)
        subject = try container.decodeIfPresent(String.self, forKey: .subject)
        from = try container.decodeIfPresent(JSONValue.self, forKey: .from)
        to = try container.decodeIfPresent(JSONValue.self, forKey: .to)
        cc = try container.decodeIfPresent(JSONValue.self, forKey: .cc)
        bcc = try container.decodeIfPresent(JSONValue.self, forKey: .bcc)
        bodyTextPlain = try container.decodeIfPresent(String.self, forKey: .bodyTextPlain)
        bodyTextHtml = try container.decodeIfPresent(String.self, forKey: .bodyTextHtml)
        metadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        annotationCounts = try container.decodeIfPresent(JSONValue.self, forKey: .annotationCounts)
        annotations = try container.decodeIfPresent([String].self, forKey: .annotations) ?? []
        relatedAnnotations = try container.decodeIfPresent([String].self, forKey: .relatedAnnotations) ?? []
        relatedDocuments = try container.decodeIfPresent([String].self, forKey: .relatedDocuments) ?? []
        creator = try container.decodeIfPresent(String.self, forKey: .creator)
        filteredOutDocumentCount = try container.decodeIfPresent(Int.self, forKey: .filteredOutDocumentCount)
        labels = try container.decodeIfPresent([String].self, forKey: .labels) ?? []
        content = try container.decodeIfPresent(String.self, forKey: .content)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(queue, forKey: .queue)
        try container.encodeIfPresent(inbox, forKey: .inbox)
        try container.encodeIfPresent(parent, forKey: .parent)
        try container.encodeIfPresent(emailThread, forKey: .emailThread)
        try container.encode(children, forKey: .children)
        try container.encode(documents, forKey: .documents)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(lastThreadEmailCreatedAt, forKey: .lastThreadEmailCreatedAt)
        try container.encodeIfPresent(subject, forKey: .subject)
        try container.encodeIfPresent(from, forKey: .from)
        try container.encodeIfPresent(to, forKey: .to)
        try container.encodeIfPresent(cc, forKey: .cc)
        try container.encodeIfPresent(bcc, forKey: .bcc)
        try container.encodeIfPresent(bodyTextPlain, forKey: .bodyTextPlain)
        try container.encodeIfPresent(bodyTextHtml, forKey: .bodyTextHtml)
        try container.encodeIfPresent(metadata, forKey: .metadata)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(annotationCounts, forKey: .annotationCounts)
        try container.encode(annotations, forKey: .annotations)
        try container.encode(relatedAnnotations, forKey: .relatedAnnotations)
        try container.encode(relatedDocuments, forKey: .relatedDocuments)
        try container.encodeIfPresent(creator, forKey: .creator)
        try container.encodeIfPresent(filteredOutDocumentCount, forKey: .filteredOutDocumentCount)
        try container.encode(labels, forKey: .labels)
        try container.encodeIfPresent(content, forKey: .content)
    }
}

/// A template for e-mails sent from a queue (rejections, notifications).
public struct EmailTemplate: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var name: String?
    public var url: String?
    public var queue: String?
    public var organization: String?
    public var subject: String?
    public var message: String?
    public var type: String?
    public var enabled: Bool?
    public var automate: Bool?
    public var triggers: [String] = []
    public var to: JSONValue?
    public var cc: JSONValue?
    public var bcc: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case url
        case queue
        case organization
        case subject
        case message
        case type
        case enabled
        case automate
        case triggers
        case to
        case cc
        case bcc
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        queue = try container.decodeIfPresent(String.self, forKey: .queue)
        organization = try container.decodeIfPresent(String.self, forKey: .organization)
        subject = try container.decodeIfPresent(String.self, forKey: .subject)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled)
        automate = try container.decodeIfPresent(Bool.self, forKey: .automate)
        triggers = try container.decodeIfPresent([String].self, forKey: .triggers) ?? []
        to = try container.decodeIfPresent(JSONValue.self, forKey: .to)
        cc = try container.decodeIfPresent(JSONValue.self, forKey: .cc)
        bcc = try container.decodeIfPresent(JSONValue.self, forKey: .bcc)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(queue, forKey: .queue)
        try container.encodeIfPresent(organization, forKey: .organization)
        try container.encodeIfPresent(subject, forKey: .subject)
        try container.encodeIfPresent(message, forKey: .message)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(enabled, forKey: .enabled)
        try container.encodeIfPresent(automate, forKey: .automate)
        try container.encode(triggers, forKey: .triggers)
        try container.encodeIfPresent(to, forKey: .to)
        try container.encodeIfPresent(cc, forKey: .cc)
        try container.encodeIfPresent(bcc, forKey: .bcc)
    }
}
