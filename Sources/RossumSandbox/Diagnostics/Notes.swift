import Foundation
import GRDB

/// Rejection notes (`notes`): written by `reject` with its `note_content`, or by clients.
enum Notes {
    static let maximumLength = 4096

    @discardableResult
    static func insertRejection(_ db: Database, annotationID: Int, content: String, userID: Int?, at now: Date = Date()) throws -> JSONValue {
        try insert(db, ["type": "rejection", "content": .string(content), "annotation": .reference("annotations", annotationID), "metadata": [:]],
                   annotationID: annotationID, userID: userID, now: now)
    }

    static func insert(_ db: Database, _ fields: [String: JSONValue], annotationID: Int, userID: Int?, now: Date = Date()) throws -> JSONValue {
        let timestamp = DemoClock.timestamp(now)
        try db.execute(
            sql: "INSERT INTO notes (annotation_id, creator_id, created_at, body) VALUES (?, ?, ?, '{}')",
            arguments: [annotationID, userID, timestamp])
        let id = Int(db.lastInsertedRowID)
        var body = fields
        body["id"] = .int(id)
        body["url"] = .reference("notes", id)
        body["created_at"] = .string(timestamp)
        body["creator"] = .optionalReference("users", userID)
        body["modified_at"] = .null
        body["modifier"] = .null
        body["modified_by"] = .null
        let stored = JSONValue.object(body)
        try db.execute(sql: "UPDATE notes SET body = ? WHERE id = ?", arguments: [stored.storageText, id])
        return stored
    }

    /// The writable fields of a note, checked; `creating` requires `annotation` and `content`.
    static func validated(_ input: [String: JSONValue], creating: Bool, db: Database) throws -> [String: JSONValue] {
        var output: [String: JSONValue] = creating ? ["type": "rejection", "metadata": [:]] : [:]
        var errors: [String: String] = [:]
        let readOnly: Set<String> = ["id", "url", "created_at", "creator", "modified_at", "modifier", "modified_by"]
        for (key, value) in input where !readOnly.contains(key) {
            switch key {
            case "type":
                if value.stringValue == "rejection" { output[key] = value } else { errors[key] = "\"\(value.stringValue ?? "?")\" is not a valid choice (rejection)." }
            case "content":
                if let text = value.stringValue, text.count <= maximumLength { output[key] = value } else { errors[key] = "A string of at most \(maximumLength) characters is required." }
            case "metadata":
                if value.objectValue != nil { output[key] = value } else { errors[key] = "Expected a dictionary of items." }
            case "annotation":
                if let id = value.referencedID, try AnnotationRecord.fetch(db, id: id) != nil {
                    output[key] = .reference("annotations", id)
                } else {
                    errors[key] = "Invalid hyperlink - Object does not exist."
                }
            default:
                errors[key] = "Unknown field."
            }
        }
        if creating {
            for key in ["annotation", "content"] where input[key] == nil && errors[key] == nil { errors[key] = "This field is required." }
        }
        if !errors.isEmpty { throw SandboxHTTPError.fieldErrors(errors) }
        return output
    }

    static func fetch(_ db: Database, id: Int) throws -> JSONValue? {
        try String.fetchOne(db, sql: "SELECT body FROM notes WHERE id = ?", arguments: [id]).map(JSONValue.stored)
    }

    static func update(_ db: Database, id: Int, changes: [String: JSONValue], userID: Int) throws -> JSONValue {
        guard var body = try fetch(db, id: id) else { throw SandboxHTTPError.notFound }
        for (key, value) in changes { body[key] = value }
        body["modified_at"] = .string(DemoClock.now())
        body["modifier"] = .reference("users", userID)
        body["modified_by"] = .reference("users", userID)
        try db.execute(
            sql: "UPDATE notes SET body = ?, annotation_id = ? WHERE id = ?",
            arguments: [body.storageText, body["annotation"]?.referencedID ?? 0, id])
        return body
    }
}
