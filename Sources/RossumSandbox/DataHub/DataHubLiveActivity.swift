import GRDB

extension DataHub {
    /// Keeps MDH busy the way a customer's nightly sync would: every `interval`, an upsert of a
    /// few `suppliers` records (a changed payment term, now and then a new supplier), so the
    /// console's operation monitor has something to show. Returns when its task is cancelled.
    public func runLiveActivity(interval: Duration, seed: UInt64) async {
        var random = DemoRandom(seed: seed ^ 0x11FE)
        var round = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if Task.isCancelled { break }
            round += 1
            guard let change = try? await liveUpsert(round: round, random: &random) else { continue }
            _ = try? await submit(change, datasetName: DataHubSeeder.suppliersDataset)
        }
    }

    private func liveUpsert(round: Int, random: inout DemoRandom) async throws -> DatasetChange? {
        let count = try await database.read { db -> Int? in
            guard let collection = try CollectionStore.find(db, name: DataHubSeeder.suppliersDataset) else { return nil }
            return try CollectionStore.recordCount(db, collectionID: collection.id)
        }
        guard let count, count > 0 else { return nil }
        var records: [DocumentValue] = []
        for _ in 0..<random.int(1...3) {
            var record = DemoRecordFactory.supplier(random.int(0...(count - 1)), random: &random)
            record["payment_terms_days"] = .int(Int64(random.pick([14, 30, 45, 60, 90])))
            records.append(.object(record))
        }
        if round % 5 == 0 {
            // Every fifth round brings a supplier the dataset has not seen.
            records.append(.object(DemoRecordFactory.supplier(count + round, random: &random)))
        }
        let upload = DatasetUpload(
            bytes: DocumentJSONWriter.encode(.array(records)), filename: "suppliers-sync.json",
            contentType: "application/json", options: DatasetFileOptions())
        return .update(upload, idKeys: ["supplier_id"], insertNew: true)
    }
}

/// Live mode's part for the Data Hub.
enum DataHubLiveMode {
    /// MDH operations come less often than new documents: one per three live intervals.
    static func start(_ services: SandboxServices) {
        let interval = services.configuration.liveInterval * 3
        let seed = services.configuration.seed
        let hub = services.dataHub
        services.background.loop { await hub.runLiveActivity(interval: interval, seed: seed) }
    }
}
