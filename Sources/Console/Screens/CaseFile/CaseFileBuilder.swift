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
        var email: Email?
        var queueName: String?
        var gaps: [String] = []
    }

    /// How long the API keeps hook logs.
    static let hookLogRetention: TimeInterval = 7 * 86_400

    static func build(_ sources: Sources, now: Date) -> CaseFile {
        let annotation = sources.annotation
        var entries: [CaseEntry] = []
        entries += history(annotation)
        for (index, entry) in (sources.audit ?? []).enumerated() {
            let request = entry.content
            let code = request?["status_code"]?.intValue.map { " → \($0)" } ?? ""
            let what = [request?["method"]?.stringValue, request?["path"]?.stringValue].compactMap { $0 }.joined(separator: " ")
            entries.append(CaseEntry(id: "audit-\(index)", time: Shape.date(entry.timestamp), source: .audit,
                                     summary: "\(entry.action ?? "change") by \(entry.username ?? "someone")\(what.isEmpty ? "" : ": " + what)\(code)",
                                     detail: Shape.prettyJSON(entry)))
        }
        for run in sources.hookRuns ?? [] {
            let hook = run.hookID.map { sources.hookNames[$0] ?? "hook \($0)" } ?? "hook"
            let code = run.statusCode.map { " \($0)" } ?? ""
            let took = run.durationMS.map { " in \($0) ms" } ?? ""
            let message = run.message.isEmpty ? "" : ": " + run.message
            entries.append(CaseEntry(id: "hook-" + run.id, time: run.started, source: .hook,
                                     summary: "\(hook) on \(run.event): \(run.status)\(code)\(took)\(message)",
                                     level: run.failed ? .error : run.level == "WARNING" ? .warning : .info, detail: run.json))
        }
        for (index, message) in (annotation.messages?.arrayValue ?? []).enumerated() {
            let type = message["type"]?.stringValue ?? "info"
            let text = message["content"]?.stringValue ?? message["message"]?.stringValue ?? ""
            entries.append(CaseEntry(id: "message-\(index)", time: nil, source: .message, summary: "[\(type)] \(text)",
                                     level: type == "error" ? .error : type == "warning" ? .warning : .info))
        }
        for (index, blocker) in (annotation.automationBlocker?.object?.content ?? []).enumerated() {
            let field = blocker.schemaID.map { " on \($0)" } ?? ""
            let why = blocker.details.map(Shape.text).map { ": " + $0 } ?? ""
            entries.append(CaseEntry(id: "blocker-\(index)", time: nil, source: .blocker,
                                     summary: "not automated: \(blocker.type ?? "blocker")\(field)\(why)", level: .warning))
        }
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
                        entries: entries, headline: headline(annotation, sources), gaps: sources.gaps)
    }

    /// The status timestamps the annotation carries, as entries (with who, where the API says).
    static func history(_ annotation: Annotation) -> [CaseEntry] {
        let steps: [(String, String?, String?, CaseEntry.Level)] = [
            ("created", annotation.createdAt, nil, .info), ("arrived in the queue", annotation.arrivedAt, nil, .info),
            ("confirmed", annotation.confirmedAt, annotation.confirmedBy, .info), ("exported", annotation.exportedAt, annotation.exportedBy, .info),
            ("export failed", annotation.exportFailedAt, nil, .error), ("rejected", annotation.rejectedAt, annotation.rejectedBy, .warning),
            ("deleted", annotation.deletedAt, annotation.deletedBy, .warning), ("purged", annotation.purgedAt, annotation.purgedBy, .warning),
        ]
        return steps.compactMap { name, at, by, level in
            guard let date = Shape.date(at) else { return nil }
            let who = by.flatMap(Shape.trailingID).map { " by user \($0)" } ?? ""
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
            lines.append("E retries the export, u returns it to review, L shows the hook logs")
        }
        let blockers = annotation.automationBlocker?.object?.content ?? []
        if !blockers.isEmpty {
            lines.append("Not automated: " + blockers.map { ($0.type ?? "blocker") + ($0.schemaID.map { " (\($0))" } ?? "") }.joined(separator: ", "))
        }
        return lines
    }
}
