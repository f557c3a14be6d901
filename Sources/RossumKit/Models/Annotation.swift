// Models decode with explicit snake_case keys; every field but the identity is optional,
// lists default to empty and unknown keys are ignored, so API additions never break decoding.

/// Where an annotation is in its lifecycle. Unknown values are kept as `.other`.
public enum AnnotationStatus: OpenEnum {
    case created
    case importing
    case failedImport
    case split
    case toReview
    case reviewing
    case inWorkflow
    case confirmed
    case rejected
    case exporting
    case exported
    case failedExport
    case postponed
    case deleted
    case purged
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "created": self = .created
        case "importing": self = .importing
        case "failed_import": self = .failedImport
        case "split": self = .split
        case "to_review": self = .toReview
        case "reviewing": self = .reviewing
        case "in_workflow": self = .inWorkflow
        case "confirmed": self = .confirmed
        case "rejected": self = .rejected
        case "exporting": self = .exporting
        case "exported": self = .exported
        case "failed_export": self = .failedExport
        case "postponed": self = .postponed
        case "deleted": self = .deleted
        case "purged": self = .purged
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .created: return "created"
        case .importing: return "importing"
        case .failedImport: return "failed_import"
        case .split: return "split"
        case .toReview: return "to_review"
        case .reviewing: return "reviewing"
        case .inWorkflow: return "in_workflow"
        case .confirmed: return "confirmed"
        case .rejected: return "rejected"
        case .exporting: return "exporting"
        case .exported: return "exported"
        case .failedExport: return "failed_export"
        case .postponed: return "postponed"
        case .deleted: return "deleted"
        case .purged: return "purged"
        case .other(let value): return value
        }
    }

    public static let knownCases: [AnnotationStatus] = [.created, .importing, .failedImport, .split, .toReview, .reviewing, .inWorkflow, .confirmed, .rejected, .exporting, .exported, .failedExport, .postponed, .deleted, .purged]
}

