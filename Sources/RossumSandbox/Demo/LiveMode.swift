import Foundation
import GRDB

/// `--live`: keeps the demo moving while it runs. Every `liveInterval` a new document arrives
/// in a random queue and goes through import (`importing` -> `to_review`), as if a supplier
/// had just e-mailed it.
enum LiveMode {
    static func startIfConfigured(_ services: SandboxServices) {
        guard services.configuration.live else { return }
        services.background.loop {
            var random = SplitMix64(seed: services.configuration.seed &+ 0x5EED)
            var arrivals = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: services.configuration.liveInterval)
                if Task.isCancelled { break }
                arrivals += 1
                do {
                    try await arrive(services, number: arrivals, random: &random)
                    try await LiveDiagnostics.review(services, random: &random)
                } catch is CancellationError {
                    break
                } catch {
                    services.logger.error("live mode: \(error)")
                }
            }
        }
        // MDH operations run too, so the operation monitor has something to show.
        DataHubLiveMode.start(services)
    }

    static func arrive(_ services: SandboxServices, number: Int, random: inout SplitMix64) async throws {
        let pick = random.next()
        try await services.database.write { db in
            let queueIDs = try Int.fetchAll(db, sql: "SELECT id FROM objects WHERE kind = 'queues' ORDER BY id")
            guard !queueIDs.isEmpty else { return }
            let queueID = queueIDs[Int(pick % UInt64(queueIDs.count))]
            let userID = try Int.fetchOne(db, sql: "SELECT MIN(user_id) FROM credentials") ?? 1
            let fileName = "live_\(String(format: "%05d", number))_\(pick % 10_000).pdf"
            let fields = AnnotationStore.extractedFields(forFileName: fileName, seed: pick)
            _ = try Imports.create(
                db, files: [Imports.File(name: fileName, data: PDFDocument.invoice(fields, fileName: fileName), mimeType: "application/pdf")],
                queueID: queueID, userID: userID, organizationID: 1, metadata: ["source": "live"],
                importDelay: services.configuration.importDelay, legacy: false)
        }
        Imports.schedule(after: services.configuration.importDelay, services: services)
    }
}
