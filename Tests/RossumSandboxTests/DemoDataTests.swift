import Foundation
import Testing
@testable import RossumSandbox

@Suite struct DemoDataTests {
    static let statuses = [
        "importing", "failed_import", "split", "to_review", "reviewing", "in_workflow", "confirmed", "rejected",
        "exporting", "exported", "failed_export", "postponed", "deleted", "purged",
    ]

    @Test func smallDemoHasEveryStatusAndTheSameSeedGivesTheSameData() async throws {
        let first = try await SandboxHarness.with({ $0.seed = 9 }) { sandbox in
            let queues = try await sandbox.results("queues?page_size=100")
            var totals: [String: Int] = [:]
            for queue in queues {
                for (status, count) in queue["counts"] as? [String: Int] ?? [:] { totals[status, default: 0] += count }
            }
            for status in Self.statuses { #expect(totals[status, default: 0] > 0, "no \(status) annotation") }
            let page = try await sandbox.get("annotations?page_size=50&sideload=content&content.schema_id=sender_name,amount_total,currency")
            return page.text
        }
        let again = try await SandboxHarness.with({ $0.seed = 9 }) { sandbox in
            try await sandbox.get("annotations?page_size=50&sideload=content&content.schema_id=sender_name,amount_total,currency").text
        }
        let other = try await SandboxHarness.with({ $0.seed = 10 }) { sandbox in
            try await sandbox.get("annotations?page_size=50&sideload=content&content.schema_id=sender_name,amount_total,currency").text
        }
        let normalise = { (text: String) in text.replacingOccurrences(of: #"127\.0\.0\.1:\d+"#, with: "HOST", options: .regularExpression) }
        #expect(normalise(first) == normalise(again))
        #expect(normalise(first) != normalise(other))
        #expect(first.contains("s.r.o.") || first.contains("GmbH") || first.contains("株式会社"))
    }

    // How fast seeding is belongs to rossum-bench (demo start to first frame); here what it makes.
    @Test func smallSeedFillsTheWorld() async throws {
        var configuration = SandboxConfiguration()
        configuration.size = .small
        let database = try SandboxDatabase.open(path: nil)
        let services = SandboxServices(
            database: database, auth: AuthService(database: database, tokenLifetime: .seconds(60)),
            configuration: configuration, logger: .init(label: "test"),
            dataHub: DataHub(database: database, timings: configuration.dataHubTimings),
            faults: FaultInjector(.init()), background: BackgroundWork())
        try await DemoSeeder.seedIfEmpty(services)
        await services.background.cancelAll()
        let count = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM annotations") }
        #expect(count == DemoWorld.annotationCount(.small))
    }

    @Test func emptySizeHasTheDemoUserAndSchemaButNoAnnotations() async throws {
        try await SandboxHarness.with({ $0.size = .empty }) { sandbox in
            let annotations = try await sandbox.results("annotations")
            #expect(annotations.isEmpty)
            let user = try await sandbox.get("auth/user")
            #expect(user.status == 200)
        }
    }

    @Test func aDatabaseFileSurvivesRestartsAndIsNotReseeded() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let id = try await SandboxHarness.with({ $0.databasePath = path }) { sandbox in
            let id = try #require(try await sandbox.results("annotations?status=to_review&queue=1").first?["id"] as? Int)
            #expect(try await sandbox.post("annotations/\(id)/confirm").status == 204)
            #expect(try await sandbox.post("workspaces", json: ["name": "Kept"]).status == 201)
            return id
        }
        try await SandboxHarness.with({ $0.databasePath = path; $0.seed = 99; $0.password = "changed" }) { sandbox in
            #expect(sandbox.token != nil, "the configured password logs in on a kept database")
            #expect(try await sandbox.get("annotations/\(id)").object["status"] as? String == "exported")
            #expect(try await sandbox.results("workspaces?name=Kept").count == 1)
            let total = (try await sandbox.get("annotations?page_size=1").object["pagination"] as? [String: Any])?["total"] as? Int
            #expect(total == DemoWorld.annotationCount(.small))
        }
    }

    @Test func liveModeKeepsDocumentsArriving() async throws {
        try await SandboxHarness.with({
            $0.size = .empty
            $0.live = true
            $0.liveInterval = .milliseconds(40)
            $0.importDelay = .milliseconds(40)
        }) { sandbox in
            let arrivedAndImported = try await eventually {
                let items = try await sandbox.results("annotations?page_size=100")
                return items.count >= 3 && items.contains { $0["status"] as? String == "to_review" }
            }
            #expect(arrivedAndImported)
        }
    }
}
