import Foundation
import RossumKit

/// One annotation with its content, schema labels, queue and workspace names.
public struct AnnotationDetailRequest: DataRequest {
    public var id: Int
    /// The editor's `WriteClock.stamp` when asked: an answer that crossed a write is stale.
    public var writeStamp: Int?

    public init(id: Int, writeStamp: Int? = 0) {
        self.id = id
        self.writeStamp = writeStamp
    }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> AnnotationDetail {
        let client = services.client
        return try await services.attempt {
            let annotation = try await client.annotations.retrieve(id, sideloads: [.documents, .modifiers, .automationBlockers])
            // The content and who we are decide what the editor shows and allows: a failure
            // fails the whole answer (the screen keeps what it had) rather than showing no fields
            // or taking our own review for someone else's.
            let content = try await client.annotations.content(id)
            var labels: [String: String] = [:]
            var fieldSchema: [String: FieldSchema] = [:]
            if let schemaID = annotation.schema.flatMap(Shape.trailingID), let schema = try? await client.schemas.retrieve(schemaID) {
                for node in schema.allNodes {
                    labels[node.id] = node.label ?? node.id
                    fieldSchema[node.id] = FieldSchema(label: node.label ?? node.id, type: node.type ?? "string",
                                                       required: node.constraints?["required"]?.boolValue ?? false,
                                                       scoreThreshold: node.scoreThreshold ?? 0.8)
                }
            }
            // Who holds the review: only a reviewing annotation has one, so only then ask who we are.
            var reviewer: Reviewer?
            if annotation.status?.rawValue == "reviewing" {
                let me = try await client.users.current().id
                let user = annotation.modifier?.object
                let name = user.map { $0.username ?? [$0.firstName, $0.lastName].compactMap { $0 }.joined(separator: " ") } ?? "another user"
                reviewer = Reviewer(name: name, since: Shape.date(annotation.assignedAt ?? annotation.modifiedAt),
                                    isMe: annotation.modifier?.id == me)
            }
            var queueName: String?
            var workspaceName: String?
            if let queueID = annotation.queue?.url.flatMap(Shape.trailingID), let queue = try? await client.queues.retrieve(queueID) {
                queueName = queue.name
                if let workspaceID = queue.workspace.flatMap(Shape.trailingID) {
                    workspaceName = try? await client.workspaces.retrieve(workspaceID).name
                }
            }
            var detail = AnnotationDetailBuilder.build(annotation: annotation, content: content, labels: labels, queueName: queueName,
                                                       webURL: services.webURL(id))
            detail.workspaceName = workspaceName
            detail.editing = EditableContent(content: content, schema: fieldSchema, reviewer: reviewer,
                                             messages: EditableContent.messages(annotation.messages))
            return detail
        }
    }
}
