// Models decode with explicit snake_case keys; every field but the identity is optional,
// lists default to empty and unknown keys are ignored, so API additions never break decoding.

/// An organization: the customer account.
public struct Organization: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var name: String?
    public var url: String?
    public var workspaces: [String] = []
    public var users: [String] = []
    public var organizationGroup: String?
    public var isTrial: Bool?
    public var createdAt: String?
    public var trialExpiresAt: String?
    public var expiresAt: String?
    public var oidcProvider: String?
    public var uiSettings: JSONValue?
    public var metadata: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case url
        case workspaces
        case users
        case organizationGroup = "organization_group"
        case isTrial = "is_trial"
        case createdAt = "created_at"
        case trialExpiresAt = "trial_expires_at"
        case expiresAt = "expires_at"
        case oidcProvider = "oidc_provider"
        case uiSettings = "ui_settings"
        case metadata
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        workspaces = try container.decodeIfPresent([String].self, forKey: .workspaces) ?? []
        users = try container.decodeIfPresent([String].self, forKey: .users) ?? []
        organizationGroup = try container.decodeIfPresent(String.self, forKey: .organizationGroup)
        isTrial = try container.decodeIfPresent(Bool.self, forKey: .isTrial)
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
        trialExpiresAt = try container.decodeIfPresent(String.self, forKey: .trialExpiresAt)
        expiresAt = try container.decodeIfPresent(String.self, forKey: .expiresAt)
        oidcProvider = try container.decodeIfPresent(String.self, forKey: .oidcProvider)
        uiSettings = try container.decodeIfPresent(JSONValue.self, forKey: .uiSettings)
        metadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encode(workspaces, forKey: .workspaces)
        try container.encode(users, forKey: .users)
        try container.encodeIfPresent(organizationGroup, forKey: .organizationGroup)
        try container.encodeIfPresent(isTrial, forKey: .isTrial)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(trialExpiresAt, forKey: .trialExpiresAt)
        try container.encodeIfPresent(expiresAt, forKey: .expiresAt)
        try container.encodeIfPresent(oidcProvider, forKey: .oidcProvider)
        try container.encodeIfPresent(uiSettings, forKey: .uiSettings)
        try container.encodeIfPresent(metadata, forKey: .metadata)
    }
}

/// The organization's sending limits.
public struct OrganizationLimit: Sendable, Hashable, Codable {
    public var emailLimits: EmailLimits?

    enum CodingKeys: String, CodingKey {
        case emailLimits = "email_limits"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        emailLimits = try container.decodeIfPresent(EmailLimits.self, forKey: .emailLimits)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(emailLimits, forKey: .emailLimits)
    }
}

/// E-mail counters and limits of an organization.
public struct EmailLimits: Sendable, Hashable, Codable {
    public var countToday: Int?
    public var countTodayNotification: Int?
    public var countTotal: Int?
    public var emailPerDayLimit: Int?
    public var emailPerDayLimitNotification: Int?
    public var emailTotalLimit: Int?
    public var lastSentAt: String?
    public var lastSentAtNotification: String?

    enum CodingKeys: String, CodingKey {
        case countToday = "count_today"
        case countTodayNotification = "count_today_notification"
        case countTotal = "count_total"
        case emailPerDayLimit = "email_per_day_limit"
        case emailPerDayLimitNotification = "email_per_day_limit_notification"
        case emailTotalLimit = "email_total_limit"
        case lastSentAt = "last_sent_at"
        case lastSentAtNotification = "last_sent_at_notification"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        countToday = try container.decodeIfPresent(Int.self, forKey: .countToday)
        countTodayNotification = try container.decodeIfPresent(Int.self, forKey: .countTodayNotification)
        countTotal = try container.decodeIfPresent(Int.self, forKey: .countTotal)
        emailPerDayLimit = try container.decodeIfPresent(Int.self, forKey: .emailPerDayLimit)
        emailPerDayLimitNotification = try container.decodeIfPresent(Int.self, forKey: .emailPerDayLimitNotification)
        emailTotalLimit = try container.decodeIfPresent(Int.self, forKey: .emailTotalLimit)
        lastSentAt = try container.decodeIfPresent(String.self, forKey: .lastSentAt)
        lastSentAtNotification = try container.decodeIfPresent(String.self, forKey: .lastSentAtNotification)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(countToday, forKey: .countToday)
        try container.encodeIfPresent(countTodayNotification, forKey: .countTodayNotification)
        try container.encodeIfPresent(countTotal, forKey: .countTotal)
        try container.encodeIfPresent(emailPerDayLimit, forKey: .emailPerDayLimit)
        try container.encodeIfPresent(emailPerDayLimitNotification, forKey: .emailPerDayLimitNotification)
        try container.encodeIfPresent(emailTotalLimit, forKey: .emailTotalLimit)
        try container.encodeIfPresent(lastSentAt, forKey: .lastSentAt)
        try container.encodeIfPresent(lastSentAtNotification, forKey: .lastSentAtNotification)
    }
}

/// A group of organizations (a deployment).
public struct OrganizationGroup: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var name: String?
    public var isTrial: Bool?
    public var isProduction: Bool?
    public var deploymentLocation: String?
    public var modifiedBy: String?
    public var modifiedAt: String?
    public var features: JSONValue?
    public var usage: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case isTrial = "is_trial"
        case isProduction = "is_production"
        case deploymentLocation = "deployment_location"
        case modifiedBy = "modified_by"
        case modifiedAt = "modified_at"
        case features
        case usage
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        isTrial = try container.decodeIfPresent(Bool.self, forKey: .isTrial)
        isProduction = try container.decodeIfPresent(Bool.self, forKey: .isProduction)
        deploymentLocation = try container.decodeIfPresent(String.self, forKey: .deploymentLocation)
        modifiedBy = try container.decodeIfPresent(String.self, forKey: .modifiedBy)
        modifiedAt = try container.decodeIfPresent(String.self, forKey: .modifiedAt)
        features = try container.decodeIfPresent(JSONValue.self, forKey: .features)
        usage = try container.decodeIfPresent(JSONValue.self, forKey: .usage)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(isTrial, forKey: .isTrial)
        try container.encodeIfPresent(isProduction, forKey: .isProduction)
        try container.encodeIfPresent(deploymentLocation, forKey: .deploymentLocation)
        try container.encodeIfPresent(modifiedBy, forKey: .modifiedBy)
        try container.encodeIfPresent(modifiedAt, forKey: .modifiedAt)
        try container.encodeIfPresent(features, forKey: .features)
        try container.encodeIfPresent(usage, forKey: .usage)
    }
}
