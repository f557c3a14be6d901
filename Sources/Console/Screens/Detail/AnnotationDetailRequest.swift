import Foundation
import RossumKit

/// One annotation with its content, schema labels, queue and workspace names.
public struct AnnotationDetailRequest: DataRequest {
    public var id: Int

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> AnnotationDetail {
        let client = services.client
        return try await services.attempt {
            let annotation = try await client.annotations.retrieve(id, sideloads: [.documents, .modifiers, .automationBlockers])
            let content = (try? await client.annotations.content(id)) ?? []
            var labels: [String: String] = [:]
            if let schemaID = annotation.schema.flatMap(Shape.trailingID), let schema = try? await client.schemas.retrieve(schemaID) {
                for node in schema.allNodes { labels[node.id] = node.label ?? node.id }
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
            return detail
        }
    }
}
