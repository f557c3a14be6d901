// Models decode with explicit snake_case keys; every field but the identity is optional,
// lists default to empty and unknown keys are ignored, so API additions never break decoding.

/// A connector: the export/validation endpoint of a queue.
public struct Connector: Sendable, Hashable, Codable, Identifiable {
    public var id: Int
    public var name: String?
    public var url: String?
    public var queues: [String] = []
    public var serviceURL: String?
    public var authorizationToken: String?
    public var authorizationType: String?
    public var params: String?
    public var clientSslCertificate: String?
    public var asynchronous: Bool?
    public var metadata: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id
        case name
        case url
        case queues
        case serviceURL = "service_url"
        case authorizationToken = "authorization_token"
        case authorizationType = "authorization_type"
        case params
        case clientSslCertificate = "client_ssl_certificate"
        case asynchronous
        case metadata
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        queues = try container.decodeIfPresent([String].self, forKey: .queues) ?? []
        serviceURL = try container.decodeIfPresent(String.self, forKey: .serviceURL)
        authorizationToken = try container.decodeIfPresent(String.self, forKey: .authorizationToken)
        authorizationType = try container.decodeIfPresent(String.self, forKey: .authorizationType)
        params = try container.decodeIfPresent(String.self, forKey: .params)
        clientSslCertificate = try container.decodeIfPresent(String.self, forKey: .clientSslCertificate)
        asynchronous = try container.decodeIfPresent(Bool.self, forKey: .asynchronous)
        metadata = try container.decodeIfPresent(JSONValue.self, forKey: .metadata)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encode(queues, forKey: .queues)
        try container.encodeIfPresent(serviceURL, forKey: .serviceURL)
        try container.encodeIfPresent(authorizationToken, forKey: .authorizationToken)
        try container.encodeIfPresent(authorizationType, forKey: .authorizationType)
        try container.encodeIfPresent(params, forKey: .params)
        try container.encodeIfPresent(clientSslCertificate, forKey: .clientSslCertificate)
        try container.encodeIfPresent(asynchronous, forKey: .asynchronous)
        try container.encodeIfPresent(metadata, forKey: .metadata)
    }
}