/// An annotation: one document going through extraction, review and export. Sideloaded objects are embedded in `document`, `queue`, `modifier`, `content` and `automationBlocker` (see `Linked`).
public struct Annotation: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var url: String?
    public var status: AnnotationStatus?
    public var document: Linked<Document>?
    public var queue: Linked<Queue>?
    public var schema: String?
    public var relations: [String] = []
    public var pages: [String] = []
    public var creator: String?
    public var modifier: Linked<User>?
    public var modifiedBy: String?
    public var assignedAt: String?
    public var createdAt: String?
    public var confirmedAt: String?
    public var deletedAt: String?
    public var exportedAt: String?
    public var exportFailedAt: String?
    public var modifiedAt: String?
    public var purgedAt: String?
    public var rejectedAt: String?
    public var arrivedAt: String?
    public var confirmedBy: String?
    public var deletedBy: String?
    public var exportedBy: String?
    public var purgedBy: String?
    public var rejectedBy: String?
    public var rirPollID: String?
    public var messages: JSONValue?
    public var content: Linked<[ContentNode]>?
    public var timeSpent: Double?
    public var metadata: JSONValue?
    public var relatedEmails: [String] = []
    public var email: String?
    public var automationBlocker: Linked<AutomationBlocker>?
    public var emailThread: String?
    public var hasEmailThreadWithReplies: Bool?
    public var hasEmailThreadWithNewReplies: Bool?
    public var organization: String?
    public var prediction: JSONValue?
    public var assignees: [String] = []
    public var labels: [String] = []
    public var trainingEnabled: Bool?
    public var einvoice: Bool?
    public var automated: Bool?
    public var suggestedEdit: String?
    public var restrictedAccess: Bool?
    public var automaticallyRejected: Bool?

    enum CodingKeys: String, CodingKey {
        case id
        case url
        case status
        case document
        case queue
        case schema
        case relations
        case pages
        case creator
        case modifier
        case modifiedBy = "modified_by"
        case assignedAt = "assigned_at"
        case createdAt = "created_at"
        case confirmedAt = "confirmed_at"
        case deletedAt = "deleted_at"
        case exportedAt = "exported_at"
        case exportFailedAt = "export_failed_at"
        case modifiedAt = "modified_at"
        case purgedAt = "purged_at"
        case rejectedAt = "rejected_at"
        case arrivedAt = "arrived_at"
        case confirmedBy = "confirmed_by"
        case deletedBy = "deleted_by"
        case exportedBy = "exported_by"
        case purgedBy = "purged_by"
        case rejectedBy = "rejected_by"
        case rirPollID = "rir_poll_id"
        case messages
        case content
        case timeSpent = "time_spent"
        case metadata
        case relatedEmails = "related_emails"
        case email
        case automationBlocker = "automation_blocker"
        case emailThread = "email_thread"
        case hasEmailThreadWithReplies = "has_email_thread_with_replies"
        case hasEmailThreadWithNewReplies = "has_email_thread_with_new_replies"
        case organization
        case prediction
        case assignees
        case labels
        case trainingEnabled = "training_enabled"
        case einvoice
        case automated
        case suggestedEdit = "suggested_edit"
        case restrictedAccess = "restricted_access"
        case automaticallyRejected = "automatically_rejected"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        status = try container.decodeIfPresent(AnnotationStatus.self, forKey: .status)
        document = try container.decodeIfPresent(Linked<Document>.self, forKey: .document)
        queue = try container.decodeIfPresent(Linked<Queue>.self, forKey: .queue)
        schema = try container.decodeIfPresent(String.self, forKey: .schema)
        relations = try container.decodeIfPresent([String].self, forKey: .relations) ?? []
        pages = try container.decodeIfPresent([String].self, forKey: .pages) ?? []
        creator = try container.decodeIfPresent(String.self, forKey: .creator)
        modifier = try container.decodeIfPresent(Linked<User>.self, forKey: .modifier)
        modifiedBy = try container.decodeIfPresent(String.self, forKey: .modifiedBy)
        assignedAt = try container.decodeIfPresent(String.self, forKey: .assignedAt)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        confirmedAt = try container.decodeIfPresent(String.self, forKey: .confirmedAt)
        deletedAt = try container.decodeIfPresent(String.self, forKey: .deletedAt)
        exportedAt = try container.decodeIfPresent(String.self, forKey: .exportedAt)
        exportFailedAt = try container.decodeIfPresent(String.self, forKey: .exportFailedAt)
        modifiedAt = try container.decodeIfPresent(String.self, forKey: .modifiedAt)
        purgedAt = try container.decodeIfPresent(String.self, forKey: .purgedAt)
        rejectedAt = try container.decodeIfPresent(String.self, forKey: .rejectedAt)
        arrivedAt = try container.decodeIfPresent(String.self, forKey: .arrivedAt)
        confirmedBy = try container.decodeIfPresent(String.self, forKey: .confirmedBy)
        deletedBy = try container.decodeIfPresent(String.self, forKey: .deletedBy)
        exportedBy = try container.decodeIfPresent(String.self, forKey: .exportedBy)
        purgedBy = try container.decodeIfPresent(String.self, forKey: .purgedBy)
        rejectedBy = try container.decodeIfPresent(String.self, forKey: .rejectedBy)
        rirPollID = try container.decodeIfPresent(String.self, forKey: .rirPollID)
        messages = try container.decodeIfPresent(JSONValue.self, forKey: .messages)
        content = try container.decodeIfPresent(Linked<[ContentNode]>.self, forKey: .content)
        timeSpent = try container.decodeIfPresent(Double.self, forKey: .timeSpent)
        metadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata)
        relatedEmails = try container.decodeIfPresent([String].self, forKey: .relatedEmails) ?? []
        email = try container.decodeIfPresent(String.self, forKey: .email)
        automationBlocker = try container.decodeIfPresent(Linked<AutomationBlocker>.self, forKey: .automationBlocker)
        emailThread = try container.decodeIfPresent(String.self, forKey: .emailThread)
        hasEmailThreadWithReplies = try container.decodeIfPresent(Bool.self, forKey: .hasEmailThreadWithReplies)
        hasEmailThreadWithNewReplies = try container.decodeIfPresent(Bool.self, forKey: .hasEmailThreadWithNewReplies)
        organization = try container.decodeIfPresent(String.self, forKey: .organization)
        prediction = try container.decodeIfPresent(JSONValue.self, forKey: .prediction)
        assignees = try container.decodeIfPresent([String].self, forKey: .assignees) ?? []
        labels = try container.decodeIfPresent([String].self, forKey: .labels) ?? []
        trainingEnabled = try container.decodeIfPresent(Bool.self, forKey: .trainingEnabled)
        einvoice = try container.decodeIfPresent(Bool.self, forKey: .einvoice)
        automated = try container.decodeIfPresent(Bool.self, forKey: .automated)
        suggestedEdit = try container.decodeIfPresent(String.self, forKey: .suggestedEdit)
        restrictedAccess = try container.decodeIfPresent(Bool.self, forKey: .restrictedAccess)
        automaticallyRejected = try container.decodeIfPresent(Bool.self, forKey: .automaticallyRejected)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(document, forKey: .document)
        try container.encodeIfPresent(queue, forKey: .queue)
        try container.encodeIfPresent(schema, forKey: .schema)
        try container.encode(relations, forKey: .relations)
        try container.encode(pages, forKey: .pages)
        try container.encodeIfPresent(creator, forKey: .creator)
        try container.encodeIfPresent(modifier, forKey: .modifier)
        try container.encodeIfPresent(modifiedBy, forKey: .modifiedBy)
        try container.encodeIfPresent(assignedAt, forKey: .assignedAt)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(confirmedAt, forKey: .confirmedAt)
        try container.encodeIfPresent(deletedAt, forKey: .deletedAt)
        try container.encodeIfPresent(exportedAt, forKey: .exportedAt)
        try container.encodeIfPresent(exportFailedAt, forKey: .exportFailedAt)
        try container.encodeIfPresent(modifiedAt, forKey: .modifiedAt)
        try container.encodeIfPresent(purgedAt, forKey: .purgedAt)
        try container.encodeIfPresent(rejectedAt, forKey: .rejectedAt)
        try container.encodeIfPresent(arrivedAt, forKey: .arrivedAt)
        try container.encodeIfPresent(confirmedBy, forKey: .confirmedBy)
        try container.encodeIfPresent(deletedBy, forKey: .deletedBy)
        try container.encodeIfPresent(exportedBy, forKey: .exportedBy)
        try container.encodeIfPresent(purgedBy, forKey: .purgedBy)
        try container.encodeIfPresent(rejectedBy, forKey: .rejectedBy)
        try container.encodeIfPresent(rirPollID, forKey: .rirPollID)
        try container.encodeIfPresent(messages, forKey: .messages)
        try container.encodeIfPresent(content, forKey: .content)
        try container.encodeIfPresent(timeSpent, forKey: .timeSpent)
        try container.encodeIfPresent(metadata, forKey: .metadata)
        try container.encode(relatedEmails, forKey: .relatedEmails)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encodeIfPresent(automationBlocker, forKey: .automationBlocker)
        try container.encodeIfPresent(emailThread, forKey: .emailThread)
        try container.encodeIfPresent(hasEmailThreadWithReplies, forKey: .hasEmailThreadWithReplies)
        try container.encodeIfPresent(hasEmailThreadWithNewReplies, forKey: .hasEmailThreadWithNewReplies)
        try container.encodeIfPresent(organization, forKey: .organization)
        try container.encodeIfPresent(prediction, forKey: .prediction)
        try container.encode(assignees, forKey: .assignees)
        try container.encode(labels, forKey: .labels)
        try container.encodeIfPresent(trainingEnabled, forKey: .trainingEnabled)
        try container.encodeIfPresent(einvoice, forKey: .einvoice)
        try container.encodeIfPresent(automated, forKey: .automated)
        try container.encodeIfPresent(suggestedEdit, forKey: .suggestedEdit)
        try container.encodeIfPresent(restrictedAccess, forKey: .restrictedAccess)
        try container.encodeIfPresent(automaticallyRejected, forKey: .automaticallyRejected)
    }
}

