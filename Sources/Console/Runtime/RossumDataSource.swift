import Foundation
import Logging
import RossumKit

/// The console's data over RossumKit: one shared client, responses shaped into view models.
public final class RossumDataSource: ConsoleDataSource {
    let client: RossumClient
    let logger: Logger
    let journal: (any OperationJournal)?

    /// Schema ids shown as extra list columns when the queue's schema has them, in this order.
    static let keyFields = ["sender_name", "document_id", "invoice_id", "amount_total", "amount_due"]
    static let shortTitles = ["sender_name": "Supplier", "document_id": "Invoice no", "invoice_id": "Invoice no",
                              "amount_total": "Amount", "amount_due": "Amount due"]

    public init(client: RossumClient, journal: (any OperationJournal)? = nil, logger: Logger) {
        self.client = client
        self.journal = journal
        self.logger = logger
    }

    // MARK: failures

    static func failure(_ error: any Error) -> ConsoleFailure {
        if let failure = error as? ConsoleFailure { return failure }
        guard let error = error as? RossumError else {
            return ConsoleFailure(kind: .other, message: String(describing: error))
        }
        switch error {
        case .http(let status, _, _, let detail):
            let kind: ConsoleFailure.Kind
            switch status {
            case 409: kind = .conflict
            case 404: kind = .notFound
            case 401, 403: kind = .unauthorized
            case 400, 413, 415, 422: kind = .badInput
            default: kind = status >= 500 ? .server : .other
            }
            return ConsoleFailure(kind: kind, status: status, message: detail.isEmpty ? error.description : detail)
        case .transport, .timeout: return ConsoleFailure(kind: .network, message: error.description)
        case .authentication: return ConsoleFailure(kind: .unauthorized, message: error.description)
        default: return ConsoleFailure(kind: .other, message: error.description)
        }
    }

    func attempt<T>(_ body: () async throws -> T) async throws(ConsoleFailure) -> T {
        do { return try await body() } catch { throw Self.failure(error) }
    }

    // MARK: tree

    public func workspaces() async throws(ConsoleFailure) -> (OrganizationSummary?, [WorkspaceSummary]) {
        try await attempt {
            async let organization = try? client.organizations.own()
            async let workspaceList = client.workspaces.list().collect()
            async let queueList = client.queues.list().collect()
            let (org, workspaces, queues) = try await (organization, workspaceList, queueList)
            let byWorkspace = Dictionary(grouping: queues.map(Self.summary)) { $0.workspaceID ?? -1 }
            var result = workspaces.map { workspace in
                WorkspaceSummary(id: workspace.id, name: workspace.name ?? "workspace \(workspace.id)",
                                 queues: (byWorkspace[workspace.id] ?? []).sorted { $0.name < $1.name })
            }.sorted { $0.name < $1.name }
            if let orphans = byWorkspace[-1], !orphans.isEmpty {
                result.append(WorkspaceSummary(id: -1, name: "(no workspace)", queues: orphans))
            }
            return (org.map { OrganizationSummary(id: $0.id, name: $0.name ?? "organization \($0.id)") }, result)
        }
    }

    static func summary(_ queue: Queue) -> QueueSummary {
        QueueSummary(id: queue.id, name: queue.name ?? "queue \(queue.id)", workspaceID: queue.workspace.flatMap(Self.trailingID),
                     schemaID: queue.schema.flatMap(Self.trailingID), counts: queue.counts ?? [:])
    }

    /// `https://x/api/v1/queues/12` -> 12.
    static func trailingID(_ url: String) -> Int? {
        url.split(separator: "/").last.flatMap { Int($0) }
    }

    public func queue(id: Int) async throws(ConsoleFailure) -> (QueueSummary, String?) {
        try await attempt {
            let queue = try await client.queues.retrieve(id)
            var workspaceName: String?
            if let workspaceID = queue.workspace.flatMap(Self.trailingID) {
                workspaceName = try? await client.workspaces.retrieve(workspaceID).name
            }
            return (Self.summary(queue), workspaceName)
        }
    }

    public func fieldColumns(queueID: Int, schemaID: Int?) async throws(ConsoleFailure) -> [(id: String, title: String)] {
        guard let schemaID else { return [] }
        return try await attempt {
            let schema = try await client.schemas.retrieve(schemaID)
            var columns: [(id: String, title: String)] = []
            for id in Self.keyFields {
                guard let node = schema.node(id: id), columns.count < 3 else { continue }
                // Invoice number and id are alternatives; show one.
                if id == "invoice_id" && columns.contains(where: { $0.id == "document_id" }) { continue }
                if id == "amount_due" && columns.contains(where: { $0.id == "amount_total" }) { continue }
                columns.append((id, Self.shortTitles[id] ?? node.label ?? id))
            }
            return columns
        }
    }

