import Foundation
import Logging
import RossumJobs
import RossumKit

/// What requests and jobs run on: the one shared client, the jobs journal with the scope of
/// this server and account, and the log. Requests shape the client's resources into the
/// console's small view models themselves.
public struct ConsoleServices: Sendable {
    public let client: RossumClient
    /// The journal the headless jobs share; nil when it could not be opened.
    public let journal: Journal?
    /// Whose jobs this console shows and runs.
    public let scope: JournalScope
    /// The retry policy of upserts and replaces started here. The CLI polls every 30 s; a
    /// person watching the monitor gets the operation's news as often as the monitor polls.
    public let jobPolicy: UpsertPolicy
    public let logger: Logger

    public init(client: RossumClient, journal: Journal? = nil, scope: JournalScope? = nil,
                jobPolicy: UpsertPolicy = UpsertPolicy(pollEvery: .seconds(2)), logger: Logger) {
        self.client = client
        self.journal = journal
        self.scope = scope ?? JournalScope(server: client.baseURL, account: "")
        self.jobPolicy = jobPolicy
        self.logger = logger
    }

    /// Runs a client call, turning its errors into the words the screen shows.
    func attempt<T>(_ body: () async throws -> T) async throws(ConsoleFailure) -> T {
        do { return try await body() } catch { throw ConsoleFailure(error) }
    }

    /// The web app's address of an annotation: the API host without `/api/v1`.
    func webURL(_ id: Int) -> String {
        var base = Redactor.removingURLCredentials(from: client.baseURL)
        if base.hasSuffix("/api/v1") { base = String(base.dropLast("/api/v1".count)) }
        return base + "/document/\(id)"
    }
}

extension ConsoleFailure {
    /// A client error in the console's words.
    init(_ error: any Error) {
        if let failure = error as? ConsoleFailure {
            self = failure
            return
        }
        guard let error = error as? RossumError else {
            self.init(kind: .other, message: String(describing: error))
            return
        }
        switch error {
        case .http(let status, _, _, let detail):
            let kind: Kind
            switch status {
            case 409: kind = .conflict
            case 404: kind = .notFound
            case 401, 403: kind = .unauthorized
            case 400, 413, 415, 422: kind = .badInput
            default: kind = status >= 500 ? .server : .other
            }
            self.init(kind: kind, status: status, message: detail.isEmpty ? error.description : detail)
        case .transport, .timeout: self.init(kind: .network, message: error.description)
        case .authentication: self.init(kind: .unauthorized, message: error.description)
        case .conflict(let message): self.init(kind: .conflict, message: message)
        default: self.init(kind: .other, message: error.description)
        }
    }
}
