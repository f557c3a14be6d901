// Models decode with explicit snake_case keys; every field but the identity is optional,
// lists default to empty and unknown keys are ignored, so API additions never break decoding.

/// A business rule: a condition and actions run on annotation events.
public struct Rule: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var name: String?
    public var url: String?
    public var enabled: Bool?
    public var organization: String?
    public var queues: [String] = []
    public var triggerCondition: String?
    public var createdBy: String?
    public var createdAt: String?
    public var modifiedBy: String?
    public var modifiedAt: String?
    public var ruleTemplate: String?
    public var synchronizedFromTemplate: Bool?
    public var actions: [RuleAction] = []
    public var description: String?

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case url
        case enabled
        case organization
        case queues
        case triggerCondition = "trigger_condition"
        case createdBy = "created_by"
        case createdAt = "created_at"
        case modifiedBy = "modified_by"
        case modifiedAt = "modified_at"
        case ruleTemplate = "rule_template"
        case synchronizedFromTemplate = "synchronized_from_template"
        case actions
        case description
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled)
        organization = try container.decodeIfPresent(String.self, forKey: .organization)
        queues = try container.decodeIfPresent([String].self, forKey: .queues) ?? []
        triggerCondition = try container.decodeIfPresent(String.self, forKey: .triggerCondition)
        createdBy = try container.decodeIfPresent(String.self, forKey: .createdBy)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        modifiedBy = try container.decodeIfPresent(String.self, forKey: .modifiedBy)
        modifiedAt = try container.decodeIfPresent(String.self, forKey: .modifiedAt)
        ruleTemplate = try container.decodeIfPresent(String.self, forKey: .ruleTemplate)
        synchronizedFromTemplate = try container.decodeIfPresent(Bool.self, forKey: .synchronizedFromTemplate)
        actions = try container.decodeIfPresent([RuleAction].self, forKey: .actions) ?? []
        description = try container.decodeIfPresent(String.self, forKey: .description)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(enabled, forKey: .enabled)
        try container.encodeIfPresent(organization, forKey: .organization)
        try container.encode(queues, forKey: .queues)
        try container.encodeIfPresent(triggerCondition, forKey: .triggerCondition)
        try container.encodeIfPresent(createdBy, forKey: .createdBy)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(modifiedBy, forKey: .modifiedBy)
        try container.encodeIfPresent(modifiedAt, forKey: .modifiedAt)
        try container.encodeIfPresent(ruleTemplate, forKey: .ruleTemplate)
        try container.encodeIfPresent(synchronizedFromTemplate, forKey: .synchronizedFromTemplate)
        try container.encode(actions, forKey: .actions)
        try container.encodeIfPresent(description, forKey: .description)
    }
}

/// One action of a business rule.
public struct RuleAction: Sendable, Hashable, Codable {
    public var id: JSONValue?
    public var type: String?
    public var payload: JSONValue?
    public var event: String?
    public var enabled: Bool?

    enum CodingKeys: String, CodingKey {
        case id
        case type
        case payload
        case event
        case enabled
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(JSONValue.self, forKey: .id)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        payload = try container.decodeIfPresent(JSONValue.self, forKey: .payload)
        event = try container.decodeIfPresent(String.self, forKey: .event)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(payload, forKey: .payload)
        try container.encodeIfPresent(event, forKey: .event)
        try container.encodeIfPresent(enabled, forKey: .enabled)
    }
}

/// One execution of a business rule.
public struct RulesExecutionLog: Sendable, Hashable, Codable {
    public var ruleID: Int?
    public var ruleName: String?
    public var queueID: Int?
    public var annotationID: Int?
    public var requestID: String?
    public var createdAt: String?
    public var triggerEvent: String?
    public var triggerCondition: String?
    public var executionResult: String?

    enum CodingKeys: String, CodingKey {
        case ruleID = "rule_id"
        case ruleName = "rule_name"
        case queueID = "queue_id"
        case annotationID = "annotation_id"
        case requestID = "request_id"
        case createdAt = "created_at"
        case triggerEvent = "trigger_event"
        case triggerCondition = "trigger_condition"
        case executionResult = "execution_result"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ruleID = try container.decodeIfPresent(Int.self, forKey: .ruleID)
        ruleName = try container.decodeIfPresent(String.self, forKey: .ruleName)
        queueID = try container.decodeIfPresent(Int.self, forKey: .queueID)
        annotationID = try container.decodeIfPresent(Int.self, forKey: .annotationID)
        requestID = try container.decodeIfPresent(String.self, forKey: .requestID)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        triggerEvent = try container.decodeIfPresent(String.self, forKey: .triggerEvent)
        triggerCondition = try container.decodeIfPresent(String.self, forKey: .triggerCondition)
        executionResult = try container.decodeIfPresent(String.self, forKey: .executionResult)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(ruleID, forKey: .ruleID)
        try container.encodeIfPresent(ruleName, forKey: .ruleName)
        try container.encodeIfPresent(queueID, forKey: .queueID)
        try container.encodeIfPresent(annotationID, forKey: .annotationID)
        try container.encodeIfPresent(requestID, forKey: .requestID)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(triggerEvent, forKey: .triggerEvent)
        try container.encodeIfPresent(triggerCondition, forKey: .triggerCondition)
        try container.encodeIfPresent(executionResult, forKey: .executionResult)
    }
}