    // MARK: annotations

    struct ListEnvelope: Decodable {
        struct Pagination: Decodable { var total: Int? }
        var pagination: Pagination?
        var results: [Annotation]
        var documents: [Document]?
        var modifiers: [User]?
        var content: [ContentNode]?
    }

    public func annotationPage(_ query: AnnotationQuery, page: Int, fieldIDs: [String]) async throws(ConsoleFailure) -> AnnotationPage {
        if query.statuses == ["-"] { return AnnotationPage(rows: [], total: 0) }
        return try await attempt {
            var params = QueryItems()
            params.append("page", QueryValue(page + 1))
            params.append("page_size", QueryValue(AnnotationListState.pageSize))
            params.append("include_total", true)
            params.append("ordering", QueryValue(query.ordering))
            var sideloads = ["documents", "modifiers"]
            if !fieldIDs.isEmpty {
                sideloads.append("content")
                params.append("content.schema_id", QueryValue(fieldIDs))
            }
            params.append("sideload", QueryValue(sideloads))
            let envelope: ListEnvelope
            if query.filter.text.isEmpty {
                params.append("queue", QueryValue(query.queueID))
                if !query.statuses.isEmpty { params.append("status", QueryValue(query.statuses)) }
                if !query.filter.ids.isEmpty { params.append("id", QueryValue(query.filter.ids.map(String.init))) }
                envelope = try await client.request("GET", "annotations", query: params, as: ListEnvelope.self)
            } else {
                // Free text goes through annotations/search, the API's full-text entry point.
                var conditions: [JSONValue] = [["queue": ["$in": [.string(client.url("queues/\(query.queueID)"))]]]]
                if !query.statuses.isEmpty { conditions.append(["status": ["$in": .array(query.statuses.map { .string($0) })]]) }
                if !query.filter.ids.isEmpty { conditions.append(["id": ["$in": .array(query.filter.ids.map { .number(Double($0)) })]]) }
                let body: JSONValue = ["query": ["$and": .array(conditions)], "query_string": ["string": .string(query.filter.text)]]
                envelope = try await client.request("POST", "annotations/search", query: params, body: .json(body), idempotent: true, as: ListEnvelope.self)
            }
            let rows = Self.rows(envelope, fieldIDs: fieldIDs)
            return AnnotationPage(rows: rows, total: envelope.pagination?.total ?? rows.count)
        }
    }

