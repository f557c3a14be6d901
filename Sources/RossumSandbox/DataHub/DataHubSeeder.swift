import GRDB

/// How much Master Data Hub demo data to create.
public enum DataHubSeedScale: String, Sendable, CaseIterable {
    /// 100 suppliers, 1,000 purchase orders: fast, for tests.
    case small
    /// 3,000 suppliers, 10,000 purchase orders.
    case demo
    /// 5,000 suppliers, 200,000 purchase orders: the bulk download benchmark.
    case large

    public var supplierCount: Int {
        switch self {
        case .small: return 100
        case .demo: return 3_000
        case .large: return 5_000
        }
    }

    public var purchaseOrderCount: Int {
        switch self {
        case .small: return 1_000
        case .demo: return 10_000
        case .large: return 200_000
        }
    }
}

/// Fills the Data Hub with the deterministic datasets `suppliers` and `purchase_orders`.
public enum DataHubSeeder {
    public static let suppliersDataset = "suppliers"
    public static let purchaseOrdersDataset = "purchase_orders"

    /// Creates (or recreates) both datasets inside the caller's transaction; the same seed gives
    /// the same records. Uses one prepared insert statement for all rows.
    public static func seed(_ db: Database, seed: UInt64, scale: DataHubSeedScale) throws {
        try Self.seed(db, seed: seed, suppliers: scale.supplierCount, purchaseOrders: scale.purchaseOrderCount)
    }

    public static func seed(_ db: Database, seed: UInt64, suppliers: Int, purchaseOrders: Int) throws {
        var random = DemoRandom(seed: seed)
        let supplierCollection = try recreate(db, name: suppliersDataset)
        let insert = try db.makeStatement(sql: "INSERT INTO datahub_record (collection_id, body) VALUES (?, ?)")
        for index in 0..<suppliers {
            let body = DocumentJSONWriter.string(DemoRecordFactory.supplier(index, random: &random))
            try insert.execute(arguments: [supplierCollection.id, body])
        }
        let orderCollection = try recreate(db, name: purchaseOrdersDataset)
        for index in 0..<purchaseOrders {
            let body = DemoRecordFactory.purchaseOrderBody(index, supplierCount: suppliers, random: &random)
            try insert.execute(arguments: [orderCollection.id, body])
        }
    }

    private static func recreate(_ db: Database, name: String) throws -> StoredCollection {
        _ = try CollectionStore.drop(db, name: name)
        return try CollectionStore.create(db, name: name)
    }
}

extension DataHubSeeder {
    /// The Data Hub's step of the sandbox's demo seeding: `empty` creates no datasets.
    public static func seed(_ db: Database, context: DemoSeedContext) throws {
        let scale: DataHubSeedScale
        switch context.size {
        case .empty: return
        case .small: scale = .small
        case .demo: scale = .demo
        case .large: scale = .large
        }
        try seed(db, seed: context.seed, scale: scale)
    }
}
