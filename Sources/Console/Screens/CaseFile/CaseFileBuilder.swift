import Foundation
import RossumKit

/// Shapes what the API said about an annotation into its case file: a pure function of the
/// answers, so the timeline's rules are tested without a server.
enum CaseFileBuilder {
    struct Sources {
        var annotation: Annotation
        var hookRuns: [HookLogEntry]?
        var hookNames: [Int: String] = [:]
        var audit: [AuditLogEntry]?
        var notes: [Note]?
        var ruleRuns: [RulesExecutionLog]?
        var email: Email?
        /// The MDH datasets the queue's matching hooks read, and the operations on the service.
        var matchingDatasets: [String] = []
        var datasetOperations: [DatasetOperation]?
        var queueName: String?
        /// Usernames of the users the annotation's history names, by id.
        var userNames: [Int: String] = [:]
        var gaps: [String] = []
    }

    /// How long the API keeps hook logs.
    static let hookLogRetention: TimeInterval = 7 * 86_400

    static func build(_ sources: Sources, now: Date) -> CaseFile {
        let annotation = sources.annotation
        var entries: [CaseEntry] = []
        entries += history(annotation, users: sources.userNames)
        for (index, entry) in (sources.audit ?? []).enumerated() {
            let request = entry.content
            let code = request?["status_code"]?.intValue.map { " → \($0)" } ?? ""
            let what = [request?["method"]?.stringValue, request?["path"]?.stringValue].compactMap { $0 }.joined(separator: " ")
            // The change itself when the log carries it (`details` or `payload`: the reference uses both).
            let details = (request?["details"] ?? request?["payload"]).flatMap { $0.objectValue?.isEmpty == false ? Shape.text($0) : nil }
            entries.append(CaseEntry(id: "audit-\(index)", time: Shape.date(entry.timestamp), source: .audit,
                                     summary: "\(entry.action ?? "change") by \(entry.username ?? "someone")\(what.isEmpty ? "" : ": " + what)\(code)"
                                        + (details.map { " " + $0 } ?? ""),
                                     detail: Shape.prettyJSON(entry)))
        }
        for run in sources.hookRuns ?? [] {
            let hook = run.hookID.map { sources.hookNames[$0] ?? "hook \($0)" } ?? "hook"
            let code = run.statusCode.map { " \($0)" } ?? ""
            let took = run.durationMS.map { " in \($0) ms" } ?? ""
            let message = run.message.isEmpty ? "" : ": " + run.message
            entries.append(CaseEntry(id: "hook-" + run.id, time: run.started, source: .hook,
                                     summary: "\(hook) on \(run.event): \(run.status)\(code)\(took)\(message)",
                                     level: run.failed ? .error : run.level == "WARNING" ? .warning : .info, detail: run.readable,
                                     raw: run.json))
        }
        for (index, message) in (annotation.messages?.arrayValue ?? []).enumerated() {
            let type = message["type"]?.stringValue ?? "info"
            let text = message["content"]?.stringValue ?? message["message"]?.stringValue ?? ""
            // Extensions' messages carry who left them and when (`detail.hook_name`, `detail.timestamp`).
            let hook = message["detail"]?["hook_name"]?.stringValue.map { $0 + ": " } ?? ""
            entries.append(CaseEntry(id: "message-\(index)", time: Shape.date(message["detail"]?["timestamp"]?.stringValue), source: .message,
                                     summary: "[\(type)] \(hook)\(text)", level: type == "error" ? .error : type == "warning" ? .warning : .info,
                                     detail: Shape.prettyJSON(message)))
        }
        // One entry per kind of blocker (ten low scores are one fact, not ten lines above the runs).
        let blockers = annotation.automationBlocker?.object?.content ?? []
        var kinds: [String] = []
        for blocker in blockers where !kinds.contains(blocker.type ?? "blocker") { kinds.append(blocker.type ?? "blocker") }
        for kind in kinds {
            let ofKind = blockers.filter { ($0.type ?? "blocker") == kind }
            let fields = ofKind.compactMap(\.schemaID)
            let why = ofKind.compactMap { $0.details.map(Shape.text) }.first.map { ": " + $0 } ?? ""
            entries.append(CaseEntry(id: "blocker-" + kind, time: nil, source: .blocker,
                                     summary: "not automated: \(kind)" + (fields.isEmpty ? why : " on " + fields.joined(separator: ", ")),
                                     level: .warning, detail: Shape.prettyJSON(ofKind)))
        }
        for (index, run) in (sources.ruleRuns ?? []).enumerated() {
            let result = run.executionResult ?? "ran"
            entries.append(CaseEntry(id: "rule-\(index)", time: Shape.date(run.createdAt), source: .rule,
                                     summary: "\(run.ruleName ?? "rule \(run.ruleID ?? 0)") on \(run.triggerEvent ?? "an event"): \(result)",
                                     level: result.lowercased().contains("fail") || result.lowercased().contains("error") ? .error : .info,
                                     detail: Shape.prettyJSON(run)))
        }
        entries += dataHubOperations(sources)
        for note in sources.notes ?? [] {
            entries.append(CaseEntry(id: "note-\(note.id)", time: Shape.date(note.createdAt), source: .note,
                                     summary: "\(note.type ?? "note"): \(note.content ?? "")", detail: Shape.prettyJSON(note)))
        }
        if let email = sources.email {
            let sender = email.from?["email"]?.stringValue ?? email.from?.stringValue ?? "unknown sender"
            let filtered = (email.filteredOutDocumentCount ?? 0) > 0 ? ", \(email.filteredOutDocumentCount ?? 0) attachment(s) filtered out" : ""
            entries.append(CaseEntry(id: "email-\(email.id)", time: Shape.date(email.createdAt), source: .email,
                                     summary: "arrived by email from \(sender): \"\(email.subject ?? "")\" (\(email.documents.count) document(s)\(filtered))",
                                     detail: Shape.prettyJSON(email)))
        }
        // Where the hook logs end: runs older than this are gone, not absent.
        if let arrived = Shape.date(annotation.arrivedAt ?? annotation.createdAt), now.timeIntervalSince(arrived) > hookLogRetention {
            entries.append(CaseEntry(id: "retention", time: now.addingTimeInterval(-hookLogRetention), source: .retention,
                                     summary: "hook runs before this are gone: the API keeps hook logs for 7 days"))
        }
        // Entries with a time, newest first; the timeless ones (messages, blockers) describe
        // the annotation now, so they lead.
        entries.sort { a, b in
            switch (a.time, b.time) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): return x > y
            }
        }
        return CaseFile(annotationID: annotation.id, status: annotation.status?.rawValue ?? "?",
                        fileName: annotation.document?.object?.originalFileName ?? "", queueName: sources.queueName,
                        entries: entries, headline: headline(annotation, sources),
                        advice: annotation.status?.rawValue == "failed_export"
                            ? "E retries the export once its cause is fixed · u returns it to review to fix the data · L hook logs" : nil,
                        gaps: sources.gaps)
    }

    /// The status timestamps the annotation carries, as entries (with who, where the API says).
    static func history(_ annotation: Annotation, users: [Int: String] = [:]) -> [CaseEntry] {
        let steps: [(String, String?, String?, CaseEntry.Level)] = [
            ("created", annotation.createdAt, nil, .info), ("arrived in the queue", annotation.arrivedAt, nil, .info),
            ("confirmed", annotation.confirmedAt, annotation.confirmedBy, .info), ("exported", annotation.exportedAt, annotation.exportedBy, .info),
            ("export failed", annotation.exportFailedAt, nil, .error), ("rejected", annotation.rejectedAt, annotation.rejectedBy, .warning),
            ("deleted", annotation.deletedAt, annotation.deletedBy, .warning), ("purged", annotation.purgedAt, annotation.purgedBy, .warning),
        ]
        return steps.compactMap { name, at, by, level in
            guard let date = Shape.date(at) else { return nil }
            let who = by.flatMap(Shape.trailingID).map { " by " + (users[$0] ?? "user \($0)") } ?? ""
            return CaseEntry(id: "history-" + name, time: date, source: .history, summary: name + who, level: level)
        }
    }

    /// Why it is stuck, in one or two lines: the failing export hook's last answer, the blockers.
    static func headline(_ annotation: Annotation, _ sources: Sources) -> [String] {
        var lines: [String] = []
        if annotation.status?.rawValue == "failed_export" {
            let failing = (sources.hookRuns ?? []).filter(\.failed).max { ($0.started ?? .distantPast) < ($1.started ?? .distantPast) }
            if let failing {
                let hook = failing.hookID.map { sources.hookNames[$0] ?? "hook \($0)" } ?? "a hook"
                let code = failing.statusCode.map { " answered \($0)" } ?? " failed"
                lines.append("Export failed: \(hook)\(code)" + (failing.message.isEmpty ? "" : ": " + failing.message))
            } else {
                lines.append("Export failed; no failed hook run is in the logs (they keep 7 days)")
            }
        }
        if annotation.status?.rawValue == "failed_import" {
            let failing = (sources.hookRuns ?? []).filter(\.failed).max { ($0.started ?? .distantPast) < ($1.started ?? .distantPast) }
            let error = (annotation.messages?.arrayValue ?? []).first { $0["type"]?.stringValue == "error" }?["content"]?.stringValue
            if let failing {
                let hook = failing.hookID.map { sources.hookNames[$0] ?? "hook \($0)" } ?? "a hook"
                lines.append("Import failed: \(hook)\(failing.statusCode.map { " answered \($0)" } ?? " failed")"
                             + (failing.message.isEmpty ? "" : ": " + failing.message))
            } else {
                lines.append("Import failed" + (error.map { ": " + $0 } ?? "; the logs name no cause (they keep 7 days)"))
            }
        }
        let blockers = annotation.automationBlocker?.object?.content ?? []
        if !blockers.isEmpty {
            lines.append("Not automated: " + blockers.map { ($0.type ?? "blocker") + ($0.schemaID.map { " (\($0))" } ?? "") }.joined(separator: ", "))
        }
        return lines
    }
}