    static func rows(_ envelope: ListEnvelope, fieldIDs: [String]) -> [AnnotationRow] {
        let documents = Dictionary((envelope.documents ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let users = Dictionary((envelope.modifiers ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var fieldsByAnnotation: [Int: [String: String]] = [:]
        for node in envelope.content ?? [] {
            guard let url = node.url, let schemaID = node.schemaID, let annotationID = annotationID(fromContentURL: url) else { continue }
            fieldsByAnnotation[annotationID, default: [:]][schemaID] = text(node.content?.value)
        }
        return envelope.results.map { annotation in
            row(annotation, document: annotation.document.flatMap { link in link.object ?? link.url.flatMap(trailingID).flatMap { documents[$0] } },
                modifier: annotation.modifier.flatMap { link in link.object ?? link.url.flatMap(trailingID).flatMap { users[$0] } },
                fields: fieldsByAnnotation[annotation.id] ?? [:])
        }
    }

    static func annotationID(fromContentURL url: String) -> Int? {
        let parts = url.split(separator: "/")
        guard let index = parts.lastIndex(of: "annotations"), index + 1 < parts.count else { return nil }
        return Int(parts[index + 1])
    }

    static func text(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        if let string = value.stringValue { return string }
        if let number = value.doubleValue { return number == number.rounded() ? String(Int(number)) : String(number) }
        return value.isNull ? "" : value.description
    }

    static func row(_ annotation: Annotation, document: Document?, modifier: User?, fields: [String: String]) -> AnnotationRow {
        let name = document?.originalFileName ?? annotation.document?.url.map { "document \(trailingID($0) ?? 0)" } ?? "-"
        let modifierName = modifier.map { $0.username ?? [$0.firstName, $0.lastName].compactMap { $0 }.joined(separator: " ") }
            ?? annotation.modifier?.url.flatMap(trailingID).map { "user \($0)" }
        return AnnotationRow(id: annotation.id, status: annotation.status?.rawValue ?? "unknown", fileName: name,
                             arrivedAt: date(document?.arrivedAt ?? annotation.arrivedAt ?? annotation.createdAt),
                             modifiedAt: date(annotation.modifiedAt), modifier: modifierName,
                             queueID: annotation.queue?.url.flatMap(trailingID) ?? annotation.queue?.object?.id, fields: fields)
    }

    static func date(_ text: String?) -> Date? {
        text.flatMap(ISO8601Timestamp.parse)
    }

    public func annotationRow(id: Int, fieldIDs: [String]) async throws(ConsoleFailure) -> AnnotationRow {
        try await attempt {
            let annotation = try await client.annotations.retrieve(id, sideloads: [.documents, .modifiers])
            var fields: [String: String] = [:]
            if !fieldIDs.isEmpty, let content = try? await client.annotations.content(id) {
                for node in Self.flatten(content) where fieldIDs.contains(node.schemaID ?? "") {
                    fields[node.schemaID ?? ""] = Self.text(node.content?.value)
                }
            }
            return Self.row(annotation, document: annotation.document?.object, modifier: annotation.modifier?.object, fields: fields)
        }
    }

    static func flatten(_ nodes: [ContentNode]) -> [ContentNode] {
        nodes.flatMap { [$0] + flatten($0.children) }
    }

    public func annotationDetail(id: Int) async throws(ConsoleFailure) -> AnnotationDetail {
        try await attempt {
            let annotation = try await client.annotations.retrieve(id, sideloads: [.documents, .modifiers, .automationBlockers])
            let content = (try? await client.annotations.content(id)) ?? []
            var labels: [String: String] = [:]
            if let schemaID = annotation.schema.flatMap(Self.trailingID), let schema = try? await client.schemas.retrieve(schemaID) {
                for node in schema.allNodes { labels[node.id] = node.label ?? node.id }
            }
            let queueID = annotation.queue?.url.flatMap(Self.trailingID)
            let queueName: String? = if let queueID { try? await client.queues.retrieve(queueID).name } else { nil }
            return AnnotationDetailBuilder.build(annotation: annotation, content: content, labels: labels, queueName: queueName,
                                                 webURL: webURL(id))
        }
    }

    /// The web app's address of an annotation: the API host without `/api/v1`.
    func webURL(_ id: Int) -> String {
        var base = client.baseURL
        if base.hasSuffix("/api/v1") { base = String(base.dropLast("/api/v1".count)) }
        return base + "/document/\(id)"
    }

    public func run(_ command: AnnotationCommand, id: Int) async throws(ConsoleFailure) -> String? {
        try await attempt {
            switch command {
            case .confirm: try await client.annotations.confirm(id)
            case .postpone: try await client.annotations.postpone(id)
            case .reject(let note): _ = try await client.annotations.reject(id, note: note.isEmpty ? nil : note)
            case .delete: try await client.annotations.delete(id)
            case .start: _ = try await client.annotations.start(id)
            case .requeue: return try await client.annotations.requeue(id).status?.rawValue
            }
            return try? await client.annotations.retrieve(id).status?.rawValue
        }
    }

    // MARK: operations and datasets

    public func operations() async throws(ConsoleFailure) -> [OperationRow] {
        try await attempt {
            async let mdh = client.masterDataHub.operations()
            async let jobs = journal?.recentOperations() ?? []
            var rows = try await mdh.map(Self.row)
            rows += await jobs
            return rows
        }
    }

    static func row(_ op: DatasetOperation) -> OperationRow {
        let metadata = op.raw["file_metadata"] ?? op.raw["metadata"]?["file_metadata"]
        let records = op.raw["record_count"]?.intValue ?? op.raw["metadata"]?["operation_summary"]?["record_count"]?.intValue
            ?? op.raw["records"]?.intValue
        let progress = op.raw["progress"]?.doubleValue.map { $0 > 1 ? $0 / 100 : $0 }
        let started = date(op.createdAt)
        let updated = date(op.statusChangedAt)
        return OperationRow(id: "mdh:" + op.id, source: .masterDataHub, kind: op.operationType ?? "operation",
                            state: op.status.rawValue, dataset: op.datasetName, file: metadata?["filename"]?.stringValue,
                            startedAt: started, updatedAt: updated, finishedAt: op.status.isTerminal ? updated : nil,
                            records: records, progress: progress, error: op.error)
    }

    public func datasets() async throws(ConsoleFailure) -> [DatasetSummary] {
        try await attempt {
            let datasets = try await client.masterDataHub.datasets()
            return await withTaskGroup(of: DatasetSummary.self) { group in
                for dataset in datasets {
                    group.addTask { [client] in
                        let count = try? await client.dataStorage.count(dataset.name)
                        return DatasetSummary(name: dataset.name, recordCount: count ?? Self.recordCount(dataset.raw))
                    }
                }
                var result: [DatasetSummary] = []
                for await summary in group { result.append(summary) }
                return result
            }
        }
    }

    static func recordCount(_ raw: JSONValue) -> Int? {
        raw["record_count"]?.intValue ?? raw["count"]?.intValue ?? raw["size"]?.intValue
    }
}
