import Foundation
import TerminalUI

/// The columns the list can be sorted by, with the server's ordering key.
public enum AnnotationSortKey: String, Sendable, Hashable, CaseIterable {
    case id, status, file, arrived, modified, modifier

    public var ordering: String {
        switch self {
        case .id: return "id"
        case .status: return "status"
        case .file: return "document__original_file_name"
        case .arrived: return "created_at"
        case .modified: return "modified_at"
        case .modifier: return "modifier__username"
        }
    }
}

/// Everything that decides which rows the server returns, in which order. A page answer is
/// only accepted for the query it was asked for, so slow answers to an old filter are dropped.
public struct AnnotationQuery: Sendable, Hashable {
    public var queueID: Int
    public var filter: AnnotationFilter
    /// The status tab; combined with the filter's statuses.
    public var tab: String?
    public var sort: AnnotationSortKey
    public var ascending: Bool

    public init(queueID: Int, filter: AnnotationFilter = .none, tab: String? = nil, sort: AnnotationSortKey = .arrived, ascending: Bool = false) {
        self.queueID = queueID
        self.filter = filter
        self.tab = tab
        self.sort = sort
        self.ascending = ascending
    }

    /// Statuses the server should return (tab AND filter); empty means all.
    /// A tab outside the filter's statuses yields the impossible `[]`-marker `["-"]`.
    public var statuses: [String] {
        guard let tab else { return filter.statuses }
        if filter.statuses.isEmpty || filter.statuses.contains(tab) { return [tab] }
        return ["-"]
    }

    public var ordering: [String] { [(ascending ? "" : "-") + sort.ordering, ascending ? "id" : "-id"] }
}

/// The annotation list of one queue, loaded a page at a time as the cursor moves, so a queue
/// with 100,000 annotations costs what the visible rows cost.
public struct AnnotationListState: Sendable {
    public static let pageSize = 100

    public var queue: QueueSummary
    public var workspaceName: String?
    /// The queue schema's key fields shown as extra columns (`schema_id`, header).
    public var fieldColumns: [(id: String, title: String)]
    public var query: AnnotationQuery
    public var total: Int?
    public var pages: [Int: [AnnotationRow]] = [:]
    public var loadingPages: Set<Int> = []
    public var scroll = ScrollState()
    /// Marked annotation ids (ids, not indexes: rows move as the list refreshes).
    public var marked: Set<Int> = []
    /// Where the last mark was set, for range marking.
    public var markAnchor: Int?
    public var load = LoadState()

    public init(queue: QueueSummary, workspaceName: String? = nil, fieldColumns: [(id: String, title: String)] = [], query: AnnotationQuery? = nil) {
        self.queue = queue
        self.workspaceName = workspaceName
        self.fieldColumns = fieldColumns
        self.query = query ?? AnnotationQuery(queueID: queue.id)
    }

    public var rowCount: Int { total ?? 0 }

    public func row(at index: Int) -> AnnotationRow? {
        guard index >= 0 else { return nil }
        return pages[index / Self.pageSize].flatMap { page in
            let offset = index % Self.pageSize
            return offset < page.count ? page[offset] : nil
        }
    }

    public var selectedRow: AnnotationRow? { row(at: scroll.selected) }

    /// Index of a loaded row by annotation id.
    public func index(of id: Int) -> Int? {
        for (page, rows) in pages {
            if let offset = rows.firstIndex(where: { $0.id == id }) { return page * Self.pageSize + offset }
        }
        return nil
    }

    /// Pages covering rows `first..<first+count` (plus one page of look-ahead near a border).
    public static func pages(covering first: Int, count: Int, total: Int?) -> [Int] {
        let last = max(first, first + max(1, count) - 1)
        var result = Array((max(0, first) / pageSize)...(last / pageSize))
        if let total {
            let lastPage = max(0, (total - 1) / pageSize)
            result = result.filter { $0 <= lastPage }
            if result.isEmpty { result = [0] }
        }
        return result
    }

    /// Replaces one row wherever it is loaded (after an action or a row refresh).
    public mutating func replace(_ row: AnnotationRow) {
        for (page, rows) in pages {
            if let offset = rows.firstIndex(where: { $0.id == row.id }) { pages[page]?[offset] = row }
        }
    }

    /// Forgets loaded rows and marks; used when the query changes.
    public mutating func resetRows() {
        pages = [:]
        loadingPages = []
        total = nil
        scroll = ScrollState()
        markAnchor = nil
    }
}
