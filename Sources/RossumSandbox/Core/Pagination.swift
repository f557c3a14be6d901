import Hummingbird

/// Rossum's page-number pagination: `{pagination: {total, total_pages, next, previous}, results}`
/// with absolute `next`/`previous` URLs built from the request's `Host`.
struct PageRequest: Sendable {
    var page: Int
    var pageSize: Int
    /// `annotations/search` pages with an opaque `search_after` cursor in `next`, as the API
    /// does; the cursor holds where the next page starts. Nil: page numbers.
    var cursorStart: Int?
    /// Rows before this page; saturates instead of overflowing for absurd page numbers
    /// (those are refused by `validate(total:)`, which every list runs first).
    var offset: Int {
        if let cursorStart { return cursorStart }
        let (rows, overflow) = (page - 1).multipliedReportingOverflow(by: pageSize)
        return overflow ? Int.max : rows
    }

    static let defaultPageSize = 20

    init(_ query: QueryParameters, maximumPageSize: Int = 100, cursor: Bool = false) throws {
        if cursor {
            cursorStart = try query["search_after"].map(Self.decodeCursor) ?? 0
        }
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
    /// A cursor past the end is simply the end.
    func validate(total: Int) throws {
        if cursorStart == nil, page > totalPages(total) { throw SandboxHTTPError(.notFound, detail: "Invalid page.") }
    }

    /// The page envelope; `extra` holds sideloaded arrays (`documents`, `content`, ...).
    func envelope(results: [JSONValue], total: Int, request: Request, extra: [String: JSONValue] = [:]) -> JSONValue {
        let pages = totalPages(total)
        var body = extra
        if let start = cursorStart {
            let next = start + pageSize
            body["pagination"] = [
                "total": .int(total), "total_pages": .int(pages),
                "next": next < total ? .string(link(("search_after", Self.encodeCursor(next)), dropping: "search_after", request: request)) : .null,
                "previous": start > 0
                    ? .string(link(("search_after", Self.encodeCursor(max(0, start - pageSize))), dropping: "search_after", request: request)) : .null,
            ]
        } else {
            body["pagination"] = [
                "total": .int(total), "total_pages": .int(pages),
                "next": page < pages ? .string(link(("page", String(page + 1)), dropping: "page", request: request)) : .null,
                "previous": page > 1 ? .string(link(("page", String(page - 1)), dropping: "page", request: request)) : .null,
            ]
        }
        body["results"] = .array(results)
        return .object(body)
    }

    private func link(_ parameter: (String, String), dropping name: String, request: Request) -> String {
        var pairs = RequestInput.formPairs(request.uri.query ?? "").filter { $0.0 != name }
        pairs.append(parameter)
        let query = pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return RequestURLs.origin(of: request) + request.uri.path + "?" + query
    }

    /// Opaque to clients (they follow `next`); a cursor that was not ours is a 400.
    static func encodeCursor(_ start: Int) -> String {
        Data("after:\(start)".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    static func decodeCursor(_ text: String) throws -> Int {
        let padded = text + String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard text.count <= 64, let data = Data(base64Encoded: padded), let plain = String(data: data, encoding: .utf8),
              plain.hasPrefix("after:"), let start = Int(plain.dropFirst("after:".count)), start >= 0, start <= 1 << 40
        else { throw SandboxHTTPError.fieldErrors(["search_after": "Invalid cursor."]) }
        return start
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~,")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

import Foundation
