// Models decode with explicit snake_case keys; every field but the identity is optional,
// lists default to empty and unknown keys are ignored, so API additions never break decoding.

/// A user of the organization.
public struct User: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var url: String?
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var dateJoined: String?
    public var username: String?
    public var organization: String?
    public var lastLogin: String?
    public var isActive: Bool?
    public var emailVerified: Bool?
    public var groups: [String] = []
    public var queues: [String] = []
    public var uiSettings: JSONValue?
    public var metadata: JSONValue?
    public var oidcID: String?
    public var authType: String?
    public var deleted: Bool?

    enum CodingKeys: String, CodingKey {
        case id
        case url
        case firstName = "first_name"
        case lastName = "last_name"
        case email
        case dateJoined = "date_joined"
        case username
        case organization
        case lastLogin = "last_login"
        case isActive = "is_active"
        case emailVerified = "email_verified"
        case groups
        case queues
        case uiSettings = "ui_settings"
        case metadata
        case oidcID = "oidc_id"
        case authType = "auth_type"
        case deleted
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        firstName = try container.decodeIfPresent(String.self, forKey: .firstName)
        lastName = try container.decodeIfPresent(String.self, forKey: .lastName)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        dateJoined = try container.decodeIfPresent(String.self, forKey: .dateJoined)
        username = try container.decodeIfPresent(String.self, forKey: .username)
        organization = try container.decodeIfPresent(String.self, forKey: .organization)
        lastLogin = try container.decodeIfPresent(String.self, forKey: .lastLogin)
        isActive = try container.decodeIfPresent(Bool.self, forKey: .isActive)
        emailVerified = try container.decodeIfPresent(Bool.self, forKey: .emailVerified)
        groups = try container.decodeIfPresent([String].self, forKey: .groups) ?? []
        queues = try container.decodeIfPresent([String].self, forKey: .queues) ?? []
        uiSettings = try container.decodeIfPresent(JSONValue.self, forKey: .uiSettings)
        metadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata)
        oidcID = try container.decodeIfPresent(String.self, forKey: .oidcID)
        authType = try container.decodeIfPresent(String.self, forKey: .authType)
        deleted = try container.decodeIfPresent(Bool.self, forKey: .deleted)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(firstName, forKey: .firstName)
        try container.encodeIfPresent(lastName, forKey: .lastName)
        try container.encodeIfPresent(email, forKey: .email)
        try container.encodeIfPresent(dateJoined, forKey: .dateJoined)
        try container.encodeIfPresent(username, forKey: .username)
        try container.encodeIfPresent(organization, forKey: .organization)
        try container.encodeIfPresent(lastLogin, forKey: .lastLogin)
        try container.encodeIfPresent(isActive, forKey: .isActive)
        try container.encodeIfPresent(emailVerified, forKey: .emailVerified)
        try container.encode(groups, forKey: .groups)
        try container.encode(queues, forKey: .queues)
        try container.encodeIfPresent(uiSettings, forKey: .uiSettings)
        try container.encodeIfPresent(metadata, forKey: .metadata)
        try container.encodeIfPresent(oidcID, forKey: .oidcID)
        try container.encodeIfPresent(authType, forKey: .authType)
        try container.encodeIfPresent(deleted, forKey: .deleted)
    }
}

/// A user role (the API calls them groups): admin, annotator, viewer...
public struct UserRole: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var name: String?
    public var url: String?

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case url
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        url = try container.decodeIfPresent(String.self, forKey: .url)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(url, forKey: .url)
    }
}
