import Foundation
import GRDB

/// `POST annotations/{id}/edit_pages`: cuts the parent's pages into new documents. Each `edit`
/// item becomes a child document and annotation (in `importing`, then `to_review` like an
/// upload) showing the listed parent pages that are not `deleted`, turned by `rotation_deg`;
/// `delete` removes earlier children, `move` sends them to another queue, `stop_reviewing`
/// hands them back to `to_review`. The parent goes to `split` (unless `stop_parent` is false)
/// and one `edit` relation links it to its children.
enum PageEditing {
    static let editableStatuses: Set<String> = ["to_review", "reviewing", "split"]

    /// One `edit` item, checked.
    struct Cut {
        var pages: [PageSource]
        var queueID: Int
        var schemaID: Int
        var documentName: String
        var metadata: JSONValue
        /// An earlier child this item re-does.
        var childID: Int?
    }

    /// Applies the request; returns `{document, annotation}` per `edit` item, in order.
    static func edit(_ db: Database, parentID: Int, body: [String: JSONValue], userID: Int, importDueAt: Double) throws -> [JSONValue] {
        guard let parent = try AnnotationRecord.fetch(db, id: parentID) else { throw SandboxHTTPError.notFound }
        guard editableStatuses.contains(parent.status) else {
            throw SandboxHTTPError.badRequest(
                "Pages of annotation \(parentID) cannot be edited in status \(parent.status) (to_review, reviewing or split only).")
        }
        if parent.status == "reviewing", let owner = parent.modifierID, owner != userID {
            throw SandboxHTTPError.conflict("Annotation \(parentID) is being reviewed by another user.")
        }
        let relation = try EditRelation.find(db, parentID: parentID)
        let children = Set(relation?["annotations"]?.arrayValue?.compactMap(\.referencedID) ?? [])
        let cuts = try (body["edit"]?.arrayValue ?? []).map { try cut($0, parent: parent, db: db, children: children) }
        let deleted = try childIDs(body["delete"], field: "delete", children: children)
        let reviewed = try childIDs(body["stop_reviewing"], field: "stop_reviewing", children: children)
        let moves = try (body["move"]?.arrayValue ?? []).map { item -> (Int, Int, Int) in
            let id = try childIDs(.array([item["annotation"] ?? .null]), field: "move", children: children)[0]
            let (queueID, schemaID) = try queue(item["target_queue"], field: "move", db: db)
            return (id, queueID, schemaID)
        }

        var results: [JSONValue] = []
        var created: [Int] = []
        for cut in cuts {
            if let childID = cut.childID, let kept = try unchangedChild(db, childID: childID, cut: cut) {
                results.append(kept)
                continue
            }
            if let childID = cut.childID { try setStatus(db, childID, "deleted", userID: userID, parentID: parentID) }
            let (documentID, annotationID) = try createChild(db, parent: parent, cut: cut, userID: userID, importDueAt: importDueAt)
            created.append(annotationID)
            results.append(["document": .reference("documents", documentID), "annotation": .reference("annotations", annotationID)])
        }
        for id in deleted { try setStatus(db, id, "deleted", userID: userID, parentID: parentID) }
        for (id, queueID, schemaID) in moves {
            try db.execute(sql: "UPDATE annotations SET queue_id = ?, schema_id = ?, version = version + 1 WHERE id = ?",
                           arguments: [queueID, schemaID, id])
        }
        for id in reviewed where try AnnotationRecord.fetch(db, id: id)?.status == "reviewing" {
            try setStatus(db, id, "to_review", userID: userID, parentID: parentID)
        }
        try EditRelation.link(db, parentID: parentID, existing: relation, children: created)
        if body["stop_parent"]?.boolValue ?? true, parent.status != "split" {
            try setStatus(db, parentID, "split", userID: userID, parentID: parentID)
        }
        return results
    }

