import Foundation
import GRDB

/// `--live`: besides new arrivals, a demo user reviews something at every tick — mostly
/// confirming (so exports run and some fail), sometimes rejecting with a note — so the demo
/// always has fresh failures to investigate.
enum LiveDiagnostics {
    static let newestLeftForReview = 5

    static func review(_ services: SandboxServices, random: inout SplitMix64) async throws {
        let pick = random.next()
        let rejects = pick % 5 == 0
        let exporting = try await services.database.write { db -> Bool in
            // The newest arrivals stay in to_review for the person watching the demo.
            let candidates = try Row.fetchAll(
                db, sql: "SELECT id FROM annotations WHERE status = 'to_review' ORDER BY id DESC LIMIT 50 OFFSET ?",
                arguments: [newestLeftForReview])
            guard !candidates.isEmpty else { return false }
            let id: Int = candidates[Int(pick % UInt64(candidates.count))]["id"]
            let users = try Int.fetchAll(db, sql: "SELECT user_id FROM credentials ORDER BY user_id")
            let userID = users.isEmpty ? 1 : users[Int((pick >> 8) % UInt64(users.count))]
            if rejects {
                _ = try AnnotationLifecycle.perform(.reject, annotationID: id, userID: userID, db: db)
                try Notes.insertRejection(db, annotationID: id, content: "Not an invoice (delivery note).", userID: userID)
                return false
            }
            return try AnnotationLifecycle.perform(.confirm, annotationID: id, userID: userID, db: db).status == "exporting"
        }
        if exporting { try await ExportRunner.kick(services) }
    }
}
