import Foundation
import GRDB
import Testing
@testable import RossumSandbox

/// Hook dispatch reads the hooks and the `suppliers` dataset from in-memory copies: every write
/// must reach the next dispatch, a rolled-back one must not, and the copies answer as the data.
@Suite struct DiagnosticsDispatchTests {
    struct Abort: Error {}

    static func hook(_ name: String, events: [String] = ["annotation_status.changed"]) -> [String: JSONValue] {
        ["name": .string(name), "events": .array(events.map(JSONValue.string)), "active": true, "run_after": []]
    }

    /// Inserts a hook and lists it on queue 1 (queues hold the relation).
    @discardableResult
    static func insertHook(_ db: Database, _ name: String) throws -> JSONValue {
        let hook = try ObjectStore.insert(db, "hooks", Self.hook(name))
        try QueueRelations.setQueues(QueueRelations.links["hooks"]!, objectID: hook["id"]?.intValue ?? 0, to: [1], db)
        return hook
    }

    @Test func hookWritesReachTheNextDispatchAndRolledBackOnesDoNot() throws {
        let database = try SandboxDatabase.open(path: nil)
        func names(_ db: Database) throws -> [String] {
            try HookRunner.subscribedHooks(db, event: "annotation_status", action: "changed", queueID: 1).compactMap { $0["name"]?.stringValue }
        }
        try database.write { db in
            _ = try ObjectStore.insert(db, "queues", ["name": "Inbox", "hooks": []])
            try Self.insertHook(db, "first")
        }
        #expect(try database.read(names) == ["first"])
        #expect(throws: Abort.self) {
            try database.write { db in
                try Self.insertHook(db, "rolled back")
                #expect(try names(db) == ["first", "rolled back"], "the writing transaction sees its own hook")
                throw Abort()
            }
        }
        #expect(try database.read(names) == ["first"])
        let second = try database.write { db in try Self.insertHook(db, "second") }
        #expect(try database.read(names) == ["first", "second"])
        try database.write { db in
            var body = second
            body["active"] = false
            try ObjectStore.replace(db, "hooks", id: second["id"]?.intValue ?? 0, body)
        }
        #expect(try database.read(names) == ["first"])
        // The relation is the queue's: taking the hook off the queue stops it too.
        try database.write { db in
            try QueueRelations.setQueues(QueueRelations.links["hooks"]!, objectID: 1, to: [], db)
        }
        #expect(try database.read(names).isEmpty)
        try database.write { db in try QueueRelations.setQueues(QueueRelations.links["hooks"]!, objectID: 1, to: [1], db) }
        #expect(try database.read(names) == ["first"])
        try database.write { db in _ = try db.execute(sql: "DELETE FROM objects WHERE kind = 'hooks'") }
        #expect(try database.read(names).isEmpty)
    }

    @Test func hooksCreatedAndChangedThroughTheAPIRunOrStop() async throws {
        try await SandboxHarness.with { sandbox in
            let id = try #require(try await sandbox.results("annotations?queue=1&status=to_review").first?["id"] as? Int)
            let created = try await sandbox.post("hooks", json: [
                "name": "Audit trail", "config": ["url": "https://audit.example.com/rossum"],
                "events": ["annotation_status.changed"], "queues": [sandbox.url("queues/1")],
            ])
            #expect(created.status == 201, "\(created.text.prefix(300))")
            let hookID = try #require(created.object["id"] as? Int)
            #expect(try await sandbox.post("annotations/\(id)/postpone").status == 204)
            let runs = try await sandbox.get("hooks/logs?hook=\(hookID)&annotation=\(id)").object["results"] as? [[String: Any]]
            #expect(runs?.count == 1 && runs?.first?["status"] as? String == "completed")

            #expect(try await sandbox.request("PATCH", "hooks/\(hookID)", json: ["active": false]).status == 200)
            #expect(try await sandbox.request("PATCH", "annotations/\(id)", json: ["status": "to_review"]).status == 200)
            let after = try await sandbox.get("hooks/logs?hook=\(hookID)&annotation=\(id)").object["results"] as? [[String: Any]]
            #expect(after?.count == 1, "an inactive hook does not run")
        }
    }

    /// Every probe must find what the `$regex` query a client sends finds, in the same order.
    static func objectID(_ document: Document) -> String? {
        if case .objectId(let hex)? = document["_id"] { return hex }
        return nil
    }

    @Test func theSupplierIndexAnswersAsTheDatasetQuery() throws {
        let database = try SandboxDatabase.open(path: nil)
        try database.write { db in
            try DataHubSeeder.seed(db, seed: 3, suppliers: 150, purchaseOrders: 0)
            let collection = try #require(try CollectionStore.find(db, name: DataHubSeeder.suppliersDataset))
            // Names whose first letter folds in ways lowercasing misses, and names that are not text.
            let odd: [DocumentValue] = [
                .string("ßeta Logistik"), .string("Straße GmbH"), .string("SSO Partners"), .string("Σοφία Α.Ε."),
                .string("ςigma"), .string("σofia"), .string("İstanbul Ticaret"), .string("istanbul tekstil"),
                .string("\u{212A}elvin Instruments"), .string("kelvin ltd"), .string("ǅemal"), .string("ǆamal"), .int(42),
                .array([.string("Array Name")]),
            ]
            for name in odd {
                _ = try CollectionStore.insert(db, collectionID: collection.id, document: Document([("name", name), ("supplier_id", .string("ODD"))]))
            }
            try CollectionStore.touch(db, collectionID: collection.id)
        }
        try database.read { db in
            let collection = try #require(try CollectionStore.find(db, name: DataHubSeeder.suppliersDataset))
            let all = try FindExecutor.documents(db, collectionID: collection.id, query: FindQuery())
            let names = all.compactMap { $0["name"]?.stringValue }
            var probes = Set(["ss", "SS", "ß", "Σ", "σ", "ς", "i", "I", "İ", "k", "K", "\u{212A}", "Ǆ", "ǅ", "ǆ", "Array", "x", "山", "Č", "č", "4"])
            for name in names { probes.formUnion([name, name.lowercased(), name.uppercased(), String(name.prefix(1)), String(name.prefix(2))]) }
            // What a lookup depends on is the letters of the first word: one query per distinct one.
            for letters in Set(probes.map(SupplierLookup.prefix(ofVendorName:))) {
                let indexed = try SupplierLookup.matches(forVendorName: letters, db: db).map(Self.objectID)
                let expected = letters.isEmpty ? [] : try FindExecutor.documents(
                    db, collectionID: collection.id,
                    query: FindQuery(filter: QueryFilter(SupplierLookup.query(startingWith: letters)), limit: SupplierLookup.limit)
                ).map(Self.objectID)
                #expect(indexed == expected, "\(letters)")
            }
            #expect(try !SupplierLookup.matches(forVendorName: "Straße", db: db).isEmpty)
        }
    }

    @Test func supplierChangesReachTheMatchingExtension() throws {
        let database = try SandboxDatabase.open(path: nil)
        try database.write { db in try DataHubSeeder.seed(db, seed: 3, suppliers: 20, purchaseOrders: 0) }
        #expect(try database.read { try SupplierLookup.matches(forVendorName: "Zephyr Ltd", db: $0) }.isEmpty)
        try database.write { db in
            let collection = try #require(try CollectionStore.find(db, name: DataHubSeeder.suppliersDataset))
            _ = try CollectionStore.insert(db, collectionID: collection.id, document: Document([("name", .string("Zephyr Ltd")), ("supplier_id", .string("SUP-Z"))]))
            try CollectionStore.touch(db, collectionID: collection.id)
        }
        #expect(try database.read { try SupplierLookup.matches(forVendorName: "zephyr", db: $0) }.map { $0["supplier_id"]?.stringValue } == ["SUP-Z"])
        try database.write { db in _ = try CollectionStore.drop(db, name: DataHubSeeder.suppliersDataset) }
        #expect(throws: SupplierLookup.Failure.self) { try database.read { try SupplierLookup.matches(forVendorName: "Zephyr", db: $0) } }
    }

    @Test func withoutTheHistoryTheExtensionsAreInstalledButHaveNoPast() async throws {
        try await SandboxHarness.with { sandbox in
            #expect(try await sandbox.results("hooks?queue=1").count == 4)
            let audit = try await sandbox.get("audit_logs?object_type=annotation").object["pagination"] as? [String: Any]
            #expect(audit?["total"] as? Int == 0)
            #expect(try await sandbox.results("notes").isEmpty)
        }
    }
}
