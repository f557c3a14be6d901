import Foundation

/// A page of `GET annotations` with its sideloads, decoded into just what a list row shows.
/// The client's full models carry every field (messages, metadata, predictions as JSON trees);
/// a list of 100,000 annotations decodes 1,000 of these pages, so the row reads only its own.
struct AnnotationListEnvelope: Decodable {
    struct Pagination: Decodable { var total: Int? }

    /// A related resource: the API sends its URL; an inline object (with `id`) is accepted too.
    struct Link: Decodable {
        var id: Int?
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            // null and a URL are the usual answers; only an inline object takes the slow path.
            if container.decodeNil() {
                id = nil
            } else if let url = try? container.decode(String.self) {
                id = Shape.trailingID(url)
            } else {
                id = (try? container.decode(Identified.self))?.id
            }
        }
        struct Identified: Decodable { var id: Int? }
    }

    struct Item: Decodable {
        var id: Int
        var status: String?
        var document: Link?
        var modifier: Link?
        var queue: Link?
        var arrivedAt: String?
        var createdAt: String?
        var modifiedAt: String?
        enum CodingKeys: String, CodingKey {
            case id, status, document, modifier, queue
            case arrivedAt = "arrived_at", createdAt = "created_at", modifiedAt = "modified_at"
        }
    }

    struct DocumentItem: Decodable {
        var id: Int
        var originalFileName: String?
        var arrivedAt: String?
        enum CodingKeys: String, CodingKey { case id, originalFileName = "original_file_name", arrivedAt = "arrived_at" }
    }

    struct UserItem: Decodable {
        var id: Int
        var username: String?
        var firstName: String?
        var lastName: String?
        enum CodingKeys: String, CodingKey { case id, username, firstName = "first_name", lastName = "last_name" }

        var displayName: String { username ?? [firstName, lastName].compactMap { $0 }.joined(separator: " ") }
    }

    /// A datapoint of the content sideload: whose annotation, which field, its value as text.
    struct ContentItem: Decodable {
        var url: String?
        var schemaID: String?
        var value: String
        enum CodingKeys: String, CodingKey { case url, schemaID = "schema_id", content }
        struct Content: Decodable {
            var value: String
            enum CodingKeys: String, CodingKey { case value }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                if (try? container.decodeNil(forKey: .value)) ?? true {
                    value = ""
                } else if let text = try? container.decode(String.self, forKey: .value) {
                    value = text
                } else if let number = try? container.decode(Double.self, forKey: .value) {
                    value = number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
                } else {
                    value = ""
                }
            }
        }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            url = try container.decodeIfPresent(String.self, forKey: .url)
            schemaID = try container.decodeIfPresent(String.self, forKey: .schemaID)
            value = (try? container.decodeIfPresent(Content.self, forKey: .content))?.value ?? ""
        }
    }

    var pagination: Pagination?
    var results: [Item]
    var documents: [DocumentItem]?
    var modifiers: [UserItem]?
    var content: [ContentItem]?

    /// The rows, with the document's name, the modifier's name and the field columns' values.
    var rows: [AnnotationRow] {
        var documentsByID: [Int: DocumentItem] = [:]
        for document in documents ?? [] { documentsByID[document.id] = documentsByID[document.id] ?? document }
        var usersByID: [Int: UserItem] = [:]
        for user in modifiers ?? [] { usersByID[user.id] = usersByID[user.id] ?? user }
        var fieldsByAnnotation: [Int: [String: String]] = [:]
        for node in content ?? [] {
            guard let url = node.url, let schemaID = node.schemaID, let annotationID = Shape.annotationID(fromContentURL: url) else { continue }
            fieldsByAnnotation[annotationID, default: [:]][schemaID] = node.value
        }
        return results.map { item in
            let document = item.document?.id.flatMap { documentsByID[$0] }
            let name = document?.originalFileName ?? item.document?.id.map { "document \($0)" } ?? "-"
            let modifier = item.modifier?.id.map { id in usersByID[id]?.displayName ?? "user \(id)" }
            return AnnotationRow(id: item.id, status: item.status ?? "unknown", fileName: name,
                                 arrivedAt: Shape.date(document?.arrivedAt ?? item.arrivedAt ?? item.createdAt),
                                 modifiedAt: Shape.date(item.modifiedAt), modifier: modifier,
                                 queueID: item.queue?.id, fields: fieldsByAnnotation[item.id] ?? [:])
        }
    }
}
