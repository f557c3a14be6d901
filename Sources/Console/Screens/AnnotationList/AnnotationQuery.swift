import Foundation

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
    /// nil: every queue of the organization (`:find`, `:failed-exports`...).
    public var queueID: Int?
    public var filter: AnnotationFilter
    /// The status tab; combined with the filter's statuses.
    public var tab: String?
    public var sort: AnnotationSortKey
    public var ascending: Bool
    /// Only annotations not changed for this long (`:stuck`: reviews past the session
    /// timeout). The cut-off is taken when a page is fetched, so a refresh finds new ones.
    public var unchangedFor: TimeInterval?
    /// A queue's session timeout when the server does not say (the API's default, one hour).
    public static let defaultSessionTimeout: TimeInterval = 3_600

    public init(queueID: Int?, filter: AnnotationFilter = .none, tab: String? = nil, sort: AnnotationSortKey = .arrived, ascending: Bool = false) {
        self.queueID = queueID
        self.filter = filter
        self.tab = tab
        self.sort = sort
        self.ascending = ascending
    }

    /// Statuses the server should return (tab AND filter); empty means all.
    /// A tab outside the filter's statuses yields the impossible marker `["-"]`.
    public var statuses: [String] {
        guard let tab else { return filter.statuses }
        if filter.statuses.isEmpty || filter.statuses.contains(tab) { return [tab] }
        return ["-"]
    }

    public var ordering: [String] { [(ascending ? "" : "-") + sort.ordering, ascending ? "id" : "-id"] }
}

/// The rows of a list loaded a page at a time, with an index by annotation id so the cursor
/// can follow an annotation wherever a reload puts it, at the cost of the page, not the list.
public struct PagedRows: Sendable {
    public static let pageSize = 100

    public private(set) var pages: [Int: [AnnotationRow]] = [:]
    private var indexByID: [Int: Int] = [:]
    public var total: Int?

    public init() {}

    public var count: Int { total ?? 0 }

    public func row(at index: Int) -> AnnotationRow? {
        guard index >= 0, let page = pages[index / Self.pageSize] else { return nil }
        let offset = index % Self.pageSize
        return offset < page.count ? page[offset] : nil
    }

    /// Where a loaded annotation is, by id.
    public func index(of id: Int) -> Int? { indexByID[id] }

    public func isLoaded(_ id: Int) -> Bool { indexByID[id] != nil }

    /// Stores a page as the server answered it; rows it no longer holds leave the index.
    public mutating func store(page: Int, rows: [AnnotationRow], total: Int) {
        let base = page * Self.pageSize
        for (offset, row) in (pages[page] ?? []).enumerated() where indexByID[row.id] == base + offset {
            indexByID[row.id] = nil
        }
        pages[page] = rows
        for (offset, row) in rows.enumerated() { indexByID[row.id] = base + offset }
        if self.total != total {
            self.total = total
            // Pages beyond the new end are gone.
            let lastPage = max(0, (total - 1) / Self.pageSize)
            for stale in pages.keys where stale > lastPage { drop(page: stale) }
        }
    }

    private mutating func drop(page: Int) {
        let base = page * Self.pageSize
        for (offset, row) in (pages[page] ?? []).enumerated() where indexByID[row.id] == base + offset { indexByID[row.id] = nil }
        pages[page] = nil
    }

    /// Replaces one row where it is loaded (after a row refresh).
    public mutating func replace(_ row: AnnotationRow) {
        guard let index = indexByID[row.id], var page = pages[index / Self.pageSize] else { return }
        page[index % Self.pageSize] = row
        pages[index / Self.pageSize] = page
    }

    /// Loaded rows in list order whose id is in `ids`.
    public func loaded(in ids: Set<Int>) -> [AnnotationRow] {
        ids.compactMap { id in indexByID[id].map { ($0, id) } }.sorted { $0.0 < $1.0 }.compactMap { row(at: $0.0) }
    }

    /// Pages covering rows `first..<first+count`, within the total when known.
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
}