    private static func cut(_ item: JSONValue, parent: AnnotationRecord, db: Database, children: Set<Int>) throws -> Cut {
        guard case .object(let fields) = item, let listed = fields["parent_pages"]?.arrayValue, !listed.isEmpty else {
            throw SandboxHTTPError.fieldErrors(["edit": "Each item needs a nonempty parent_pages list."])
        }
        let parentPages = Dictionary(uniqueKeysWithValues: try PageStore.fetch(db, annotationID: parent.id).map { ($0.id, $0) })
        var pages: [PageSource] = []
        for entry in listed {
            guard let pageID = entry["page"]?.referencedID, let page = parentPages[pageID] else {
                throw SandboxHTTPError.fieldErrors(["edit": "\(entry["page"]?.stringValue ?? "A page") is not a page of annotation \(parent.id)."])
            }
            let rotation = entry["rotation_deg"]?.intValue ?? page.rotationDeg
            guard rotation % 90 == 0 else { throw SandboxHTTPError.fieldErrors(["edit": "rotation_deg must be a multiple of 90."]) }
            if entry["deleted"]?.boolValue == true { continue }
            pages.append(PageSource(documentID: page.source.documentID, number: page.source.number, rotationDeg: (rotation % 360 + 360) % 360))
        }
        guard !pages.isEmpty else {
            throw SandboxHTTPError.fieldErrors(["edit": "Each new document needs at least one page that is not deleted."])
        }
        var (queueID, schemaID) = (parent.queueID, parent.schemaID)
        if let target = fields["target_queue"] { (queueID, schemaID) = try queue(target, field: "edit", db: db) }
        let metadata = fields["metadata"] ?? [:]
        guard metadata.objectValue != nil else { throw SandboxHTTPError.fieldErrors(["edit": "metadata must be an object."]) }
        let childID = try fields["annotation"].map { try childIDs(.array([$0]), field: "edit", children: children)[0] }
        return Cut(pages: pages, queueID: queueID, schemaID: schemaID,
                   documentName: fields["document_name"]?.stringValue ?? parent.originalFileName, metadata: metadata, childID: childID)
    }

    /// The ids of listed annotation URLs, each of which must be a child of this parent.
    private static func childIDs(_ value: JSONValue?, field: String, children: Set<Int>) throws -> [Int] {
        try (value?.arrayValue ?? []).map { url in
            guard let id = url.referencedID, children.contains(id) else {
                throw SandboxHTTPError.fieldErrors([field: "\(url.stringValue ?? "An annotation") is not a child of this annotation."])
            }
            return id
        }
    }

    private static func queue(_ value: JSONValue?, field: String, db: Database) throws -> (Int, Int) {
        guard let id = value?.referencedID, let queue = try ObjectStore.fetch(db, "queues", id: id) else {
            throw SandboxHTTPError.fieldErrors([field: "target_queue: Invalid hyperlink - Object does not exist."])
        }
        return (id, queue["schema"]?.referencedID ?? 1)
    }

    /// An earlier child asked for again with the same pages stays as it is (moved if the queue differs).
    private static func unchangedChild(_ db: Database, childID: Int, cut: Cut) throws -> JSONValue? {
        guard try PageStore.fetch(db, annotationID: childID).map(\.source) == cut.pages,
              let child = try AnnotationRecord.fetch(db, id: childID), child.status != "deleted" else { return nil }
        if child.queueID != cut.queueID {
            try db.execute(sql: "UPDATE annotations SET queue_id = ?, schema_id = ?, version = version + 1 WHERE id = ?",
                           arguments: [cut.queueID, cut.schemaID, childID])
        }
        return ["document": .reference("documents", child.documentID), "annotation": .reference("annotations", childID)]
    }

    private static func createChild(
        _ db: Database, parent: AnnotationRecord, cut: Cut, userID: Int, importDueAt: Double
    ) throws -> (document: Int, annotation: Int) {
        let now = DemoClock.now()
        try db.execute(
            sql: """
                INSERT INTO documents (original_file_name, mime_type, created_at, arrived_at, creator_id, metadata, parent_id)
                VALUES (?, 'application/pdf', ?, ?, ?, '{}', ?)
                """,
            arguments: [cut.documentName, now, parent.arrivedAt, userID, parent.documentID])
        let documentID = Int(db.lastInsertedRowID)
        // The child is extracted again, as an upload of its pages would be.
        let fields = AnnotationStore.extractedFields(forFileName: cut.documentName, seed: UInt64(documentID))
        let annotationID = try AnnotationStore.insert(
            db, queueID: cut.queueID, schemaID: cut.schemaID, documentID: documentID, status: "importing", creatorID: userID,
            arrivedAt: parent.arrivedAt, fileName: cut.documentName, fields: fields, metadata: cut.metadata, uploadID: nil,
            importDueAt: importDueAt, pages: cut.pages)
        return (documentID, annotationID)
    }

    /// A status change made by the page editor: stamped, audited and announced like any other.
    private static func setStatus(_ db: Database, _ id: Int, _ status: String, userID: Int, parentID: Int) throws {
        guard let current = try AnnotationRecord.fetch(db, id: id), current.status != status else { return }
        let stamp = status == "deleted" ? ", deleted_at = :now, deleted_by_id = :user" : ""
        try db.execute(
            sql: "UPDATE annotations SET status = :status, modifier_id = :user, modified_at = :now, modified_by_id = :user, version = version + 1\(stamp) WHERE id = :id",
            arguments: ["status": status, "now": DemoClock.now(), "user": userID, "id": id])
        try LifecycleEvents.statusChanged(
            db, annotationID: id, from: current.status, to: status, userID: userID,
            request: AuditLog.RequestDescription(path: "api/v1/annotations/\(parentID)/edit_pages", method: "POST", statusCode: 200))
    }
}
