import Foundation
import RossumKit

/// A queue by id, with its workspace's name (for `:queue ID`).
public struct QueueRequest: DataRequest {
    public var queueID: Int
    /// A refresh of the counts: the workspace's name is not read again.
    public var countsOnly = false

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> (QueueSummary, String?) {
        let client = services.client
        return try await services.attempt {
            let queue = try await client.queues.retrieve(queueID)
            var workspaceName: String?
            if !countsOnly, let workspaceID = queue.workspace.flatMap(Shape.trailingID) {
                workspaceName = try? await client.workspaces.retrieve(workspaceID).name
            }
            return (Shape.summary(queue), workspaceName)
        }
    }
}

/// The queue schema's key fields shown as extra list columns (`schema_id`, header), or the
/// fields the person chose for this queue (`:columns`), checked against the schema.
public struct FieldColumnsRequest: DataRequest {
    public var queueID: Int
    public var schemaID: Int?
    /// Schema ids chosen with `:columns`; nil: the key fields.
    public var chosen: [String]?

    public init(queueID: Int, schemaID: Int?, chosen: [String]? = nil) {
        self.queueID = queueID
        self.schemaID = schemaID
        self.chosen = chosen
    }

    /// Schema ids shown as extra list columns when the schema has them, in this order.
    static let keyFields = ["sender_name", "document_id", "invoice_id", "amount_total", "amount_due"]
    static let shortTitles = ["sender_name": "Supplier", "document_id": "Invoice no", "invoice_id": "Invoice no",
                              "amount_total": "Amount", "amount_due": "Amount due"]

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> [FieldColumn] {
        guard let schemaID else { return [] }
        let client = services.client
        return try await services.attempt {
            let schema = try await client.schemas.retrieve(schemaID)
            if let chosen {
                let unknown = chosen.filter { schema.node(id: $0)?.category != .datapoint }
                guard unknown.isEmpty else {
                    throw ConsoleFailure(kind: .badInput, message: "not a field of this queue's schema: \(unknown.joined(separator: ", ")) (:columns lists them)")
                }
                return chosen.map { id in FieldColumn(id: id, title: Self.shortTitles[id] ?? schema.node(id: id)?.label ?? id) }
            }
            var columns: [FieldColumn] = []
            for id in Self.keyFields {
                guard let node = schema.node(id: id), columns.count < 3 else { continue }
                // Invoice number and id are alternatives; show one. Same for the amounts.
                if id == "invoice_id" && columns.contains(where: { $0.id == "document_id" }) { continue }
                if id == "amount_due" && columns.contains(where: { $0.id == "amount_total" }) { continue }
                columns.append(FieldColumn(id: id, title: Self.shortTitles[id] ?? node.label ?? id))
            }
            return columns
        }
    }
}

/// An extracted field shown as a list column.
public struct FieldColumn: Sendable, Hashable {
    public var id: String
    public var title: String
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// Page `page` (0-based) of the list for `query`, with the field columns' values.
public struct AnnotationPageRequest: DataRequest {
    public var query: AnnotationQuery
    public var page: Int
    public var fieldIDs: [String]

    public init(query: AnnotationQuery, page: Int, fieldIDs: [String] = []) {
        self.query = query
        self.page = page
        self.fieldIDs = fieldIDs
    }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> AnnotationPage {
        if query.statuses == ["-"] { return AnnotationPage(rows: [], total: 0) }
        let client = services.client
        return try await services.attempt {
            var params = QueryItems()
            params.append("page", QueryValue(page + 1))
            params.append("page_size", QueryValue(PagedRows.pageSize))
            params.append("include_total", true)
            params.append("ordering", QueryValue(query.ordering))
            var sideloads = ["documents", "modifiers"]
            if !fieldIDs.isEmpty {
                sideloads.append("content")
                params.append("content.schema_id", QueryValue(fieldIDs))
            }
            params.append("sideload", QueryValue(sideloads))
            let envelope: AnnotationListEnvelope
            let cutoff = query.unchangedFor.map { Formatting.apiTimestamp(Date().addingTimeInterval(-$0)) }
            if !query.filter.needsSearch {
                if let queueID = query.queueID { params.append("queue", QueryValue(queueID)) }
                if !query.statuses.isEmpty { params.append("status", QueryValue(query.statuses)) }
                if !query.filter.ids.isEmpty { params.append("id", QueryValue(query.filter.ids.map(String.init))) }
                if let cutoff { params.append("modified_at_before", QueryValue(cutoff)) }
                envelope = try await client.request("GET", "annotations", query: params, as: AnnotationListEnvelope.self)
            } else {
                // Free text and field conditions go through annotations/search.
                var conditions: [JSONValue] = []
                if let queueID = query.queueID { conditions.append(["queue": ["$in": [.string(client.url("queues/\(queueID)"))]]]) }
                if !query.statuses.isEmpty { conditions.append(["status": ["$in": .array(query.statuses.map { .string($0) })]]) }
                if !query.filter.ids.isEmpty { conditions.append(["id": ["$in": .array(query.filter.ids.map { .number(Double($0)) })]]) }
                if let cutoff { conditions.append(["modified_at": ["$lt": .string(cutoff)]]) }
                for condition in query.filter.conditions {
                    conditions.append([condition.apiKey: [condition.apiOperator: .string(condition.value)]])
                }
                var object: JSONObject = [:]
                if !query.filter.text.isEmpty { object["query_string"] = ["string": .string(query.filter.text)] }
                if !conditions.isEmpty { object["query"] = ["$and": .array(conditions)] }
                let body = JSONValue.object(object)
                envelope = try await client.request("POST", "annotations/search", query: params, body: .json(body), idempotent: true, as: AnnotationListEnvelope.self)
            }
            let rows = envelope.rows
            return AnnotationPage(rows: rows, total: envelope.total ?? rows.count)
        }
    }
}

/// One row again, after its annotation changed.
public struct AnnotationRowRequest: DataRequest {
    public var id: Int
    public var fieldIDs: [String]

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> AnnotationRow {
        let client = services.client
        return try await services.attempt {
            let annotation = try await client.annotations.retrieve(id, sideloads: [.documents, .modifiers])
            var fields: [String: String] = [:]
            if !fieldIDs.isEmpty, let content = try? await client.annotations.content(id) {
                for node in Shape.flatten(content) where fieldIDs.contains(node.schemaID ?? "") {
                    fields[node.schemaID ?? ""] = Shape.text(node.content?.value)
                }
            }
            return Shape.row(annotation, document: annotation.document?.object, modifier: annotation.modifier?.object, fields: fields)
        }
    }
}