/// One node of an annotation's extracted content: a section, datapoint, multivalue or tuple.
public struct ContentNode: Sendable, Hashable, Codable {
    public var id: Int?
    public var url: String?
    public var schemaID: String?
    public var category: String?
    public var children: [ContentNode] = []
    public var content: DatapointValue?
    public var hidden: Bool?
    public var validationSources: [String] = []
    public var options: JSONValue?
    public var timeSpent: Double?
    public var noRecalculation: Bool?

    enum CodingKeys: String, CodingKey {
        case id
        case url
        case schemaID = "schema_id"
        case category
        case children
        case content
        case hidden
        case validationSources = "validation_sources"
        case options
        case timeSpent = "time_spent"
        case noRecalculation = "no_recalculation"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(Int.self, forKey: .id)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        schemaID = try container.decodeIfPresent(String.self, forKey: .schemaID)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        children = try container.decodeIfPresent([ContentNode].self, forKey: .children) ?? []
        content = try container.decodeIfPresent(DatapointValue.self, forKey: .content)
        hidden = try container.decodeIfPresent(Bool.self, forKey: .hidden)
        validationSources = try container.decodeIfPresent([String].self, forKey: .validationSources) ?? []
        options = try container.decodeIfPresent(JSONValue.self, forKey: .options)
        timeSpent = try container.decodeIfPresent(Double.self, forKey: .timeSpent)
        noRecalculation = try container.decodeIfPresent(Bool.self, forKey: .noRecalculation)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(schemaID, forKey: .schemaID)
        try container.encodeIfPresent(category, forKey: .category)
        try container.encode(children, forKey: .children)
        try container.encodeIfPresent(content, forKey: .content)
        try container.encodeIfPresent(hidden, forKey: .hidden)
        try container.encode(validationSources, forKey: .validationSources)
        try container.encodeIfPresent(options, forKey: .options)
        try container.encodeIfPresent(timeSpent, forKey: .timeSpent)
        try container.encodeIfPresent(noRecalculation, forKey: .noRecalculation)
    }
}

