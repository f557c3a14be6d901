import Foundation
import Logging

/// The Rossum API client: authentication, retries, the in-flight cap, and one group of methods per
/// resource (`client.annotations`, `client.queues`, ..., `client.masterDataHub`, `client.dataStorage`).
///
/// One client is meant to be shared by every task of a program: it is `Sendable`, and the cap on
/// requests in flight holds across all of them.
public final class RossumClient: Sendable {
    /// The API base URL, including `/api/v1`.
    public let baseURL: String
    /// Where `/svc/...` services live (the app domain).
    public let servicesRoot: String
    public let configuration: RossumClientConfiguration

    let transport: any HTTPTransport
    let session: AuthSession
    let limiter: AsyncSemaphore
    let redactor = Redactor()
    /// Status actions of this client hold their annotation's key (`Annotations.perform`).
    let annotationActions = KeyedGate<Int>()
    let retryPolicy: RetryPolicy
    let logger: Logger

    /// - Parameters:
    ///   - baseURL: the API base including `/api/v1`, e.g. `https://example.rossum.app/api/v1`.
    ///   - transport: leave nil for AsyncHTTPClient; tests may pass their own.
    public init(
        baseURL: String,
        credentials: Credentials,
        configuration: RossumClientConfiguration = RossumClientConfiguration(),
        transport: (any HTTPTransport)? = nil
    ) throws {
        let configuration = try configuration.validated()
        guard let parsed = URL(string: baseURL), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", parsed.host != nil
        else {
            throw RossumError.configuration(
                "base URL \"\(Redactor.removingURLCredentials(from: baseURL))\" is not an http(s) URL (expected e.g. https://example.rossum.app/api/v1)")
        }
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.servicesRoot = configuration.servicesRoot ?? URLText.servicesRoot(fromAPIBase: baseURL)
        self.configuration = configuration
        self.transport = transport ?? AsyncHTTPTransport(
            connections: configuration.maxInFlightRequests, connectTimeout: configuration.connectTimeout, readTimeout: configuration.timeout)
        self.session = AuthSession(credentials: credentials)
        self.limiter = AsyncSemaphore(limit: configuration.maxInFlightRequests)
        self.retryPolicy = RetryPolicy(
            attempts: configuration.retries, budget: configuration.retryBudget, backoffFactor: configuration.backoffFactor,
            maxBackoff: configuration.maxBackoff, maxJitter: configuration.maxJitter, maxRetryAfter: configuration.maxRetryAfter)
        self.logger = configuration.logger
        switch credentials {
        case .credentials(_, let password): redactor.remember(password)
        case .token(let token): redactor.remember(token)
        }
    }

    public convenience init(
        baseURL: URL, credentials: Credentials,
        configuration: RossumClientConfiguration = RossumClientConfiguration()
    ) throws {
        try self.init(baseURL: baseURL.absoluteString, credentials: credentials, configuration: configuration)
    }

    /// `baseURL` + `path`, or `path` itself when it is already an absolute URL.
    public func url(_ path: String) -> String {
        URLText.resolve(path, against: baseURL)
    }

    /// A URL under the services root, e.g. `service("svc/data-storage/api/v1/data/find")`.
    public func serviceURL(_ path: String) -> String {
        URLText.resolve(path, against: servicesRoot)
    }

    /// Blanks out any secret this client knows from `text` (for callers that log errors themselves).
    public func redact(_ text: String) -> String {
        redactor.redact(text)
    }
}
