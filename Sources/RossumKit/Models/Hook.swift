// Models decode with explicit snake_case keys; every field but the identity is optional,
// lists default to empty and unknown keys are ignored, so API additions never break decoding.

/// How a hook runs. Unknown values are kept as `.other`.
public enum HookType: OpenEnum {
    case webhook
    case function
    case job
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "webhook": self = .webhook
        case "function": self = .function
        case "job": self = .job
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .webhook: return "webhook"
        case .function: return "function"
        case .job: return "job"
        case .other(let value): return value
        }
    }

    public static let knownCases: [HookType] = [.webhook, .function, .job]
}

/// A hook (extension): code or a webhook called on events.
public struct Hook: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var name: String?
    public var url: String?
    public var active: Bool?
    public var config: JSONValue?
    public var test: JSONValue?
    public var guide: String?
    public var readMoreURL: String?
    public var extensionImageURL: String?
    public var type: HookType?
    public var metadata: JSONValue?
    public var queues: [String] = []
    public var runAfter: [String] = []
    public var events: [String] = []
    public var settings: JSONValue?
    public var settingsSchema: JSONValue?
    public var secrets: JSONValue?
    public var extensionSource: String?
    public var sideload: [String] = []
    public var tokenOwner: String?
    public var tokenLifetimeS: Int?
    public var description: String?

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case url
        case active
        case config
        case test
        case guide
        case readMoreURL = "read_more_url"
        case extensionImageURL = "extension_image_url"
        case type
        case metadata
        case queues
        case runAfter = "run_after"
        case events
        case settings
        case settingsSchema = "settings_schema"
        case secrets
        case extensionSource = "extension_source"
        case sideload
        case tokenOwner = "token_owner"
        case tokenLifetimeS = "token_lifetime_s"
        case description
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        active = try container.decodeIfPresent(Bool.self, forKey: .active)
        config = try container.decodeIfPresent(JSONValue.self, forKey: .config)
        test = try container.decodeIfPresent(JSONValue.self, forKey: .test)
        guide = try container.decodeIfPresent(String.self, forKey: .guide)
        readMoreURL = try container.decodeIfPresent(String.self, forKey: .readMoreURL)
        extensionImageURL = try container.decodeIfPresent(String.self, forKey: .extensionImageURL)
        type = try container.decodeIfPresent(HookType.self, forKey: .type)
        metadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata)
        queues = try container.decodeIfPresent([String].self, forKey: .queues) ?? []
        runAfter = try container.decodeIfPresent([String].self, forKey: .runAfter) ?? []
        events = try container.decodeIfPresent([String].self, forKey: .events) ?? []
        settings = try container.decodeIfPresent(JSONValue.self, forKey: .settings)
        settingsSchema = try container.decodeIfPresent(JSONValue.self, forKey: .settingsSchema)
        secrets = try container.decodeIfPresent(JSONValue.self, forKey: .secrets)
        extensionSource = try container.decodeIfPresent(String.self, forKey: .extensionSource)
        sideload = try container.decodeIfPresent([String].self, forKey: .sideload) ?? []
        tokenOwner = try container.decodeIfPresent(String.self, forKey: .tokenOwner)
        tokenLifetimeS = try container.decodeIfPresent(Int.self, forKey: .tokenLifetimeS)
        description = try container.decodeIfPresent(String.self, forKey: .description)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(active, forKey: .active)
        try container.encodeIfPresent(config, forKey: .config)
        try container.encodeIfPresent(test, forKey: .test)
        try container.encodeIfPresent(guide, forKey: .guide)
        try container.encodeIfPresent(readMoreURL, forKey: .readMoreURL)
        try container.encodeIfPresent(extensionImageURL, forKey: .extensionImageURL)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(metadata, forKey: .metadata)
        try container.encode(queues, forKey: .queues)
        try container.encode(runAfter, forKey: .runAfter)
        try container.encode(events, forKey: .events)
        try container.encodeIfPresent(settings, forKey: .settings)
        try container.encodeIfPresent(settingsSchema, forKey: .settingsSchema)
        try container.encodeIfPresent(secrets, forKey: .secrets)
        try container.encodeIfPresent(extensionSource, forKey: .extensionSource)
        try container.encode(sideload, forKey: .sideload)
        try container.encodeIfPresent(tokenOwner, forKey: .tokenOwner)
        try container.encodeIfPresent(tokenLifetimeS, forKey: .tokenLifetimeS)
        try container.encodeIfPresent(description, forKey: .description)
    }
}

/// One log entry of a hook run.
public struct HookRunData: Sendable, Hashable, Codable {
    public var logLevel: String?
    public var action: String?
    public var event: String?
    public var requestID: String?
    public var organizationID: Int?
    public var hookID: Int?
    public var hookType: String?
    public var queueID: Int?
    public var annotationID: Int?
    public var emailID: Int?
    public var message: String?
    public var request: JSONValue?
    public var response: JSONValue?
    public var start: String?
    public var end: String?
    public var settings: JSONValue?
    public var status: String?
    public var statusCode: Int?
    public var timestamp: String?
    public var uuid: String?
    public var output: JSONValue?