/// The value of a datapoint and where it was found.
public struct DatapointValue: Sendable, Hashable, Codable {
    public var value: JSONValue?
    public var normalizedValue: JSONValue?
    public var page: Int?
    public var position: JSONValue?
    public var rirText: String?
    public var rirPage: Int?
    public var rirPosition: JSONValue?
    public var rirConfidence: Double?
    public var connectorPosition: JSONValue?
    public var connectorText: String?

    enum CodingKeys: String, CodingKey {
        case value
        case normalizedValue = "normalized_value"
        case page
        case position
        case rirText = "rir_text"
        case rirPage = "rir_page"
        case rirPosition = "rir_position"
        case rirConfidence = "rir_confidence"
        case connectorPosition = "connector_position"
        case connectorText = "connector_text"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decodeIfPresent(JSONValue.self, forKey: .value)
        normalizedValue = try container.decodeIfPresent(JSONValue.self, forKey: .normalizedValue)
        page = try container.decodeIfPresent(Int.self, forKey: .page)
        position = try container.decodeIfPresent(JSONValue.self, forKey: .position)
        rirText = try container.decodeIfPresent(String.self, forKey: .rirText)
        rirPage = try container.decodeIfPresent(Int.self, forKey: .rirPage)
        rirPosition = try container.decodeIfPresent(JSONValue.self, forKey: .rirPosition)
        rirConfidence = try container.decodeIfPresent(Double.self, forKey: .rirConfidence)
        connectorPosition = try container.decodeIfPresent(JSONValue.self, forKey: .connectorPosition)
        connectorText = try container.decodeIfPresent(String.self, forKey: .connectorText)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encodeIfPresent(normalizedValue, forKey: .normalizedValue)
        try container.encodeIfPresent(page, forKey: .page)
        try container.encodeIfPresent(position, forKey: .position)
        try container.encodeIfPresent(rirText, forKey: .rirText)
        try container.encodeIfPresent(rirPage, forKey: .rirPage)
        try container.encodeIfPresent(rirPosition, forKey: .rirPosition)
        try container.encodeIfPresent(rirConfidence, forKey: .rirConfidence)
        try container.encodeIfPresent(connectorPosition, forKey: .connectorPosition)
        try container.encodeIfPresent(connectorText, forKey: .connectorText)
    }
}

/// Why an annotation was not automated.
public struct AutomationBlocker: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var url: String?
    public var annotation: String?
    public var content: [AutomationBlockerContent] = []

    enum CodingKeys: String, CodingKey {
        case id
        case url
        case annotation
        case content
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        annotation = try container.decodeIfPresent(String.self, forKey: .annotation)
        content = try container.decodeIfPresent([AutomationBlockerContent].self, forKey: .content) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(annotation, forKey: .annotation)
        try container.encode(content, forKey: .content)
    }
}

