import Foundation

/// Everything known about why an annotation is where it is, as one timeline.
public struct CaseFile: Sendable, Hashable {
    public var annotationID: Int
    public var status: String
    public var fileName: String
    public var queueName: String?
    /// Newest first.
    public var entries: [CaseEntry]
    /// The short answer at the top: why an export failed, what blocks automation.
    public var headline: [String] = []
    /// What the console's keys can do about it (the case file screen shows it; the CLI does not).
    public var advice: String?
    /// Sources that could not be read, and why (a missing permission is said, not hidden).
    public var gaps: [String] = []
}

/// One thing that happened to the annotation, naming where it comes from.
public struct CaseEntry: Sendable, Hashable, Identifiable {
    public enum Source: String, Sendable, Hashable, CaseIterable {
        case history, audit, hook, rule, message, blocker, note, email, mdh, retention

        /// The column's word: where the person would look for it in the web app.
        public var label: String {
            switch self {
            case .history: "status"
            case .audit: "audit"
            case .hook: "hook"
            case .rule: "rule"
            case .message: "message"
            case .blocker: "blocker"
            case .note: "note"
            case .email: "email"
            case .mdh: "mdh"
            case .retention: "logs"
            }
        }
    }

    public enum Level: Sendable, Hashable { case info, warning, error }

    public var id: String
    public var time: Date?
    public var source: Source
    public var summary: String
    public var level: Level
    /// The entry whole (JSON or text) for `enter`; nil when the summary is all there is.
    public var detail: String?
    /// The entry as the API sent it, where `detail` adds to it for reading (a hook run's long
    /// texts on their own lines); nil when `detail` is the entry as sent. A support bundle keeps it.
    public var raw: String?

    public init(id: String, time: Date?, source: Source, summary: String, level: Level = .info, detail: String? = nil, raw: String? = nil) {
        self.id = id
        self.time = time
        self.source = source
        self.summary = summary
        self.level = level
        self.detail = detail
        self.raw = raw
    }
}
