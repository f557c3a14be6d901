// Models decode with explicit snake_case keys; every field but the identity is optional,
// lists default to empty and unknown keys are ignored, so API additions never break decoding.

/// State of an asynchronous server task. Unknown values are kept as `.other`.
public enum TaskStatus: OpenEnum {
    case running
    case succeeded
    case failed
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "running": self = .running
        case "succeeded": self = .succeeded
        case "failed": self = .failed
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .running: return "running"
        case .succeeded: return "succeeded"
        case .failed: return "failed"
        case .other(let value): return value
        }
    }

    public static let knownCases: [TaskStatus] = [.running, .succeeded, .failed]

    /// Running, succeeded or failed, by the one rule for operations (`OperationPhase`).
    public var phase: OperationPhase { OperationPhase(status: rawValue) }
}

/// What an asynchronous server task does. Unknown values are kept as `.other`.
public enum TaskType: OpenEnum {
    case documentsDownload
    case uploadCreated
    case emailImported
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "documents_download": self = .documentsDownload
        case "upload_created": self = .uploadCreated
        case "email_imported": self = .emailImported
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .documentsDownload: return "documents_download"
        case .uploadCreated: return "upload_created"
        case .emailImported: return "email_imported"
        case .other(let value): return value
        }
    }

    public static let knownCases: [TaskType] = [.documentsDownload, .uploadCreated, .emailImported]
}

/// An asynchronous server task (an upload being processed, a download being prepared).
public struct RossumTask: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var url: String?
    public var type: TaskType?
    public var status: TaskStatus?
    public var expiresAt: String?
    public var detail: JSONValue?
    public var content: JSONValue?
    public var code: String?
    public var resultURL: String?

    enum CodingKeys: String, CodingKey {
        case id
        case url
        case type
        case status
        case expiresAt = "expires_at"
        case detail
        case content
        case code
        case resultURL = "result_url"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        type = try container.decodeIfPresent(TaskType.self, forKey: .type)
        status = try container.decodeIfPresent(TaskStatus.self, forKey: .status)
        expiresAt = try container.decodeIfPresent(String.self, forKey: .expiresAt)
        detail = try container.decodeIfPresent(JSONValue.self, forKey: .detail)
        content = try container.decodeIfPresent(JSONValue.self, forKey: .content)
        code = try container.decodeIfPresent(String.self, forKey: .code)
        resultURL = try container.decodeIfPresent(String.self, forKey: .resultURL)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(expiresAt, forKey: .expiresAt)
        try container.encodeIfPresent(detail, forKey: .detail)
        try container.encodeIfPresent(content, forKey: .content)
        try container.encodeIfPresent(code, forKey: .code)
        try container.encodeIfPresent(resultURL, forKey: .resultURL)
    }
}

/// An upload: the documents and annotations created from uploaded files.
public struct Upload: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var url: String?
    public var queue: String?
    public var organization: String?
    public var creator: String?
    public var createdAt: String?
    public var email: String?
    public var documents: [String] = []
    public var additionalDocuments: [String] = []
    public var annotations: [String] = []

    enum CodingKeys: String, CodingKey {
        case id
        case url
        case queue
        case organization
        case creator
        case createdAt = "created_at"
        case email
        case documents
        case additionalDocuments = "additional_documents"
        case annotations
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        queue = try container.decodeIfPresent(String.self, forKey: .queue)
        organization = try container.decodeIfPresent(String.self, forKey: .organization)
        creator = try container.decodeIfPresent(String.self, forKey: .creator)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        documents = try container.decodeIfPresent([String].self, forKey: .documents) ?? []
        additionalDocuments = try container.decodeIfPresent([String].self, forKey: .additionalDocuments) ?? []
        annotations = try container.decodeIfPresent([String].self, forKey: .annotations) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(queue, forKey: .queue)
        try container.encodeIfPresent(organization, forKey: .organization)
        try container.encodeIfPresent(creator, forKey: .creator)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encode(documents, forKey: .documents)
        try container.encode(additionalDocuments, forKey: .additionalDocuments)
        try container.encode(annotations, forKey: .annotations)
    }
}
