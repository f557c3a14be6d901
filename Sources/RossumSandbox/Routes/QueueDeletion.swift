import Foundation
import GRDB

/// `DELETE queues/{id}` as Rossum does it: the queue is kept with status `deletion_requested`
/// (and `delete_after` set) and removed later, after `queueDeletionDelay`. Until then it is
/// listed and retrievable, so a client can see the request was taken.
enum QueueDeletion {
    static func request(queueID: Int, services: SandboxServices) async throws {
        let delay = services.configuration.queueDeletionDelay
        let removeAt = DemoClock.timestamp(Date().addingTimeInterval(Imports.seconds(delay)))
        try await services.database.write { db in
            guard case .object(var queue)? = try ObjectStore.fetch(db, "queues", id: queueID) else { throw SandboxHTTPError.notFound }
            guard queue["status"]?.stringValue == "active" || queue["status"] == nil else { return }
            queue["status"] = "deletion_requested"
            queue["delete_after"] = .string(removeAt)
            try ObjectStore.replace(db, "queues", id: queueID, .object(queue))
        }
        services.background.after(delay) {
            try? await services.database.write { db in
                guard let queue = try ObjectStore.fetch(db, "queues", id: queueID), queue["status"]?.stringValue == "deletion_requested" else { return }
                _ = try ObjectStore.delete(db, "queues", id: queueID)
            }
        }
    }
}
