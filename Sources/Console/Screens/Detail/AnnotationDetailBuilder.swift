import Foundation
import RossumKit

/// Shapes an annotation, its content tree and its schema labels into the detail view model:
/// sections with their values, multivalues of tuples as tables (line items).
enum AnnotationDetailBuilder {
    static func build(annotation: Annotation, content: [ContentNode], labels: [String: String], queueName: String?,
                      webURL: String) -> AnnotationDetail {
        let row = Shape.row(annotation, document: annotation.document?.object, modifier: annotation.modifier?.object, fields: [:])
        let history: [(String, String?)] = [
            ("created", annotation.createdAt), ("arrived", annotation.arrivedAt), ("assigned", annotation.assignedAt),
            ("modified", annotation.modifiedAt), ("confirmed", annotation.confirmedAt), ("exported", annotation.exportedAt),
            ("export failed", annotation.exportFailedAt), ("rejected", annotation.rejectedAt), ("deleted", annotation.deletedAt),
            ("purged", annotation.purgedAt),
        ]
        let dated = history.compactMap { name, text in Shape.date(text).map { (name, $0) } }
            .sorted { $0.1 < $1.1 }
        let blockers = annotation.automationBlocker?.object?.content.map { item in
            BlockerSummary(level: item.level ?? "info", type: item.type ?? "blocker", schemaID: item.schemaID,
                           detail: item.details.map(Shape.text) ?? "")
        } ?? []
        var messages: [String] = []
        for message in annotation.messages?.arrayValue ?? [] {
            let type = message["type"]?.stringValue.map { "[\($0)] " } ?? ""
            if let text = message["content"]?.stringValue ?? message["message"]?.stringValue { messages.append(type + text) }
        }
        return AnnotationDetail(row: row, queueName: queueName, mimeType: annotation.document?.object?.mimeType, history: dated,
                                fields: content.map { node(for: $0, labels: labels) }, blockers: blockers, messages: messages, webURL: webURL)
    }

    static func node(for content: ContentNode, labels: [String: String]) -> FieldNode {
        let id = content.schemaID ?? "?"
        let label = labels[id] ?? id
        switch content.category {
        case "section":
            return .section(label: label, children: content.children.map { node(for: $0, labels: labels) })
        case "multivalue":
            let tuples = content.children.filter { $0.category == "tuple" }
            if !tuples.isEmpty || content.children.isEmpty {
                var columnIDs: [String] = []
                for tuple in tuples { for child in tuple.children { if let sid = child.schemaID, !columnIDs.contains(sid) { columnIDs.append(sid) } } }
                let rows = tuples.map { tuple in
                    columnIDs.map { sid in Shape.text(tuple.children.first { $0.schemaID == sid }?.content?.value) }
                }
                return .table(label: label, columns: columnIDs.map { labels[$0] ?? $0 }, rows: rows)
            }
            return .list(label: label, values: content.children.map { Shape.text($0.content?.value) })
        case "tuple":
            return .section(label: label, children: content.children.map { node(for: $0, labels: labels) })
        default:
            return .value(label: label, value: Shape.text(content.content?.value))
        }
    }
}
