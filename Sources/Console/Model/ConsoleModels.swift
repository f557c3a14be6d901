import Foundation
import RossumKit

// The console keeps its own small view models instead of the client's full resources: the
// reducer stays pure and cheap to copy, and rows are shaped once when a response arrives.

public struct OrganizationSummary: Sendable, Hashable {
    public var id: Int
    public var name: String
    public init(id: Int, name: String) {
        self.id = id
        self.name = name
    }
}

public struct QueueSummary: Sendable, Hashable, Identifiable {
    public var id: Int
    public var name: String
    public var workspaceID: Int?
    public var schemaID: Int?
    /// Annotation counts by raw status name (`to_review`, `failed_export`, ...).
    public var counts: [String: Int]
    /// How long a review may stay open before the server lets it go (`session_timeout`).
    public var sessionTimeout: TimeInterval?
    public init(id: Int, name: String, workspaceID: Int? = nil, schemaID: Int? = nil, counts: [String: Int] = [:],
                sessionTimeout: TimeInterval? = nil) {
        self.id = id
        self.name = name
        self.workspaceID = workspaceID
        self.schemaID = schemaID
        self.counts = counts
        self.sessionTimeout = sessionTimeout
    }

    /// A queue's `session_timeout` as the API writes durations: `01:00:00`, `1 02:00:00` with
    /// days, seconds possibly with a fraction. Nil when it is not one.
    public static func duration(_ text: String) -> TimeInterval? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard (1...2).contains(parts.count), let clock = parts.last else { return nil }
        let days = parts.count == 2 ? Double(parts[0]) : 0
        let units = clock.split(separator: ":", omittingEmptySubsequences: false).map { Double($0) }
        guard let days, units.count == 3, let h = units[0], let m = units[1], let s = units[2],
              h >= 0, (0..<60).contains(m), s >= 0, s < 60 else { return nil }
        return days * 86_400 + h * 3_600 + m * 60 + s
    }

    /// One annotation moved between statuses by an action the server confirmed: the tabs
    /// follow at once instead of disagreeing with the list until the next count refresh.
    public mutating func countMove(from old: String, to new: String) {
        guard old != new else { return }
        if let count = counts[old] { counts[old] = max(0, count - 1) }
        counts[new, default: 0] += 1
    }
}

public struct WorkspaceSummary: Sendable, Hashable, Identifiable {
    public var id: Int
    public var name: String
    public var queues: [QueueSummary]
    public init(id: Int, name: String, queues: [QueueSummary]) {
        self.id = id
        self.name = name
        self.queues = queues
    }
}

/// One line of the annotation list.
public struct AnnotationRow: Sendable, Hashable, Identifiable {
    public var id: Int
    public var status: String
    public var fileName: String
    public var arrivedAt: Date?
    public var modifiedAt: Date?
    public var modifier: String?
    public var queueID: Int?
    /// Key extracted fields by schema id (`supplier`, `invoice_id`, `amount_total`...).
    public var fields: [String: String]
    public init(id: Int, status: String, fileName: String, arrivedAt: Date? = nil, modifiedAt: Date? = nil,
                modifier: String? = nil, queueID: Int? = nil, fields: [String: String] = [:]) {
        self.id = id
        self.status = status
        self.fileName = fileName
        self.arrivedAt = arrivedAt
        self.modifiedAt = modifiedAt
        self.modifier = modifier
        self.queueID = queueID
        self.fields = fields
    }
}

/// A page of the annotation list as the server answered it.
public struct AnnotationPage: Sendable, Hashable {
    public var rows: [AnnotationRow]
    public var total: Int
    public init(rows: [AnnotationRow], total: Int) {
        self.rows = rows
        self.total = total
    }
}

/// The extracted data of an annotation, flattened for display.
public indirect enum FieldNode: Sendable, Hashable {
    case section(label: String, children: [FieldNode])
    case value(label: String, value: String)
    /// Line items: a multivalue of tuples, shown as a table.
    case table(label: String, columns: [String], rows: [[String]])
    /// A multivalue of plain datapoints.
    case list(label: String, values: [String])
}

public struct BlockerSummary: Sendable, Hashable {
    public var level: String
    public var type: String
    public var schemaID: String?
    public var detail: String
    public init(level: String, type: String, schemaID: String? = nil, detail: String = "") {
        self.level = level
        self.type = type
        self.schemaID = schemaID
        self.detail = detail
    }
}

