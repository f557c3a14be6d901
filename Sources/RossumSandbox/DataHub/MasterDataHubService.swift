import Foundation
import GRDB

/// An MDH answer before it becomes HTTP.
enum MasterDataHubOutcome: Sendable {
    case ok(DocumentValue)
    /// 201 with what was made (a v2 dataset).
    case created(DocumentValue)
    /// 202 `{"message": "Dataset operation has been queued.", "type": "info"}` with a Location header.
    case queued(operationID: String)
    /// 202 `{"message": ..., "type": "info"}` for a change with no operation to poll (search index changes).
    case accepted(message: String)
    /// `{"message": ..., "type": "error"}`.
    case error(status: Int, message: String)
}

/// A request MDH refuses, with its status.
struct MasterDataHubRefusal: Error {
    let status: Int
    let message: String
}

extension MasterDataHubOutcome {
    /// `work`'s outcome; a refusal keeps its status, a `QueryError` is the body's fault (422).
    static func refusing(_ work: () async throws -> MasterDataHubOutcome) async -> MasterDataHubOutcome {
        do {
            return try await work()
        } catch let refusal as MasterDataHubRefusal {
            return .error(status: refusal.status, message: refusal.message)
        } catch let error as QueryError {
            return .error(status: 422, message: error.message)
        } catch {
            return .error(status: 500, message: "internal error: \(error)")
        }
    }
}

/// The MDH dataset and operation endpoints (`/svc/master-data-hub/api/v1/...`).
struct MasterDataHubService: Sendable {
    let hub: DataHub
    /// The user id of the request's token: operations it starts are theirs.
    var callerID: String?

    /// Largest accepted upload, as documented for MDH.
    static let maximumBodySize = 50 * 1024 * 1024

    func listDatasets() async -> MasterDataHubOutcome {
        do {
            let collections = try await hub.database.read { db in try CollectionStore.list(db) }
            return .ok(.array(collections.map { collection, count in
                .object(Document([
                    ("name", .string(collection.name)),
                    ("record_count", .int(Int64(count))),
                    ("create_ts", .string(DatasetOperation.timestamp(Date(timeIntervalSince1970: collection.createdAt)))),
                    ("update_ts", .string(DatasetOperation.timestamp(Date(timeIntervalSince1970: collection.updatedAt)))),
                ]))
            }))
        } catch {
            return .error(status: 500, message: "internal error: \(error)")
        }
    }

    func operation(id: String) async -> MasterDataHubOutcome {
        do {
            guard let operation = try await hub.operation(id: id) else {
                return .error(status: 404, message: "Operation \(id) not found")
            }
            return .ok(operation.mdhJSON)
        } catch {
            return .error(status: 500, message: "internal error: \(error)")
        }
    }

    /// Newest first; `datasetName` narrows to one dataset.
    func operations(datasetName: String?, limit: Int) async -> MasterDataHubOutcome {
        do {
            let operations = try await hub.database.read { db in
                try DatasetOperation.fetchAll(db, datasetName: datasetName, limit: max(1, min(limit, 5000)))
            }
            return .ok(.array(operations.map(\.mdhJSON)))
        } catch {
            return .error(status: 500, message: "internal error: \(error)")
        }
    }

    /// The v2 list: `{"operations": [...]}`, newest first.
    func operationsV2(limit: Int) async -> MasterDataHubOutcome {
        do {
            let operations = try await hub.database.read { db in
                try DatasetOperation.fetchAll(db, limit: max(1, min(limit, 5000)))
            }
            return .ok(.object(Document([("operations", .array(operations.map(\.mdhV2JSON)))])))
        } catch {
            return .error(status: 500, message: "internal error: \(error)")
        }
    }

    /// Validates a dataset write (`POST`, `PUT`, `PATCH`, `DELETE`) and queues its operation.
    func submit(method: String, datasetName: String, form: MultipartFormData?) async -> MasterDataHubOutcome {
        do {
            try CollectionStore.validateName(datasetName)
            let change = try change(for: method, form: form)
            let exists = try await hub.database.read { db in try CollectionStore.find(db, name: datasetName) != nil }
            switch change {
            case .create where exists:
                return .error(status: 400, message: "collection already exists")
            case .update where !exists, .delete where !exists:
                return .error(status: 404, message: "Dataset \(datasetName) not found")
            default:
                break
            }
            let operation = try await hub.submit(change, datasetName: datasetName, userID: callerID)
            return .queued(operationID: operation.id)
        } catch let error as QueryError {
            return .error(status: 422, message: error.message)
        } catch {
            return .error(status: 500, message: "internal error: \(error)")
        }
    }

    private func change(for method: String, form: MultipartFormData?) throws(QueryError) -> DatasetChange {
        if method == "DELETE" { return .delete }
        guard let form else { throw QueryError("the request must be multipart/form-data with a file part") }
        guard let file = form.file("file") else { throw QueryError("the form field 'file' is required") }
        let options = try DatasetFileOptions(
            encoding: form.field("encoding"), fieldDelimiter: form.field("field_delimiter"),
            quoteChar: form.field("quotechar") ?? form.field("text_qualifier"), escapeChar: form.field("escapechar"))
        let upload = DatasetUpload(bytes: file.body, filename: file.filename, contentType: file.contentType, options: options)
        let idKeys = form.fields("id_keys").flatMap(Self.splitKeys)
        switch method {
        case "POST":
            return .create(upload)
        case "PUT":
            if try Self.flag(form, "replace_or_new") {
                guard !idKeys.isEmpty else { throw QueryError("id_keys are required with replace_or_new") }
                return .replaceByKeys(upload, idKeys: idKeys)
            }
            return .replace(upload)
        case "PATCH":
            guard !idKeys.isEmpty else { throw QueryError("id_keys are required to update a dataset") }
            return .update(upload, idKeys: idKeys, insertNew: try Self.flag(form, "update_or_new"))
        default:
            throw QueryError("method \(method) is not allowed")
        }
    }

    /// One `id_keys` field per key is the documented form; a JSON array or comma list is accepted too.
    private static func splitKeys(_ value: String) -> [String] {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("["), case .array(let items)? = try? DocumentJSONParser.parse(trimmed) {
            return items.compactMap(\.stringValue)
        }
        return trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func flag(_ form: MultipartFormData, _ name: String) throws(QueryError) -> Bool {
        guard let value = form.field(name)?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        switch value {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off", "": return false
        default: throw QueryError("\(name) must be true or false")
        }
    }
}
