import Foundation
import GRDB

/// `POST annotations/assign`: who is to review an annotation. The assignees are kept on the
/// annotation (`assignee_ids`) and served as its `assignees`; until someone assigns it, an
/// annotation in review is assigned to its reviewer.
enum AnnotationAssignment {
    static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-annotation-assignees") { db in
            try db.execute(sql: "ALTER TABLE annotations ADD COLUMN assignee_ids TEXT")
        }
    }

    static func assign(_ db: Database, body: [String: JSONValue], userID: Int) throws {
        guard let annotations = body["annotations"]?.arrayValue, !annotations.isEmpty else {
            throw SandboxHTTPError.fieldErrors(["annotations": "This field is required."])
        }
        // The API assigns one annotation per call for now.
        guard annotations.count == 1, let annotationID = annotations[0].referencedID else {
            throw SandboxHTTPError.fieldErrors(["annotations": "Exactly one annotation can be assigned at a time."])
        }
        guard let assignees = body["assignees"]?.arrayValue else {
            throw SandboxHTTPError.fieldErrors(["assignees": "This field is required."])
        }
        let userIDs = try assignees.map { value -> Int in
            guard let id = value.referencedID, try ObjectStore.fetch(db, "users", id: id) != nil else {
                throw SandboxHTTPError.fieldErrors(["assignees": "Invalid hyperlink - Object does not exist."])
            }
            return id
        }
        if let note = body["note_content"], note.stringValue == nil, !note.isNull {
            throw SandboxHTTPError.fieldErrors(["note_content": "Not a valid string."])
        }
        guard try AnnotationRecord.fetch(db, id: annotationID) != nil else {
            throw SandboxHTTPError.fieldErrors(["annotations": "Invalid hyperlink - Object does not exist."])
        }
        try db.execute(
            sql: "UPDATE annotations SET assignee_ids = ?, assigned_at = ?, modified_at = ?, modified_by_id = ?, version = version + 1 WHERE id = ?",
            arguments: [JSONValue.array(userIDs.map { .int($0) }).storageText, DemoClock.now(), DemoClock.now(), userID, annotationID])
    }
}