public struct AnnotationDetail: Sendable, Hashable {
    public var row: AnnotationRow
    public var queueName: String?
    public var workspaceName: String?
    public var mimeType: String?
    /// Lifecycle timestamps in the order they happen: ("created", date), ("confirmed", date), ...
    public var history: [(String, Date)]
    public var fields: [FieldNode]
    public var blockers: [BlockerSummary]
    public var messages: [String]
    public var webURL: String
    /// The content with its ids, the schema's rules and the reviewer: what the editor needs.
    public var editing: EditableContent?

    public init(row: AnnotationRow, queueName: String? = nil, mimeType: String? = nil, history: [(String, Date)] = [],
                fields: [FieldNode] = [], blockers: [BlockerSummary] = [], messages: [String] = [], webURL: String) {
        self.row = row
        self.queueName = queueName
        self.mimeType = mimeType
        self.history = history
        self.fields = fields
        self.blockers = blockers
        self.messages = messages
        self.webURL = webURL
    }

    public static func == (a: AnnotationDetail, b: AnnotationDetail) -> Bool {
        a.row == b.row && a.queueName == b.queueName && a.workspaceName == b.workspaceName && a.mimeType == b.mimeType
            && a.history.map(\.0) == b.history.map(\.0) && a.history.map(\.1) == b.history.map(\.1)
            && a.fields == b.fields && a.blockers == b.blockers && a.messages == b.messages && a.webURL == b.webURL
            && a.editing == b.editing
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(row)
        hasher.combine(webURL)
    }
}

public struct DatasetSummary: Sendable, Hashable, Identifiable {
    public var name: String
    public var recordCount: Int?
    public var id: String { name }
    public init(name: String, recordCount: Int? = nil) {
        self.name = name
        self.recordCount = recordCount
    }
}

/// Where an operation in the monitor comes from.
public enum OperationSource: String, Sendable, Hashable {
    case masterDataHub = "mdh"
    case dataStorage = "storage"
    /// A job this console (or the headless CLI) started, read from the local journal.
    case job = "job"
}

/// How the monitor writes the counts an operation reports.
extension OperationCounts {
    /// `+12 ~3 -1`: what changed, each only when reported (deleted only when any).
    public var changes: String {
        var parts: [String] = []
        if let inserted { parts.append("+" + Formatting.count(inserted)) }
        if let updated { parts.append("~" + Formatting.count(updated)) }
        if let deleted, deleted > 0 { parts.append("-" + Formatting.count(deleted)) }
        return parts.joined(separator: " ")
    }

    /// `+12 ~3 of 1,204`, for a message.
    public var summary: String {
        let size = recordCount.map { Formatting.count($0) }
        switch (changes.isEmpty, size) {
        case (true, nil): return "-"
        case (true, let size?): return size + " records"
        case (false, nil): return changes
        case (false, let size?): return changes + " of " + size
        }
    }
}

/// Where an operation stands: the one question the monitor, flashes and refreshes ask.
public enum OperationRowPhase: Sendable, Hashable {
    case running, succeeded, failed
}

/// A row of the operation monitor. States are kept as the server spells them, lower-cased:
/// the monitor says what the server said, nothing it did not.
public struct OperationRow: Sendable, Hashable, Identifiable {
    public var id: String
    public var source: OperationSource
    /// The operation's type as reported (`update`, `replace`, `download`...).
    public var kind: String
    public var state: String
    public var dataset: String?
    public var file: String?
    public var startedAt: Date?
    public var updatedAt: Date?
    public var finishedAt: Date?
    public var counts: OperationCounts
    /// 0...1 when the server or the job reports it; never made up.
    public var progress: Double?
    public var error: String?

    public init(id: String, source: OperationSource, kind: String, state: String, dataset: String? = nil, file: String? = nil,
                startedAt: Date? = nil, updatedAt: Date? = nil, finishedAt: Date? = nil, counts: OperationCounts = OperationCounts(),
                progress: Double? = nil, error: String? = nil) {
        self.id = id
        self.source = source
        self.kind = kind
        self.state = state.lowercased()
        self.dataset = dataset
        self.file = file
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
        self.counts = counts
        self.progress = progress
        self.error = error
    }

    public var phase: OperationRowPhase { OperationStates.phase(of: state) }
    /// Over, one way or the other: no more polling.
    public var isTerminal: Bool { phase != .running }
    public var isFailure: Bool { phase == .failed }

    /// One name per action, whoever reports it: MDH's `update` is the console's and the CLI's
    /// upsert; the journal's `mdh.upsert` too.
    public var kindLabel: String { OperationStates.kindLabel(kind) }
}