    enum CodingKeys: String, CodingKey {
        case logLevel = "log_level"
        case action
        case event
        case requestID = "request_id"
        case organizationID = "organization_id"
        case hookID = "hook_id"
        case hookType = "hook_type"
        case queueID = "queue_id"
        case annotationID = "annotation_id"
        case emailID = "email_id"
        case message
        case request
        case response
        case start
        case end
        case settings
        case status
        case statusCode = "status_code"
        case timestamp
        case uuid
        case output
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        logLevel = try container.decodeIfPresent(String.self, forKey: .logLevel)
        action = try container.decodeIfPresent(String.self, forKey: .action)
        event = try container.decodeIfPresent(String.self, forKey: .event)
        requestID = try container.decodeIfPresent(String.self, forKey: .requestID)
        organizationID = try container.decodeIfPresent(Int.self, forKey: .organizationID)
        hookID = try container.decodeIfPresent(Int.self, forKey: .hookID)
        hookType = try container.decodeIfPresent(String.self, forKey: .hookType)
        queueID = try container.decodeIfPresent(Int.self, forKey: .queueID)
        annotationID = try container.decodeIfPresent(Int.self, forKey: .annotationID)
        emailID = try container.decodeIfPresent(Int.self, forKey: .emailID)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        request = try container.decodeIfPresent(JSONValue.self, forKey: .request)
        response = try container.decodeIfPresent(JSONValue.self, forKey: .response)
        start = try container.decodeIfPresent(String.self, forKey: .start)
        end = try container.decodeIfPresent(String.self, forKey: .end)
        settings = try container.decodeIfPresent(JSONValue.self, forKey: .settings)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        statusCode = try container.decodeIfPresent(Int.self, forKey: .statusCode)
        timestamp = try container.decodeIfPresent(String.self, forKey: .timestamp)
        uuid = try container.decodeIfPresent(String.self, forKey: .uuid)
        output = try container.decodeIfPresent(JSONValue.self, forKey: .output)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(logLevel, forKey: .logLevel)
        try container.encodeIfPresent(action, forKey: .action)
        try container.encodeIfPresent(event, forKey: .event)
        try container.encodeIfPresent(requestID, forKey: .requestID)
        try container.encodeIfPresent(organizationID, forKey: .organizationID)
        try container.encodeIfPresent(hookID, forKey: .hookID)
        try container.encodeIfPresent(hookType, forKey: .hookType)
        try container.encodeIfPresent(queueID, forKey: .queueID)
        try container.encodeIfPresent(annotationID, forKey: .annotationID)
        try container.encodeIfPresent(emailID, forKey: .emailID)
        try container.encodeIfPresent(message, forKey: .message)
        try container.encodeIfPresent(request, forKey: .request)
        try container.encodeIfPresent(response, forKey: .response)
        try container.encodeIfPresent(start, forKey: .start)
        try container.encodeIfPresent(end, forKey: .end)
        try container.encodeIfPresent(settings, forKey: .settings)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(statusCode, forKey: .statusCode)
        try container.encodeIfPresent(timestamp, forKey: .timestamp)
        try container.encodeIfPresent(uuid, forKey: .uuid)
        try container.encodeIfPresent(output, forKey: .output)
    }
}

/// A hook template from the extension store.
public struct HookTemplate: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var url: String?
    public var name: String?
    public var type: String?
    public var description: String?
    public var events: [String] = []
    public var config: JSONValue?
    public var settingsSchema: JSONValue?
    public var guide: String?
    public var readMoreURL: String?
    public var extensionImageURL: String?
    public var installAction: String?
    public var order: Int?

    enum CodingKeys: String, CodingKey {
        case id
        case url
        case name
        case type
        case description
        case events
        case config
        case settingsSchema = "settings_schema"
        case guide
        case readMoreURL = "read_more_url"
        case extensionImageURL = "extension_image_url"
        case installAction = "install_action"
        case order
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        events = try container.decodeIfPresent([String].self, forKey: .events) ?? []
        config = try container.decodeIfPresent(JSONValue.self, forKey: .config)
        settingsSchema = try container.decodeIfPresent(JSONValue.self, forKey: .settingsSchema)
        guide = try container.decodeIfPresent(String.self, forKey: .guide)
        readMoreURL = try container.decodeIfPresent(String.self, forKey: .readMoreURL)
        extensionImageURL = try container.decodeIfPresent(String.self, forKey: .extensionImageURL)
        installAction = try container.decodeIfPresent(String.self, forKey: .installAction)
        order = try container.decodeIfPresent(Int.self, forKey: .order)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(events, forKey: .events)
        try container.encodeIfPresent(config, forKey: .config)
        try container.encodeIfPresent(settingsSchema, forKey: .settingsSchema)
        try container.encodeIfPresent(guide, forKey: .guide)
        try container.encodeIfPresent(readMoreURL, forKey: .readMoreURL)
        try container.encodeIfPresent(extensionImageURL, forKey: .extensionImageURL)
        try container.encodeIfPresent(installAction, forKey: .installAction)
        try container.encodeIfPresent(order, forKey: .order)
    }
}
