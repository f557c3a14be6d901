import Foundation
import RossumKit

/// `POST annotations/{id}/start`: the review (the lock) the web app takes before editing.
public struct ReviewStartRequest: DataRequest {
    public var annotationID: Int
    public var description: String { "start review #\(annotationID)" }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> Bool {
        let client = services.client
        let id = annotationID
        return try await services.attempt {
            _ = try await client.annotations.start(id)
            return true
        }
    }
}

/// `POST annotations/{id}/cancel`: leaves the review unconfirmed, so no document stays locked.
public struct ReviewCancelRequest: DataRequest {
    public var annotationID: Int
    public var description: String { "cancel review #\(annotationID)" }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> Bool {
        let client = services.client
        let id = annotationID
        do {
            try await client.annotations.cancel(id)
            return true
        } catch {
            services.logger.warning("cancelling the review of #\(id) failed: \(error)")
            throw ConsoleFailure(error)
        }
    }
}

/// One edit (`content/operations`); the answer is the whole content as it now stands.
public struct ContentEditRequest: DataRequest {
    public var annotationID: Int
    public var seq: Int
    public var edit: ContentEdit
    public var description: String { "edit #\(annotationID)" }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> [ContentNode] {
        let client = services.client
        let (id, operations) = (annotationID, edit.operations)
        return try await services.attempt { try await client.annotations.applyContentOperations(id, operations: operations) }
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
