import NIOCore

/// One page of a list: its models and what the server said about the rest.
public struct Page<Element: Sendable>: Sendable {
    public var results: [Element]
    /// Number of objects in the whole list, when the server counted them.
    public var total: Int?
    public var totalPages: Int?
    /// Absolute URL of the next page (cursor pagination), if any.
    public var next: String?

    public init(results: [Element], total: Int? = nil, totalPages: Int? = nil, next: String? = nil) {
        self.results = results
        self.total = total
        self.totalPages = totalPages
        self.next = next
    }
}

/// `{"pagination": {...}, "results": [...]}`, or a cursor page `{"next": ..., "results": [...]}`.
struct PageEnvelope<Element: Decodable>: Decodable {
    struct Pagination: Decodable {
        var total: Int?
        var totalPages: Int?
        var next: String?

        enum CodingKeys: String, CodingKey {
            case total
            case totalPages = "total_pages"
            case next
        }
    }

    var pagination: Pagination?
    var results: [Element]
    var next: String?

    var nextURL: String? { next ?? pagination?.next }
}

extension Page where Element: Decodable {
    /// Decodes a standard page.
    static func decode(_ client: RossumClient, _ body: ByteBuffer) throws -> Page<Element> {
        let envelope = try client.decode(PageEnvelope<Element>.self, from: body)
        return Page(results: envelope.results, total: envelope.pagination?.total,
                    totalPages: envelope.pagination?.totalPages, next: envelope.nextURL)
    }
}
