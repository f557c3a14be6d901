import Foundation
import GRDB

/// MDH v2's dataset registry: `GET datasets` and `POST datasets/{name}`. A dataset is a
/// collection with its declared search indexes. Creating one makes it empty (records come
/// with v1's uploads or Data Storage's writes) and declares the body's `search_indexes`;
/// without that field it gets MDH's `default` index, and `[]` declares none.
struct DatasetRegistryService: Sendable {
    let hub: DataHub

    /// Name order, at most `limit`. The list is a bare JSON array: the one client seen reads
    /// either that or `{"results": [...]}`, and MDH v2's other lists are bare arrays.
    func list(limit: Int) async -> MasterDataHubOutcome {
        await answer {
            try await hub.database.read { db in
                .array(try CollectionStore.list(db).prefix(limit).map { try Self.item(db, $0.collection, recordCount: $0.recordCount) })
            }
        }
    }

    /// `body` is empty or a JSON object; `search_indexes` items are `{name, definition}` (or,
    /// as the older Data Storage create took them, `{name, mappings, ...}`). Checked whole
    /// before anything is stored.
    func create(datasetName: String, body: [UInt8]) async -> MasterDataHubOutcome {
        await answer {
            try CollectionStore.validateName(datasetName)
            let indexes = try Self.searchIndexes(in: body)
            return try await hub.database.write { db in
                if try CollectionStore.find(db, name: datasetName) != nil { throw MasterDataHubRefusal(status: 400, message: "collection already exists") }
                let collection = try CollectionStore.create(db, name: datasetName)
                if let indexes { try SearchIndexes.declareOnly(db, collectionID: collection.id, indexes) }
                return try Self.item(db, collection, recordCount: 0)
            }
        }
    }

    private static func item(_ db: Database, _ collection: StoredCollection, recordCount: Int) throws -> DocumentValue {
        let indexes = try SearchIndexes.declared(db, collectionID: collection.id).map { index in
            DocumentValue.object(Document([("name", .string(index.name)), ("definition", .object(index.definition))]))
        }
        return .object(Document([
            ("name", .string(collection.name)),
            ("record_count", .int(Int64(recordCount))),
            ("create_ts", .string(DatasetOperation.timestamp(Date(timeIntervalSince1970: collection.createdAt)))),
            ("update_ts", .string(DatasetOperation.timestamp(Date(timeIntervalSince1970: collection.updatedAt)))),
            ("search_indexes", .array(indexes)),
        ]))
    }

    /// nil when the body names no `search_indexes` (MDH then declares `default`).
    private static func searchIndexes(in body: [UInt8]) throws -> [(name: String, definition: Document)]? {
        guard body.contains(where: { !" \t\r\n".utf8.contains($0) }) else { return nil }
        guard case .object(let request)? = try? DocumentJSONParser.parse(body) else {
            throw MasterDataHubRefusal(status: 422, message: "the body must be empty or a JSON object")
        }
        switch request["search_indexes"] {
        case nil, .null?: return nil
        case .array(let items)?:
            return try items.map { item in
                guard case .object(var index) = item, case .string(let name)? = index["name"] else {
                    throw MasterDataHubRefusal(status: 422, message: "each of search_indexes must be an object with a string name")
                }
                index["name"] = nil
                if case .object(let definition)? = index["definition"], index.keys == ["definition"] { return (name, definition) }
                return (name, index)
            }
        default:
            throw MasterDataHubRefusal(status: 422, message: "search_indexes must be an array")
        }
    }

    /// 200 with the list, 201 with a created dataset; refusals keep their status.
    private func answer(_ work: () async throws -> DocumentValue) async -> MasterDataHubOutcome {
        await .refusing {
            let value = try await work()
            if case .array = value { return .ok(value) }
            return .created(value)
        }
    }
}
