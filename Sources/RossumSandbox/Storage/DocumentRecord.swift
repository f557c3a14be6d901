import GRDB

/// One row of the `documents` table, and how it is served.
struct DocumentRecord: Sendable {
    var id: Int
    var originalFileName: String
    var mimeType: String
    var createdAt: String
    var arrivedAt: String
    var creatorID: Int?
    var metadata: String
    var emailID: Int?
    /// The document it was cut out of by `edit_pages`.
    var parentID: Int?
    var annotationIDs: [Int] = []

    init(row: Row) {
        id = row["id"]; originalFileName = row["original_file_name"]; mimeType = row["mime_type"]
        createdAt = row["created_at"]; arrivedAt = row["arrived_at"]; creatorID = row["creator_id"]; metadata = row["metadata"]
        emailID = row["email_id"]; parentID = row["parent_id"]
    }

    /// Documents by id with their annotations, in two queries whatever the number.
    static func fetch(_ db: Database, ids: [Int]) throws -> [DocumentRecord] {
        guard !ids.isEmpty else { return [] }
        let unique = Array(Set(ids))
        let marks = databaseQuestionMarks(count: unique.count)
        var documents = try Row.fetchAll(
            db, sql: "SELECT id, original_file_name, mime_type, created_at, arrived_at, creator_id, metadata, email_id, parent_id FROM documents WHERE id IN (\(marks))",
            arguments: StatementArguments(unique)
        ).map(DocumentRecord.init)
        var annotations: [Int: [Int]] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT id, document_id FROM annotations WHERE document_id IN (\(marks)) ORDER BY id",
            arguments: StatementArguments(unique))
        {
            annotations[row["document_id"], default: []].append(row["id"])
        }
        for index in documents.indices { documents[index].annotationIDs = annotations[documents[index].id] ?? [] }
        return documents.sorted { $0.id < $1.id }
    }

    var json: JSONValue {
        [
            "id": .int(id), "url": .reference("documents", id), "s3_name": .string(AnnotationRecord.hex(id &* 2_654_435_761) + "00000000"),
            "parent": .optionalReference("documents", parentID), "email": .optionalReference("emails", emailID), "mime_type": .string(mimeType), "creator": .optionalReference("users", creatorID),
            "created_at": .string(createdAt), "arrived_at": .string(arrivedAt), "original_file_name": .string(originalFileName),
            "content": .reference("documents/\(id)/content"), "metadata": JSONValue.stored(metadata),
            "annotations": .array(annotationIDs.map { .reference("annotations", $0) }), "attachment_status": nil,
        ]
    }
}
