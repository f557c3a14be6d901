import Foundation
import RossumKit

/// One hook run as the logs screen shows it, with the whole entry kept for `enter`.
public struct HookLogEntry: Sendable, Hashable, Identifiable {
    /// The execution's id (`uuid`, else `request_id`): the cursor follows it through refreshes.
    public var id: String
    public var started: Date?
    public var hookID: Int?
    public var event: String
    public var status: String
    public var statusCode: Int?
    /// Milliseconds from start to end, when it ended.
    public var durationMS: Int?
    public var level: String
    public var annotationID: Int?
    public var queueID: Int?
    public var message: String
    /// The entry as the API sent it, pretty-printed (request and response included), secrets
    /// redacted.
    public var json: String
    /// The event and action apart (`annotation_content`, `export`), for a replay.
    public var eventName: String?
    public var actionName: String?
    /// What the hook answered then, to compare a replay with.
    public var response: JSONValue?

    init(_ run: HookRunData) {
        // The API logs the request and the response as text holding JSON: read them as JSON,
        // so the whole entry reads as one document and a replay can compare the messages.
        var run = run
        run.request = run.request.map(Self.decodedIfText)
        run.response = run.response.map(Self.decodedIfText)
        id = run.uuid ?? run.requestID ?? UUID().uuidString
        started = Shape.date(run.start ?? run.timestamp)
        hookID = run.hookID
        event = [run.event, run.action].compactMap { $0 }.joined(separator: ".")
        status = run.status ?? "-"
        statusCode = run.statusCode
        if let start = Shape.date(run.start), let end = Shape.date(run.end) { durationMS = Int((end.timeIntervalSince(start) * 1000).rounded()) }
        level = run.logLevel ?? "INFO"
        annotationID = run.annotationID
        queueID = run.queueID
        message = run.message ?? ""
        // Shown, saved and printed: a hook's settings and requests can carry its API keys and
        // tokens, redacted here once as the support bundle redacts them.
        let whole = (try? JSONEncoder().encode(run)).flatMap { try? JSONDecoder().decode(JSONValue.self, from: $0) } ?? .object([:])
        json = Shape.prettyJSON(CaseFileBundle.redact(whole))
        eventName = run.event
        actionName = run.action
        response = run.response.map(CaseFileBundle.redact)
    }

    public var failed: Bool { status == "failed" || level == "ERROR" }

    /// The entry to read: the JSON, then each text of it that runs over several lines (a
    /// traceback in `output`, a long `message`) on its own real lines, as it was written.
    public var readable: String {
        guard let object = try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)) else { return json }
        let blocks = ["message", "output"].compactMap { key -> String? in
            guard let text = object[key]?.stringValue, text.contains("\n") else { return nil }
            return "\n── \(key) ──\n" + text
        }
        return json + blocks.joined()
    }

    static func decodedIfText(_ value: JSONValue) -> JSONValue {
        guard case .string(let text) = value, text.first == "{" || text.first == "[",
              let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return value }
        return parsed
    }
}

/// `hooks/logs` for a filter (newest first, the last 7 days, at most 100), with the hooks'
/// names the first time (they change rarely; the screen keeps them).
public struct HookLogsRequest: DataRequest {
    /// The API answers at most this many runs; older ones are asked for with `start_before`.
    public static let pageSize = 100

    public var filter: HookLogFilter
    public var withHookNames: Bool
    /// Runs that started before this (the next older page); nil: the newest.
    public var startedBefore: Date?

    public init(filter: HookLogFilter, withHookNames: Bool, startedBefore: Date? = nil) {
        self.filter = filter
        self.withHookNames = withHookNames
        self.startedBefore = startedBefore
    }

    /// The filter's query, and `start_before` for an older page.
    var pagedQuery: QueryItems {
        var query = filter.query
        if let startedBefore { query.append("start_before", QueryValue(Formatting.apiTimestamp(startedBefore))) }
        return query
    }

    public struct Answer: Sendable, Hashable {
        public var entries: [HookLogEntry]
        public var hookNames: [Int: String]?
    }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> Answer {
        let client = services.client
        let query = pagedQuery
        let withNames = withHookNames
        return try await services.attempt {
            async let runs = client.hooks.runData(filters: query)
            var names: [Int: String]?
            if withNames {
                names = [:]
                for try await hook in client.hooks.list() { names?[hook.id] = hook.name ?? "hook \(hook.id)" }
            }
            return Answer(entries: try await runs.map(HookLogEntry.init), hookNames: names)
        }
    }
}
