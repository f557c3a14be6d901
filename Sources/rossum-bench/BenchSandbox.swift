import Foundation
import GRDB
import RossumKit
import RossumSandbox

/// The sandbox every benchmark runs against: in this process, on loopback. Clients run as
/// child processes, so the server's memory never counts in a client's peak RSS.
final class BenchSandbox: Sendable {
    let server: SandboxServer
    let username: String
    let password: String

    var apiURL: String { server.apiURL }
    var dataStorageURL: String { server.baseURL + "/svc/data-storage/api/v1" }

    private init(server: SandboxServer, username: String, password: String) {
        self.server = server
        self.username = username
        self.password = password
    }

    static func start(size: DemoSize, dataHubTimings: DataHubTimings = .standard, faults: FaultConfiguration = FaultConfiguration()) async throws -> BenchSandbox {
        var configuration = SandboxConfiguration()
        configuration.size = size
        configuration.faults = faults
        configuration.seed = 7
        // The same data as the figures measured before the diagnostics' history existed.
        configuration.seedsHistory = false
        configuration.dataHubTimings = dataHubTimings
        let server = try await SandboxServer.start(configuration)
        return BenchSandbox(server: server, username: configuration.username, password: configuration.password)
    }

    /// Keeps the first `count` annotations (by id) and deletes the rest, so every client lists
    /// exactly `count`: the SDK fetches every page of a list, it cannot stop early.
    /// Returns how many annotations the sandbox holds afterwards.
    @discardableResult
    func keepAnnotations(_ count: Int) async throws -> Int {
        try await server.services.database.write { db in
            try db.execute(sql: "DELETE FROM annotations WHERE id NOT IN (SELECT id FROM annotations ORDER BY id LIMIT ?)",
                           arguments: [count])
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM annotations") ?? 0
        }
    }

    /// Keeps the first `count` annotations and moves them all into the lowest-numbered queue
    /// (with that queue's schema), so one list holds them all. Returns the queue's id.
    func gatherAnnotations(_ count: Int) async throws -> Int {
        let kept = try await keepAnnotations(count)
        guard kept == count else { throw BenchError.wrongResult("the sandbox holds \(kept) annotations, not \(count)") }
        return try await server.services.database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT queue_id, schema_id FROM annotations ORDER BY queue_id LIMIT 1") else {
                throw BenchError.wrongResult("the sandbox has no annotations")
            }
            let queueID: Int = row["queue_id"]
            try db.execute(sql: "UPDATE annotations SET queue_id = ?, schema_id = ?", arguments: [queueID, row["schema_id"] as Int])
            return queueID
        }
    }

    /// When the MDH operation `id` last changed status (the server's own clock).
    func operationStatus(_ id: String) async throws -> (status: String, changedAt: Date)? {
        try await server.services.database.read { db in
            try Row.fetchOne(db, sql: "SELECT status, status_ts FROM datahub_operation WHERE id = ?", arguments: [id]).map {
                ($0["status"], Date(timeIntervalSince1970: $0["status_ts"]))
            }
        }
    }

    /// (Re)creates the `purchase_orders` collection with exactly `count` records, through the
    /// sandbox's own deterministic seeder (its `large` size is the 200,000 of the issue).
    func seedPurchaseOrders(_ count: Int) async throws {
        try await server.services.database.write { db in
            try DataHubSeeder.seed(db, seed: 7, suppliers: 100, purchaseOrders: count)
        }
    }

    /// A token for the peers that take one (the Node.js script, like the guide's).
    func token() async throws -> String {
        let client = try RossumClient(baseURL: apiURL, credentials: .credentials(username: username, password: password))
        return try await client.authenticate()
    }

    func shutdown() async { await server.shutdown() }
}
