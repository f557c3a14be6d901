import Foundation
import GRDB

/// MDH v2's per-dataset search index registry (`GET datasets/{name}/search_indexes`, `PUT` and
/// `DELETE datasets/{name}/search_indexes/{index}`) over `SearchIndexes`. A `PUT` body is the
/// bare index definition; changes answer 202 without an operation (clients poll the list until
/// the index is `READY`, which in the sandbox it already is).
struct SearchIndexService: Sendable {
    let hub: DataHub

    func list(datasetName: String) async -> MasterDataHubOutcome {
        await answer {
            try await hub.database.read { db in
                .array(try SearchIndexes.list(db, collectionID: try Self.collectionID(db, datasetName)).map(DocumentValue.object))
            }
        }
    }

    func put(datasetName: String, indexName: String, body: [UInt8]) async -> MasterDataHubOutcome {
        guard case .object(let definition)? = try? DocumentJSONParser.parse(body) else {
            return .error(status: 422, message: "the body must be a JSON object: the search index definition")
        }
        return await answer {
            try await hub.database.write { db in
                try SearchIndexes.put(db, collectionID: try Self.collectionID(db, datasetName), name: indexName, definition: definition)
            }
            return nil
        } accepted: { "Search index '\(indexName)' on dataset '\(datasetName)' has been declared." }
    }

    func drop(datasetName: String, indexName: String) async -> MasterDataHubOutcome {
        await answer {
            let dropped = try await hub.database.write { db in
                try SearchIndexes.drop(db, collectionID: try Self.collectionID(db, datasetName), name: indexName)
            }
            guard dropped else { throw MasterDataHubRefusal(status: 404, message: "Search index '\(indexName)' not found") }
            return nil
        } accepted: { "Search index '\(indexName)' on dataset '\(datasetName)' has been removed." }
    }

    private static func collectionID(_ db: Database, _ name: String) throws -> Int64 {
        guard let collection = try CollectionStore.find(db, name: name) else { throw MasterDataHubRefusal(status: 404, message: Self.notFound(name)) }
        return collection.id
    }

    /// How MDH refuses a dataset it does not have, on the v2 paths and the older Data Storage ones alike.
    static func notFound(_ name: String) -> String { "Dataset '\(name)' not found" }

    /// 200 with the value, or 202 with `accepted`'s message when the work gives none; refusals keep their status.
    private func answer(
        _ work: () async throws -> DocumentValue?, accepted: () -> String = { "" }
    ) async -> MasterDataHubOutcome {
        await .refusing {
            guard let value = try await work() else { return .accepted(message: accepted()) }
            return .ok(value)
        }
    }
}
