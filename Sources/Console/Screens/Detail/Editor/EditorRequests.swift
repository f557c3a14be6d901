import Foundation
import RossumKit

/// `POST annotations/{id}/start`: the review (the lock) the web app takes before editing.
/// An answer lost on the way is settled by looking: the review is ours if the annotation is
/// `reviewing` by us.
public struct ReviewStartRequest: DataRequest {
    public var annotationID: Int
    public var description: String { "start review #\(annotationID)" }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> Bool {
        let client = services.client
        let id = annotationID
        return try await services.attempt {
            do {
                _ = try await client.annotations.start(id)
            } catch {
                guard ReviewOutcome.isUnknown(error) else { throw error }
                let annotation = try? await client.annotations.retrieve(id)
                let me = try? await client.users.current().id
                guard annotation?.status?.rawValue == "reviewing", me != nil, annotation?.modifier?.id == me else { throw error }
            }
            return true
        }
    }
}

/// `POST annotations/{id}/cancel`: leaves the review unconfirmed, so no document stays locked.
/// Cancelling is safe to repeat, so a failure is not the last word: the status is read (a lost
/// answer may have cancelled it) and the cancel sent again, a few times, before giving up.
public struct ReviewCancelRequest: DataRequest {
    public var annotationID: Int
    public var description: String { "cancel review #\(annotationID)" }

    static let attempts = 3

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> Bool {
        let client = services.client
        let id = annotationID
        var failure: ConsoleFailure?
        for attempt in 1...Self.attempts {
            do {
                try await client.annotations.cancel(id)
                return true
            } catch {
                failure = ConsoleFailure(error)
                services.logger.warning("cancelling the review of #\(id) failed (attempt \(attempt)): \(error)")
                if let status = try? await client.annotations.retrieve(id).status?.rawValue, status != "reviewing" { return true }
                // A refusal (someone else holds it, it is gone) will not change by asking again.
                guard ReviewOutcome.isUnknown(error), attempt < Self.attempts else { break }
                try? await Task.sleep(for: .milliseconds(250 * attempt))
            }
        }
        throw failure ?? ConsoleFailure(kind: .other, message: "cancel failed")
    }
}

/// One edit (`content/operations`); the answer is the whole content as it now stands. When the
/// answer is lost or the server fails, the content is read again and the edit counts as saved
/// if it shows there (`ContentEdit.isApplied`): never sent twice, never reported unsaved wrongly.
public struct ContentEditRequest: DataRequest {
    public var annotationID: Int
    public var seq: Int
    public var edit: ContentEdit
    /// The content the edit was made on.
    public var before: [ContentNode] = []
    public var description: String { "edit #\(annotationID)" }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> [ContentNode] {
        let client = services.client
        let (id, operations) = (annotationID, edit.operations)
        return try await services.attempt {
            do {
                return try await client.annotations.applyContentOperations(id, operations: operations)
            } catch {
                guard ReviewOutcome.isUnknown(error), let now = try? await client.annotations.content(id),
                      edit.isApplied(before: before, now: now) == true else { throw error }
                return now
            }
        }
    }
}

/// Which failures leave a write's outcome unknown: anything but the server's refusal (4xx),
/// which says for certain that nothing was done.
enum ReviewOutcome {
    static func isUnknown(_ error: any Error) -> Bool {
        guard case .http(let status, _, _, _)? = error as? RossumError else { return true }
        return status >= 500
    }
}

/// `content/validate` after a change: the server's messages for the fields.
public struct ContentValidateRequest: DataRequest {
    public var annotationID: Int
    public var seq: Int
    public var updatedIDs: [Int] = []
    public var description: String { "validate #\(annotationID)" }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> ContentValidationResult {
        let client = services.client
        let (id, updated) = (annotationID, updatedIDs)
        return try await services.attempt { try await client.annotations.validateContent(id, updatedDatapointIDs: updated) }
    }
}

/// The document's text lines (`page_data`); nil when the server has none (404).
public struct PageDataRequest: DataRequest {
    public var annotationID: Int
    public var description: String { "page data #\(annotationID)" }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> [PageText]? {
        let client = services.client
        let id = annotationID
        do {
            return try await client.annotations.pageData(id, granularity: "lines")
        } catch {
            let failure = ConsoleFailure(error)
            if failure.kind == .notFound { return nil }
            throw failure
        }
    }
}