/// One reason in an automation blocker.
public struct AutomationBlockerContent: Sendable, Hashable, Codable {
    public var level: String?
    public var type: String?
    public var schemaID: String?
    public var samplesTruncated: Bool?
    public var samples: JSONValue?
    public var details: JSONValue?

    enum CodingKeys: String, CodingKey {
        case level
        case type
        case schemaID = "schema_id"
        case samplesTruncated = "samples_truncated"
        case samples
        case details
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        level = try container.decodeIfPresent(String.self, forKey: .level)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        schemaID = try container.decodeIfPresent(String.self, forKey: .schemaID)
        samplesTruncated = try container.decodeIfPresent(Bool.self, forKey: .samplesTruncated)
        samples = try container.decodeIfPresent(JSONValue.self, forKey: .samples)
        details = try container.decodeIfPresent(JSONValue.self, forKey: .details)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(level, forKey: .level)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(schemaID, forKey: .schemaID)
        try container.encodeIfPresent(samplesTruncated, forKey: .samplesTruncated)
        try container.encodeIfPresent(samples, forKey: .samples)
        try container.encodeIfPresent(details, forKey: .details)
    }
}

/// Time spent on an annotation, in seconds.
public struct AnnotationProcessingDuration: Sendable, Hashable, Codable {
    public var annotation: String?
    public var timeSpentActive: Double?
    public var timeSpentOverall: Double?
    public var timeSpentEdit: Double?
    public var timeSpentBlockers: Double?
    public var timeSpentEmails: Double?
    public var timeSpentOpening: Double?
    public var durationLatestValidateStarted: Double?
    public var durationLatestValidateUpdatedBeforeConfirm: Double?

    enum CodingKeys: String, CodingKey {
        case annotation
        case timeSpentActive = "time_spent_active"
        case timeSpentOverall = "time_spent_overall"
        case timeSpentEdit = "time_spent_edit"
        case timeSpentBlockers = "time_spent_blockers"
        case timeSpentEmails = "time_spent_emails"
        case timeSpentOpening = "time_spent_opening"
        case durationLatestValidateStarted = "duration_latest_validate_started"
        case durationLatestValidateUpdatedBeforeConfirm = "duration_latest_validate_updated_before_confirm"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        annotation = try container.decodeIfPresent(String.self, forKey: .annotation)
        timeSpentActive = try container.decodeIfPresent(Double.self, forKey: .timeSpentActive)
        timeSpentOverall = try container.decodeIfPresent(Double.self, forKey: .timeSpentOverall)
        timeSpentEdit = try container.decodeIfPresent(Double.self, forKey: .timeSpentEdit)
        timeSpentBlockers = try container.decodeIfPresent(Double.self, forKey: .timeSpentBlockers)
        timeSpentEmails = try container.decodeIfPresent(Double.self, forKey: .timeSpentEmails)
        timeSpentOpening = try container.decodeIfPresent(Double.self, forKey: .timeSpentOpening)
        durationLatestValidateStarted = try container.decodeIfPresent(Double.self, forKey: .durationLatestValidateStarted)
        durationLatestValidateUpdatedBeforeConfirm = try container.decodeIfPresent(Double.self, forKey: .durationLatestValidateUpdatedBeforeConfirm)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(annotation, forKey: .annotation)
        try container.encodeIfPresent(timeSpentActive, forKey: .timeSpentActive)
        try container.encodeIfPresent(timeSpentOverall, forKey: .timeSpentOverall)
        try container.encodeIfPresent(timeSpentEdit, forKey: .timeSpentEdit)
        try container.encodeIfPresent(timeSpentBlockers, forKey: .timeSpentBlockers)
        try container.encodeIfPresent(timeSpentEmails, forKey: .timeSpentEmails)
        try container.encodeIfPresent(timeSpentOpening, forKey: .timeSpentOpening)
        try container.encodeIfPresent(durationLatestValidateStarted, forKey: .durationLatestValidateStarted)
        try container.encodeIfPresent(durationLatestValidateUpdatedBeforeConfirm, forKey: .durationLatestValidateUpdatedBeforeConfirm)
    }
}
