import Foundation
import GRDB

/// `$collStats` (first stage only): `count` and `storageStats` of a collection, measured on the
/// stored records (sizes are the bytes of their JSON text, which is what the sandbox stores).
struct CollectionStatistics {
    let collectionName: String
    let count: Bool
    let storageScale: Int?

    init(_ operand: DocumentValue, collectionName: String) throws(QueryError) {
        let spec = try AggregationPipeline.object(operand, "$collStats")
        for key in spec.keys where !["count", "storageStats"].contains(key) {
            throw QueryError("$collStats option \(key) is not supported by the sandbox (count, storageStats)")
        }
        count = spec["count"] != nil
        if let storage = spec["storageStats"] {
            let options = try AggregationPipeline.object(storage, "storageStats")
            storageScale = try options["scale"].map { value throws(QueryError) in try AggregationPipeline.count(value, "scale") } ?? 1
            if storageScale == 0 { throw QueryError("scale must be at least 1") }
        } else {
            storageScale = nil
        }
        self.collectionName = collectionName
    }

    func document(_ db: Database, collectionID: Int64?) throws -> Document {
        let row = try collectionID.flatMap {
            try Row.fetchOne(db, sql: "SELECT COUNT(*), COALESCE(SUM(LENGTH(body)), 0) FROM datahub_record WHERE collection_id = ?",
                             arguments: [$0])
        }
        let records: Int64 = row?[0] ?? 0
        let bytes: Int64 = row?[1] ?? 0
        var result = Document([
            ("ns", .string("sandbox.\(collectionName)")), ("host", .string("sandbox")),
            ("localTime", .string(DatasetOperation.timestamp(Date()))),
        ])
        if count { result["count"] = .int(records) }
        if let scale = storageScale.map(Int64.init) {
            let indexes = try collectionID.map { try StorageIndexes.list(db, collectionID: $0).count } ?? 1
            result["storageStats"] = .object(Document([
                ("size", .int(bytes / scale)), ("count", .int(records)),
                ("avgObjSize", .int(records == 0 ? 0 : bytes / records)), ("storageSize", .int(bytes / scale)),
                ("nindexes", .int(Int64(indexes))), ("scaleFactor", .int(scale)),
            ]))
        }
        return result
    }
}
