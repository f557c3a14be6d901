import Foundation
import GRDB
import Testing
@testable import RossumSandbox

/// The store, the find executor and the MDH change applier on an in-memory database.
@Suite struct DataHubEngineTests {
    static func makeDatabase() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        DataHubSchema.registerMigrations(in: &migrator)
        try migrator.migrate(queue)
        return queue
    }

    static func upload(_ json: String, name: String = "data.json") -> DatasetUpload {
        DatasetUpload(bytes: Array(json.utf8), filename: name, contentType: nil, options: DatasetFileOptions())
    }

    static func apply(_ change: DatasetChange, to name: String, in queue: DatabaseQueue) throws -> DatasetChangeApplier.Summary {
        let records = try DatasetChangeApplier.readRecords(change)
        return try queue.write { db in try DatasetChangeApplier.apply(change, records: records, to: name, in: db) }
    }

    static func contents(_ name: String, in queue: DatabaseQueue) throws -> [String] {
        try queue.read { db in try contents(name, in: db) }
    }

    static func contents(_ name: String, in db: Database) throws -> [String] {
        guard let collection = try CollectionStore.find(db, name: name) else { return [] }
        let query = FindQuery(projection: try Projection.compile(Document([("_id", .int(0))])))
        let bytes = try FindExecutor.jsonArray(db, collectionID: collection.id, query: query)
        guard case .array(let items) = try DocumentJSONParser.parse(bytes) else { return [] }
        return items.map(DocumentJSONWriter.string)
    }

    @Test func upsertOverwritesMatchedRecordsKeepsIdsAndCountsExactly() throws {
        let queue = try Self.makeDatabase()
        let created = try Self.apply(.create(Self.upload(#"[{"k":"1","v":"a","extra":true},{"k":"2","v":"b"},{"k":"3","v":"c"}]"#)), to: "ds", in: queue)
        #expect(created == .init(inserted: 3, updated: 0, deleted: 0, recordCount: 3))
        let idsBefore = try queue.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM datahub_record ORDER BY id") }

        let upsert = DatasetChange.update(Self.upload(#"[{"k":"1","v":"A"},{"k":"4","v":"d"}]"#), idKeys: ["k"], insertNew: true)
        #expect(try Self.apply(upsert, to: "ds", in: queue) == .init(inserted: 1, updated: 1, deleted: 0, recordCount: 4))
        #expect(try Self.contents("ds", in: queue) == [#"{"k":"1","v":"A"}"#, #"{"k":"2","v":"b"}"#, #"{"k":"3","v":"c"}"#, #"{"k":"4","v":"d"}"#])
        let idsAfter = try queue.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM datahub_record ORDER BY id") }
        #expect(Array(idsAfter.prefix(3)) == idsBefore)

        let updateOnly = DatasetChange.update(Self.upload(#"[{"k":"2","v":"B"},{"k":"9","v":"z"}]"#), idKeys: ["k"], insertNew: false)
        #expect(try Self.apply(updateOnly, to: "ds", in: queue) == .init(inserted: 0, updated: 1, deleted: 0, recordCount: 4))
    }

    @Test func compositeKeysDistinguishTypes() throws {
        let queue = try Self.makeDatabase()
        _ = try Self.apply(.create(Self.upload(#"[{"a":1,"b":"x","v":0},{"a":"1","b":"x","v":0}]"#)), to: "ds", in: queue)
        let upsert = DatasetChange.update(Self.upload(#"[{"a":1,"b":"x","v":1}]"#), idKeys: ["a", "b"], insertNew: true)
        #expect(try Self.apply(upsert, to: "ds", in: queue) == .init(inserted: 0, updated: 1, deleted: 0, recordCount: 2))
        #expect(try Self.contents("ds", in: queue) == [#"{"a":1,"b":"x","v":1}"#, #"{"a":"1","b":"x","v":0}"#])
    }

    @Test func replaceWholeAndReplaceByKeys() throws {
        let queue = try Self.makeDatabase()
        _ = try Self.apply(.create(Self.upload(#"[{"k":"1"},{"k":"2"},{"k":"3"}]"#)), to: "ds", in: queue)
        let byKeys = DatasetChange.replaceByKeys(Self.upload(#"[{"k":"2","v":"new"},{"k":"5"}]"#), idKeys: ["k"])
        #expect(try Self.apply(byKeys, to: "ds", in: queue) == .init(inserted: 1, updated: 1, deleted: 2, recordCount: 2))
        #expect(try Self.contents("ds", in: queue) == [#"{"k":"2","v":"new"}"#, #"{"k":"5"}"#])
        #expect(try Self.apply(.replace(Self.upload(#"[{"x":1}]"#)), to: "ds", in: queue) == .init(inserted: 1, updated: 0, deleted: 2, recordCount: 1))
        #expect(try Self.contents("ds", in: queue) == [#"{"x":1}"#])
    }

    @Test func badFilesLeaveTheDatasetUnchanged() throws {
        let queue = try Self.makeDatabase()
        _ = try Self.apply(.create(Self.upload(#"[{"k":"1","v":"a"}]"#)), to: "ds", in: queue)
        let before = try Self.contents("ds", in: queue)
        let bad: [DatasetChange] = [
            .update(Self.upload(#"[{"k":"1","v":"b"},{"v":"no key"}]"#), idKeys: ["k"], insertNew: true),
            .update(Self.upload(#"[{"k":"7"},{"k":"7"}]"#), idKeys: ["k"], insertNew: true),
            .update(Self.upload(#"[{"k":"1","v":"b"}"#), idKeys: ["k"], insertNew: true),
            .update(DatasetUpload(bytes: [0x5B, 0x7B, 0x22, 0x6B, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D, 0x5D], filename: "x.json",
                                  contentType: nil, options: DatasetFileOptions()), idKeys: ["k"], insertNew: true),
            .create(Self.upload(#"[{"k":"2"}]"#)),
        ]
        for change in bad {
            #expect(throws: DatasetFileError.self) { try Self.apply(change, to: "ds", in: queue) }
            #expect(try Self.contents("ds", in: queue) == before)
        }
    }

    @Test func findServesIdRangesSortsSkipAndLimitFromTheIndex() throws {
        let queue = try Self.makeDatabase()
        let rows = (0..<50).map { #"{"n":\#($0),"even":\#($0 % 2 == 0)}"# }.joined(separator: ",")
        _ = try Self.apply(.create(Self.upload("[\(rows)]")), to: "ds", in: queue)
        try queue.read { db in
            let collection = try #require(try CollectionStore.find(db, name: "ds"))
            func find(_ json: String) throws -> [DocumentValue] {
                guard case .object(let body) = try DocumentJSONParser.parse(json) else { return [] }
                let query = try FindQuery(query: body["query"], projection: body["projection"], sort: body["sort"], skip: body["skip"], limit: body["limit"])
                guard case .array(let items) = try DocumentJSONParser.parse(try FindExecutor.jsonArray(db, collectionID: collection.id, query: query)) else { return [] }
                return items
            }
            func numbers(_ json: String) throws -> [Int] {
                try find(json).compactMap { $0.documentValue?["n"]?.doubleValue }.map { Int($0) }
            }
            #expect(try numbers(#"{"sort":{"_id":-1},"skip":5,"limit":3}"#) == [44, 43, 42])
            #expect(try numbers(#"{"sort":{"n":-1},"skip":5,"limit":3}"#) == [44, 43, 42])
            #expect(try numbers(#"{"query":{"even":true},"skip":2,"limit":2}"#) == [4, 6])
            let first = try find(#"{"sort":{"_id":1},"limit":10}"#)
            guard case .objectId(let last)? = first.last?.documentValue?["_id"] else { Issue.record("no _id"); return }
            #expect(try numbers(#"{"query":{"_id":{"$gt":{"$oid":"\#(last)"}}},"sort":{"_id":1},"limit":3}"#) == [10, 11, 12])
            #expect(try numbers(#"{"query":{"_id":{"$gt":{"$oid":"\#(last)"}},"even":false},"limit":2}"#) == [11, 13])
            #expect(try numbers(#"{"query":{"_id":{"$lte":{"$oid":"\#(last)"}}},"sort":{"_id":-1},"limit":2}"#) == [9, 8])
            #expect(try numbers(#"{"query":{"_id":{"$gt":{"$oid":"ffffffff0000000000000000"}}}}"#) == [])
            #expect(try numbers(#"{"query":{"_id":{"$gt":{"$oid":"000000000000000000000000"}}},"limit":1}"#) == [0])
            #expect(try numbers(#"{"query":{"_id":{"$oid":"\#(last)"}}}"#) == [9])
            #expect(try find(#"{"projection":{"_id":0},"limit":1}"#).map(DocumentJSONWriter.string) == [#"{"n":0,"even":true}"#])
            #expect(try FindExecutor.count(db, collectionID: collection.id, filter: QueryFilter(Document([("even", .bool(true))]))) == 25)
        }
    }

    /// The `instr` prefilter must never hide a match: strings with escapes, non-ASCII text, values inside arrays.
    @Test func stringEqualityPrefilterKeepsEveryMatch() throws {
        let queue = try Self.makeDatabase()
        _ = try Self.apply(.create(Self.upload(#"[{"s":"say \"hi\"\\now\t"},{"s":"日本"},{"s":["x","Größe"]},{"t":"other"},{"s":"say"}]"#)), to: "ds", in: queue)
        try queue.read { db in
            let collection = try #require(try CollectionStore.find(db, name: "ds"))
            func count(_ json: String) throws -> Int {
                guard case .object(let query) = try DocumentJSONParser.parse(json) else { return -1 }
                return try FindExecutor.documents(db, collectionID: collection.id, query: FindQuery(filter: QueryFilter(query))).count
            }
            #expect(try count(#"{"s":"say \"hi\"\\now\t"}"#) == 1)
            #expect(try count(#"{"s":"日本"}"#) == 1)
            #expect(try count(#"{"s":"Größe"}"#) == 1)
            #expect(try count(#"{"s":{"$in":["日本","say"]}}"#) == 2)
            #expect(try count(#"{"s":"other"}"#) == 0)
            #expect(try count(#"{"s":"x","t":{"$exists":false}}"#) == 1)
        }
    }

    @Test func aggregatePipelineStages() throws {
        let queue = try Self.makeDatabase()
        _ = try Self.apply(.create(Self.upload(#"[{"c":"CZ","a":10,"t":["x","y"]},{"c":"DE","a":5,"t":["x"]},{"c":"CZ","a":2.5},{"c":"JP","a":1}]"#)), to: "ds", in: queue)
        try queue.read { db in
            let collection = try #require(try CollectionStore.find(db, name: "ds"))
            func run(_ json: String) throws -> [String] {
                try AggregationPipeline(try DocumentJSONParser.parse(json)).run(db, collectionID: collection.id).map(DocumentJSONWriter.string)
            }
            #expect(try run(#"[{"$match":{"c":"CZ"}},{"$count":"n"}]"#) == [#"{"n":2}"#])
            #expect(try run(#"[{"$count":"total"}]"#) == [#"{"total":4}"#])
            #expect(try run(#"[{"$group":{"_id":"$c","total":{"$sum":"$a"},"n":{"$sum":1}}},{"$sort":{"total":-1}}]"#)
                == [#"{"_id":"CZ","total":12.5,"n":2}"#, #"{"_id":"DE","total":5,"n":1}"#, #"{"_id":"JP","total":1,"n":1}"#])
            #expect(try run(#"[{"$sort":{"a":1}},{"$skip":1},{"$limit":2},{"$project":{"_id":0,"a":1}}]"#) == [#"{"a":2.5}"#, #"{"a":5}"#])
            #expect(try run(#"[{"$unwind":"$t"},{"$group":{"_id":"$t","n":{"$sum":1}}},{"$sort":{"_id":1}}]"#) == [#"{"_id":"x","n":2}"#, #"{"_id":"y","n":1}"#])
            #expect(try run(#"[{"$match":{"c":"JP"}},{"$project":{"_id":0,"label":{"$concat":["$c","-",{"$toUpper":"jp"}]}}}]"#) == [#"{"label":"JP-JP"}"#])
            #expect(throws: QueryError.self) { try run(#"[{"$lookup":{}}]"#) }
        }
    }

    // How fast seeding is belongs to rossum-bench; here only what it produces.
    @Test func seederIsDeterministic() throws {
        let first = try Self.makeDatabase(), second = try Self.makeDatabase()
        try first.write { db in try DataHubSeeder.seed(db, seed: 42, scale: .small) }
        try second.write { db in try DataHubSeeder.seed(db, seed: 42, scale: .small) }
        #expect(try Self.contents("suppliers", in: first) == Self.contents("suppliers", in: second))
        #expect(try Self.contents("purchase_orders", in: first).count == DataHubSeedScale.small.purchaseOrderCount)
        #expect(try Self.contents("suppliers", in: first).count == DataHubSeedScale.small.supplierCount)
        // Stored bodies must be exactly what the writer produces: the `instr` prefilter relies on it.
        let bodies = try first.read { db in try String.fetchAll(db, sql: "SELECT body FROM datahub_record") }
        #expect(bodies.count == 1_100)
        for body in bodies {
            #expect(DocumentJSONWriter.string(try DocumentJSONParser.parse(body)) == body)
        }
    }

    @Test func upsertMatchesKeysOfEveryKindAndDottedKeys() throws {
        let queue = try Self.makeDatabase()
        _ = try Self.apply(.create(Self.upload(#"[{"k":1.5,"v":0},{"k":true,"v":0},{"k":null,"v":0},{"k":{"a":1},"v":0},{"o":{"id":"x"},"v":0}]"#)), to: "ds", in: queue)
        let upsert = DatasetChange.update(Self.upload(#"[{"k":1.5,"v":1},{"k":true,"v":1},{"k":null,"v":1},{"k":{"a":1},"v":1}]"#), idKeys: ["k"], insertNew: true)
        #expect(try Self.apply(upsert, to: "ds", in: queue) == .init(inserted: 0, updated: 4, deleted: 0, recordCount: 5))
        let dotted = DatasetChange.update(Self.upload(#"[{"o":{"id":"x"},"v":2}]"#), idKeys: ["o.id"], insertNew: true)
        #expect(try Self.apply(dotted, to: "ds", in: queue) == .init(inserted: 0, updated: 1, deleted: 0, recordCount: 5))
        #expect(try Self.contents("ds", in: queue).filter { $0.contains(#""v":0"#) }.isEmpty)
    }
}
