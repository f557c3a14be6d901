import Foundation

/// Every annotation matching a list's query, page by page on the server (`A`: "all N matching",
/// not only the rows loaded). Bounded: a bulk action names each annotation it acts on.
public struct MatchingRowsRequest: DataRequest {
    /// Bulk actions take at most this many annotations at once.
    public static let limit = 5_000

    public var query: AnnotationQuery

    public enum Answer: Sendable, Hashable {
        case rows([AnnotationRow])
        /// More match than `limit`: nothing is marked.
        case tooMany(Int)
    }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> Answer {
        let first = try await AnnotationPageRequest(query: query, page: 0, fieldIDs: []).fetch(services)
        guard first.total <= Self.limit else { return .tooMany(first.total) }
        var rows = first.rows
        let pages = (first.total + PagedRows.pageSize - 1) / PagedRows.pageSize
        for page in stride(from: 1, to: pages, by: 1) {
            rows += try await AnnotationPageRequest(query: query, page: page, fieldIDs: []).fetch(services).rows
        }
        // A row that moved between pages while they were read comes once.
        var seen = Set<Int>()
        return .rows(rows.filter { seen.insert($0.id).inserted })
    }
}
