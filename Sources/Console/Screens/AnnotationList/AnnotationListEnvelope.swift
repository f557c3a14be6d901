import Foundation
import RossumKit

/// A page of `GET annotations` with its sideloads, decoded into just what a list row shows.
/// The client's full models carry every field (messages, metadata, predictions as JSON trees);
/// a list of 100,000 annotations decodes 1,000 of these pages, so the row reads only its own.
struct AnnotationListEnvelope: JSONPullDecodable {
    typealias Failure = JSONPullReader.Failure

    /// A related resource's id: the API sends its URL; an inline object (with `id`) is
    /// accepted too, and null.
    static func linkID(_ reader: inout JSONPullReader) throws(Failure) -> Int? {
        switch try reader.peek() {
        case .null: _ = try reader.readNull(); return nil
        case .string: return try reader.readString().flatMap(Shape.trailingID)
        case .object:
            var id: Int?
            try reader.readObject { reader, key throws(Failure) in
                if key == "id" { id = try reader.readInt() } else { try reader.skipValue() }
            }
            return id
        default: throw Failure(offset: reader.offset, reason: "expected a URL or an object")
        }
    }

    struct Item {
        var id = 0
        var status: String?
        var document: Int?
        var modifier: Int?
        var queue: Int?
        var arrivedAt: String?
        var createdAt: String?
        var modifiedAt: String?

        init(reading reader: inout JSONPullReader) throws(Failure) {
            var hasID = false
            try reader.readObject { reader, key throws(Failure) in
                if key == "id" { if let value = try reader.readInt() { id = value; hasID = true } }
                else if key == "status" { status = try reader.readString() }
                else if key == "document" { document = try AnnotationListEnvelope.linkID(&reader) }
                else if key == "modifier" { modifier = try AnnotationListEnvelope.linkID(&reader) }
                else if key == "queue" { queue = try AnnotationListEnvelope.linkID(&reader) }
                else if key == "arrived_at" { arrivedAt = try reader.readString() }
                else if key == "created_at" { createdAt = try reader.readString() }
                else if key == "modified_at" { modifiedAt = try reader.readString() }
                else { try reader.skipValue() }
            }
            guard hasID else { throw Failure(offset: reader.offset, reason: "an annotation without an id") }
        }
    }

    struct DocumentItem {
        var id = 0
        var originalFileName: String?
        var arrivedAt: String?

        init(reading reader: inout JSONPullReader) throws(Failure) {
            var hasID = false
            try reader.readObject { reader, key throws(Failure) in
                if key == "id" { if let value = try reader.readInt() { id = value; hasID = true } }
                else if key == "original_file_name" { originalFileName = try reader.readString() }
                else if key == "arrived_at" { arrivedAt = try reader.readString() }
                else { try reader.skipValue() }
            }
            guard hasID else { throw Failure(offset: reader.offset, reason: "a document without an id") }
        }
    }

    struct UserItem {
        var id = 0
        var username: String?
        var firstName: String?
        var lastName: String?

        init(reading reader: inout JSONPullReader) throws(Failure) {
            var hasID = false
            try reader.readObject { reader, key throws(Failure) in
                if key == "id" { if let value = try reader.readInt() { id = value; hasID = true } }
                else if key == "username" { username = try reader.readString() }
                else if key == "first_name" { firstName = try reader.readString() }
                else if key == "last_name" { lastName = try reader.readString() }
                else { try reader.skipValue() }
            }
            guard hasID else { throw Failure(offset: reader.offset, reason: "a user without an id") }
        }

        var displayName: String { username ?? [firstName, lastName].compactMap { $0 }.joined(separator: " ") }
    }

    /// A datapoint of the content sideload: whose annotation, which field, its value as text.
    struct ContentItem {
        var url: String?
        var schemaID: String?
        var value = ""

        init(reading reader: inout JSONPullReader) throws(Failure) {
            try reader.readObject { reader, key throws(Failure) in
                if key == "url" { url = try reader.readString() }
                else if key == "schema_id" { schemaID = try reader.readString() }
                else if key == "content", try reader.peek() == .object {
                    try reader.readObject { reader, key throws(Failure) in
                        if key == "value" { value = try Self.text(&reader) } else { try reader.skipValue() }
                    }
                }
                else { try reader.skipValue() }
            }
        }

        /// A value as the list shows it: text as is, whole numbers without ".0", else blank.
        static func text(_ reader: inout JSONPullReader) throws(Failure) -> String {
            switch try reader.peek() {
            case .string: return try reader.readString() ?? ""
            case .number:
                let text = try reader.readNumberText() ?? ""
                guard let number = Double(text) else { return text }
                return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
            default:
                try reader.skipValue()
                return ""
            }
        }
    }

    var total: Int?
    var results: [Item] = []
    var documents: [DocumentItem] = []
    var modifiers: [UserItem] = []
    var content: [ContentItem] = []

    init(reading reader: inout JSONPullReader) throws(Failure) {
        var sawResults = false
        try reader.readObject { reader, key throws(Failure) in
            if key == "results" {
                sawResults = true
                try reader.readArray { reader throws(Failure) in results.append(try Item(reading: &reader)) }
            } else if key == "pagination", try reader.peek() == .object {
                try reader.readObject { reader, key throws(Failure) in
                    if key == "total" { total = try reader.readInt() } else { try reader.skipValue() }
                }
            } else if key == "documents", try reader.peek() == .array {
                try reader.readArray { reader throws(Failure) in documents.append(try DocumentItem(reading: &reader)) }
            } else if key == "modifiers", try reader.peek() == .array {
                try reader.readArray { reader throws(Failure) in modifiers.append(try UserItem(reading: &reader)) }
            } else if key == "content", try reader.peek() == .array {
                try reader.readArray { reader throws(Failure) in content.append(try ContentItem(reading: &reader)) }
            } else {
                try reader.skipValue()
            }
        }
        guard sawResults else { throw Failure(offset: reader.offset, reason: "a page without results") }
    }

    /// The rows, with the document's name, the modifier's name and the field columns' values.
    var rows: [AnnotationRow] {
        var documentsByID: [Int: DocumentItem] = [:]
        for document in documents { documentsByID[document.id] = documentsByID[document.id] ?? document }
        var usersByID: [Int: UserItem] = [:]
        for user in modifiers { usersByID[user.id] = usersByID[user.id] ?? user }
        var fieldsByAnnotation: [Int: [String: String]] = [:]
        for node in content {
            guard let url = node.url, let schemaID = node.schemaID, let annotationID = Shape.annotationID(fromContentURL: url) else { continue }
            fieldsByAnnotation[annotationID, default: [:]][schemaID] = node.value
        }
        return results.map { item in
            let document = item.document.flatMap { documentsByID[$0] }
            let name = document?.originalFileName ?? item.document.map { "document \($0)" } ?? "-"
            let modifier = item.modifier.map { id in usersByID[id]?.displayName ?? "user \(id)" }
            return AnnotationRow(id: item.id, status: item.status ?? "unknown", fileName: name,
                                 arrivedAt: Shape.date(document?.arrivedAt ?? item.arrivedAt ?? item.createdAt),
                                 modifiedAt: Shape.date(item.modifiedAt), modifier: modifier,
                                 queueID: item.queue, fields: fieldsByAnnotation[item.id] ?? [:])
        }
    }
}
