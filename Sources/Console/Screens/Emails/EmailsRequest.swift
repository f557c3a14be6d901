import Foundation
import RossumKit

/// One email as the list shows it.
public struct EmailRow: Sendable, Hashable, Identifiable {
    public var id: Int
    public var received: Date?
    public var from: String
    public var subject: String
    public var type: String
    public var queueID: Int?
    public var annotationIDs: [Int]
    public var documentCount: Int
    /// Attachments the inbox's filters dropped (too small, not a document type…).
    public var filteredOut: Int
    public var labels: [String]
    /// The email whole, for `enter`.
    public var readable: String

    init(_ email: Email) {
        id = email.id
        received = Shape.date(email.createdAt)
        let address = email.from?["email"]?.stringValue ?? ""
        let name = email.from?["name"]?.stringValue ?? ""
        from = name.isEmpty ? address : address.isEmpty ? name : "\(name) <\(address)>"
        subject = email.subject ?? ""
        type = email.type ?? "incoming"
        queueID = email.queue.flatMap(Shape.trailingID)
        annotationIDs = email.annotations.compactMap(Shape.trailingID)
        documentCount = email.documents.count
        filteredOut = email.filteredOutDocumentCount ?? 0
        labels = email.labels
        readable = Self.readable(email, from: from)
    }

    static func readable(_ email: Email, from: String) -> String {
        func addresses(_ value: JSONValue?) -> String {
            (value?.arrayValue ?? []).compactMap { $0["email"]?.stringValue }.joined(separator: ", ")
        }
        var lines = ["From:     \(from)", "To:       \(addresses(email.to))"]
        let cc = addresses(email.cc)
        if !cc.isEmpty { lines.append("Cc:       \(cc)") }
        lines += ["Subject:  \(email.subject ?? "")", "Received: \(email.createdAt ?? "-")", "Type:     \(email.type ?? "-")"]
        if !email.labels.isEmpty { lines.append("Labels:   \(email.labels.joined(separator: ", "))") }
        let annotations = email.annotations.compactMap(Shape.trailingID).map { "#\($0)" }
        lines.append("Annotations: \(annotations.isEmpty ? "none" : annotations.joined(separator: " "))")
        lines.append("Attachments: \(email.documents.count) kept, \(email.filteredOutDocumentCount ?? 0) filtered out by the inbox")
        lines += ["", email.bodyTextPlain ?? "(no plain-text body)"]
        return lines.joined(separator: "\n")
    }
}

/// The newest emails of the organization matching the filter (one page of 100; the title says
/// how many there are in all).
public struct EmailsRequest: DataRequest {
    public static let pageSize = 100
    public var filter: EmailFilter

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> (rows: [EmailRow], total: Int) {
        let client = services.client
        let filter = self.filter
        return try await services.attempt {
            var filters = QueryItems()
            filters.append("page_size", QueryValue(Self.pageSize))
            for (key, value) in filter.queryItems { filters.append(key, QueryValue(value)) }
            let page = try await client.emails.list(filters: filters, ordering: ["-created_at", "-id"]).firstPage()
            return (page.results.map(EmailRow.init), page.total ?? page.results.count)
        }
    }
}
