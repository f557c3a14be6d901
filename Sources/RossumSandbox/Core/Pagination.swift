import Hummingbird

/// Rossum's page-number pagination: `{pagination: {total, total_pages, next, previous}, results}`
/// with absolute `next`/`previous` URLs built from the request's `Host`.
struct PageRequest: Sendable {
    var page: Int
    var pageSize: Int
    /// Rows before this page; saturates instead of overflowing for absurd page numbers
    /// (those are refused by `validate(total:)`, which every list runs first).
    var offset: Int {
        let (rows, overflow) = (page - 1).multipliedReportingOverflow(by: pageSize)
        return overflow ? Int.max : rows
    }

    static let defaultPageSize = 20

    init(_ query: QueryParameters, maximumPageSize: Int = 100) throws {
        page = try query.positiveInt("page") ?? 1
        if let size = query["page_size"] {
            guard let number = Int(size), number > 0 else {
                throw SandboxHTTPError.fieldErrors(["page_size": "A positive whole number is required."])
            }
            pageSize = min(number, maximumPageSize)
        } else {
            pageSize = Self.defaultPageSize
        }
    }

    func totalPages(_ total: Int) -> Int { max(1, (total + pageSize - 1) / pageSize) }

    /// DRF answers a page past the end with 404 "Invalid page."; page 1 of nothing is fine.
    func validate(total: Int) throws {
        if page > totalPages(total) { throw SandboxHTTPError(.notFound, detail: "Invalid page.") }
    }

    /// The page envelope; `extra` holds sideloaded arrays (`documents`, `content`, ...).
    func envelope(results: [JSONValue], total: Int, request: Request, extra: [String: JSONValue] = [:]) -> JSONValue {
        let pages = totalPages(total)
        var body = extra
        body["pagination"] = [
            "total": .int(total), "total_pages": .int(pages),
            "next": page < pages ? .string(link(to: page + 1, request: request)) : .null,
            "previous": page > 1 ? .string(link(to: page - 1, request: request)) : .null,
        ]
        body["results"] = .array(results)
        return .object(body)
    }

    private func link(to page: Int, request: Request) -> String {
        var pairs = RequestInput.formPairs(request.uri.query ?? "").filter { $0.0 != "page" }
        pairs.append(("page", String(page)))
        let query = pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return RequestURLs.origin(of: request) + request.uri.path + "?" + query
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~,")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

import Foundation
