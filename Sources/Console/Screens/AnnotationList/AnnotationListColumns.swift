import Foundation
import RossumKit

/// `:columns`: which extracted fields a queue's list shows. Without an argument it lists the
/// schema's fields to choose from; `:columns document_id,date_due,amount_total` chooses;
/// `:columns reset` goes back to the schema's key fields. Kept per server with the pinned queues.
extension AnnotationListScreen {
    /// Schema ids are letters, digits, `_` and `-`.
    static func columnIDs(_ text: String) -> [String]? {
        let ids = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        guard !ids.isEmpty, ids.allSatisfy({ id in id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } }) else { return nil }
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }

    mutating func chooseColumns(_ argument: String, _ context: inout ScreenContext) -> [Effect] {
        guard !isOrganizationWide else {
            context.flash(":columns works on one queue's list (its schema names the fields)", .warn)
            return []
        }
        let text = argument.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return [.fetch(SchemaFieldsRequest(queueName: queue.name, schemaID: queue.schemaID))] }
        if text == "reset" {
            context.places.setColumns(nil, of: queue.id)
            context.flash("columns of \(queue.name): the schema's key fields", .info)
        } else {
            guard let ids = Self.columnIDs(text) else {
                context.flash(":columns takes schema ids separated by commas (e.g. document_id,date_due), or reset", .error)
                return []
            }
            context.places.setColumns(ids, of: queue.id)
            context.flash("columns of \(queue.name): \(ids.joined(separator: ", "))", .info)
        }
        return [.fetch(FieldColumnsRequest(queueID: queue.id, schemaID: queue.schemaID, chosen: context.places.columns(of: queue.id)))]
    }
}

/// The fields of a queue's schema, to choose columns from.
public struct SchemaFieldsRequest: DataRequest {
    public var queueName: String
    public var schemaID: Int?

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> String {
        guard let schemaID else { throw ConsoleFailure(kind: .notFound, message: "the queue names no schema") }
        let client = services.client
        let name = queueName
        return try await services.attempt {
            let schema = try await client.schemas.retrieve(schemaID)
            var lines = ["Fields of \(name)'s schema. Choose list columns with :columns ID,ID,… (shown in that order;",
                         ":columns reset goes back to the key fields).", ""]
            let width = max(12, schema.datapoints.map(\.id.count).max() ?? 12)
            for node in schema.datapoints {
                let id = node.id
                lines.append(id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + (node.label ?? "") + (node.type.map { "  (\($0))" } ?? ""))
            }
            return lines.joined(separator: "\n")
        }
    }
}
