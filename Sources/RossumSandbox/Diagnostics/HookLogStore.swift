import Foundation
import GRDB

/// Hook run logs: written for every hook run, served by `GET hooks/logs` for 7 days.
enum HookLogStore {
    static let retention: TimeInterval = 7 * 86_400

    static func runCount(_ db: Database, hookID: Int, annotationID: Int, event: String, action: String) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM hook_logs WHERE hook_id = ? AND annotation_id = ? AND event = ? AND action = ?"),
            arguments: [hookID, annotationID, event, action]) ?? 0
    }

    /// Logs one run, triggered at `triggeredAt` and begun at `start` (at or after it), and
    /// returns when it ended; `annotation` is nil for runs about no annotation (`hooks/{id}/invoke`).
    ///
    /// The sandbox runs a hook at once and only simulates how long it takes, so a live run's
    /// simulated end would lie ahead: a 30 s timeout triggered now would "end" 30 s from now,
    /// and dating its start back by 30 s instead puts it before the event that caused it. A
    /// log records what has happened, so the end is the simulated one capped at the moment of
    /// logging: a run of the seeded past keeps its whole duration, a live run ends when the
    /// sandbox finished it. Its outcome (a timeout's message) still says what it simulated.
    @discardableResult
    static func insert(
        _ db: Database, hook: JSONValue, annotation: AnnotationRecord?, organizationID: Int, event: String, action: String,
        requestID: String, payload: JSONValue, outcome: HookOutcome, triggeredAt: Date, start begun: Date, loggedAt: Date = Date()
    ) throws -> Date {
        let hookID = hook["id"]?.intValue ?? 0
        let ended = max(begun, min(begun.addingTimeInterval(outcome.duration), loggedAt))
        let timestamp = DemoClock.timestamp(triggeredAt)
        let start = DemoClock.timestamp(begun)
        let finished = DemoClock.timestamp(ended)
        let logsPayloads = hook["config"]?["payload_logging_enabled"]?.boolValue ?? false
        let isFunction = hook["type"]?.stringValue == "function"
        let logLevel = outcome.failed ? "ERROR" : (outcome.messages.contains { $0["type"]?.stringValue == "warning" } ? "WARNING" : "INFO")
        let status = outcome.failed ? "failed" : "completed"
        let entry: JSONValue = [
            "timestamp": .string(timestamp), "request_id": .string(requestID), "uuid": .string(requestID),
            "event": .string(event), "action": .string(action), "organization_id": .int(organizationID),
            "queue_id": annotation.map { .int($0.queueID) } ?? .null, "hook_id": .int(hookID), "hook_type": hook["type"] ?? "webhook",
            "annotation_id": annotation.map { .int($0.id) } ?? .null, "email_id": .null, "log_level": .string(logLevel),
            "message": .string(outcome.logMessage),
            "request": logsPayloads ? .string(payload.serialized(apiBase: nil)) : .null,
            "response": logsPayloads ? outcome.response.map { .string($0.serialized(apiBase: nil)) } ?? .null : .null,
            "start": .string(start), "end": .string(finished), "settings": hook["settings"] ?? [:],
            "status": .string(status), "status_code": outcome.statusCode.map(JSONValue.int) ?? .null,
            "output": isFunction ? outcome.output.map(JSONValue.string) ?? .null : .null,
        ]
        try db.cachedStatement(
            sql: """
                INSERT INTO hook_logs (uuid, request_id, timestamp, start, "end", hook_id, queue_id, annotation_id, email_id,
                    log_level, status, status_code, event, action, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                requestID, requestID, timestamp, start, finished, hookID, annotation?.queueID, annotation?.id, logLevel, status,
                outcome.statusCode, event, action, entry.storageText,
            ])
        return ended
    }

    /// `GET hooks/logs`: newest first, at most `page_size` (1-100, default 100), nothing older than 7 days.
    static func list(_ db: Database, query: QueryParameters, now: Date = Date()) throws -> [JSONValue] {
        var filter = SQLFilter()
        filter.add("start >= ?", [DemoClock.timestamp(now.addingTimeInterval(-retention))])
        for (key, column) in [("annotation", "annotation_id"), ("hook", "hook_id"), ("queue", "queue_id"), ("email", "email_id")] {
            if let ids = try query.idList(key) { filter.addIn(column, ids) }
        }
        if let codes = try DiagnosticQuery.integers(query, "status_code") { filter.addIn("status_code", codes) }
        if let levels = try DiagnosticQuery.choices(query, "log_level", ["INFO", "WARNING", "ERROR"], uppercase: true) {
            filter.addIn("log_level", levels)
        }
        if let statuses = try DiagnosticQuery.choices(query, "status", ["waiting", "running", "completed", "cancelled", "failed"]) {
            filter.addIn("status", statuses)
        }
        if let requestID = query["request_id"] { filter.add("request_id = ?", [requestID]) }
        for (prefix, column) in [("timestamp", "timestamp"), ("start", "start"), ("end", "\"end\"")] {
            try filter.addTimeRange(column, query: query, prefix: prefix)
        }
        if let search = query["search"] { filter.add("body LIKE ? ESCAPE '\\'", ["%" + SQLFilter.escapeLike(search) + "%"]) }
        let page = try PageRequest(DiagnosticQuery.defaultingPageSize(query, to: 100), maximumPageSize: 100)
        return try String.fetchAll(
            db, sql: "SELECT body FROM hook_logs \(filter.whereClause) ORDER BY start DESC, seq DESC LIMIT ?",
            arguments: filter.arguments(page.pageSize)
        ).map(JSONValue.stored)
    }
}
