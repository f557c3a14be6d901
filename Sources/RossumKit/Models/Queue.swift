// Models decode with explicit snake_case keys; every field but the identity is optional,
// lists default to empty and unknown keys are ignored, so API additions never break decoding.

/// Whether a queue is live or being deleted. Unknown values are kept as `.other`.
public enum QueueStatus: OpenEnum {
    case active
    case deletionRequested
    case deletionInProgress
    case deletionFailed
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "active": self = .active
        case "deletion_requested": self = .deletionRequested
        case "deletion_in_progress": self = .deletionInProgress
        case "deletion_failed": self = .deletionFailed
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .active: return "active"
        case .deletionRequested: return "deletion_requested"
        case .deletionInProgress: return "deletion_in_progress"
        case .deletionFailed: return "deletion_failed"
        case .other(let value): return value
        }
    }

    public static let knownCases: [QueueStatus] = [.active, .deletionRequested, .deletionInProgress, .deletionFailed]
}

/// A queue: where documents of one kind arrive, with its schema, inbox and hooks.
public struct Queue: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var name: String?
    public var url: String?
    public var workspace: String?
    public var connector: String?
    public var webhooks: [String] = []
    public var hooks: [String] = []
    public var schema: String?
    public var inbox: String?
    public var users: [String] = []
    public var sessionTimeout: String?
    public var rirURL: String?
    public var rirParams: String?
    public var dedicatedEngine: JSONValue?
    public var genericEngine: JSONValue?
    public var engine: JSONValue?
    public var counts: [String: Int]?
    public var defaultScoreThreshold: Double?
    public var automationEnabled: Bool?
    public var automationLevel: String?
    public var locale: String?
    public var metadata: JSONValue?
    public var useConfirmedState: Bool?
    public var documentLifetime: String?
    public var deleteAfter: String?
    public var settings: JSONValue?
    public var status: QueueStatus?
    public var trainingEnabled: Bool?
    public var modifiedBy: String?
    public var modifiedAt: String?
    public var workflows: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case url
        case workspace
        case connector
        case webhooks
        case hooks
        case schema
        case inbox
        case users
        case sessionTimeout = "session_timeout"
        case rirURL = "rir_url"
        case rirParams = "rir_params"
        case dedicatedEngine = "dedicated_engine"
        case genericEngine = "generic_engine"
        case engine
        case counts
        case defaultScoreThreshold = "default_score_threshold"
        case automationEnabled = "automation_enabled"
        case automationLevel = "automation_level"
        case locale
        case metadata
        case useConfirmedState = "use_confirmed_state"
        case documentLifetime = "document_lifetime"
        case deleteAfter = "delete_after"
        case settings
        case status
        case trainingEnabled = "training_enabled"
        case modifiedBy = "modified_by"
        case modifiedAt = "modified_at"
        case workflows
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        workspace = try container.decodeIfPresent(String.self, forKey: .workspace)
        connector = try container.decodeIfPresent(String.self, forKey: .connector)
        webhooks = try container.decodeIfPresent([String].self, forKey: .webhooks) ?? []
        hooks = try container.decodeIfPresent([String].self, forKey: .hooks) ?? []
        schema = try container.decodeIfPresent(String.self, forKey: .schema)
        inbox = try container.decodeIfPresent(String.self, forKey: .inbox)
        users = try container.decodeIfPresent([String].self, forKey: .users) ?? []
        sessionTimeout = try container.decodeIfPresent(String.self, forKey: .sessionTimeout)
        rirURL = try container.decodeIfPresent(String.self, forKey: .rirURL)
        rirParams = try container.decodeIfPresent(String.self, forKey: .rirParams)
        dedicatedEngine = try container.decodeIfPresent(JSONValue.self, forKey: .dedicatedEngine)
        genericEngine = try container.decodeIfPresent(JSONValue.self, forKey: .genericEngine)
        engine = try container.decodeIfPresent(JSONValue.self, forKey: .engine)
        counts = try container.decodeIfPresent([String: Int].self, forKey: .counts)
        defaultScoreThreshold = try container.decodeIfPresent(Double.self, forKey: .defaultScoreThreshold)
        automationEnabled = try container.decodeIfPresent(Bool.self, forKey: .automationEnabled)
        automationLevel = try container.decodeIfPresent(String.self, forKey: .automationLevel)
        locale = try container.decodeIfPresent(String.self, forKey: .locale)
        metadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata)
        useConfirmedState = try container.decodeIfPresent(Bool.self, forKey: .useConfirmedState)
        documentLifetime = try container.decodeIfPresent(String.self, forKey: .documentLifetime)
        deleteAfter = try container.decodeIfPresent(String.self, forKey: .deleteAfter)
        settings = try container.decodeIfPresent(JSONValue.self, forKey: .settings)
        status = try container.decodeIfPresent(QueueStatus.self, forKey: .status)
        trainingEnabled = try container.decodeIfPresent(Bool.self, forKey: .trainingEnabled)
        modifiedBy = try container.decodeIfPresent(String.self, forKey: .modifiedBy)
        modifiedAt = try container.decodeIfPresent(String.self, forKey: .modifiedAt)
        workflows = try container.decodeIfPresent(JSONValue.self, forKey: .workflows)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(workspace, forKey: .workspace)
        try container.encodeIfPresent(connector, forKey: .connector)
        try container.encode(webhooks, forKey: .webhooks)
        try container.encode(hooks, forKey: .hooks)
        try container.encodeIfPresent(schema, forKey: .schema)
        try container.encodeIfPresent(inbox, forKey: .inbox)
        try container.encode(users, forKey: .users)
        try container.encodeIfPresent(sessionTimeout, forKey: .sessionTimeout)
        try container.encodeIfPresent(rirURL, forKey: .rirURL)
        try container.encodeIfPresent(rirParams, forKey: .rirParams)
        try container.encodeIfPresent(dedicatedEngine, forKey: .dedicatedEngine)
        try container.encodeIfPresent(genericEngine, forKey: .genericEngine)
        try container.encodeIfPresent(engine, forKey: .engine)
        try container.encodeIfPresent(counts, forKey: .counts)
        try container.encodeIfPresent(defaultScoreThreshold, forKey: .defaultScoreThreshold)
        try container.encodeIfPresent(automationEnabled, forKey: .automationEnabled)
        try container.encodeIfPresent(automationLevel, forKey: .automationLevel)
        try container.encodeIfPresent(locale, forKey: .locale)
        try container.encodeIfPresent(metadata, forKey: .metadata)
        try container.encodeIfPresent(useConfirmedState, forKey: .useConfirmedState)
        try container.encodeIfPresent(documentLifetime, forKey: .documentLifetime)
        try container.encodeIfPresent(deleteAfter, forKey: .deleteAfter)
        try container.encodeIfPresent(settings, forKey: .settings)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(trainingEnabled, forKey: .trainingEnabled)
        try container.encodeIfPresent(modifiedBy, forKey: .modifiedBy)
        try container.encodeIfPresent(modifiedAt, forKey: .modifiedAt)
        try container.encodeIfPresent(workflows, forKey: .workflows)
    }
}
