import Foundation
import GRDB

/// What a seeding step needs to produce deterministic data.
public struct DemoSeedContext: Sendable {
    public let seed: UInt64
    public let size: DemoSize
    /// Whether the diagnostics' recent history is seeded (`SandboxConfiguration.seedsHistory`).
    public let seedsHistory: Bool
    public let organizationID: Int
    /// The demo user (the one `--username`/`--password` log in as).
    public let userID: Int
}

/// Fills an empty database with deterministic demo data (same `--seed` and `--size`, same data).
enum DemoSeeder {
    static func seedIfEmpty(_ services: SandboxServices) async throws {
        let configuration = services.configuration
        try await services.database.write { db in
            let seeded = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM objects WHERE kind = 'organizations'") ?? 0
            if seeded > 0 {
                // A kept database: make sure the configured credentials still log in.
                try ensureDemoUser(db, configuration: configuration)
                return
            }
            let group = try ObjectStore.insert(db, "organization_groups", [
                "name": "Sandbox", "is_trial": false, "is_production": false, "deployment_location": "local",
                "modified_by": nil, "modified_at": nil, "features": nil, "usage": [:],
            ])
            let organization = try ObjectStore.insert(db, "organizations", [
                "name": "Sandbox Demo s.r.o.", "workspaces": [], "users": [],
                "organization_group": .reference("organization_groups", group["id"]?.intValue ?? 1),
                "is_trial": false, "created_at": .string(DemoClock.timestamp(daysAgo: 400)),
                "trial_expires_at": .null, "expires_at": .null, "oidc_provider": .null,
                "ui_settings": [:], "metadata": [:],
            ])
            let organizationID = organization["id"]?.intValue ?? 1
            try insertGroups(db)
            let userID = try insertDemoUser(db, configuration: configuration, organizationID: organizationID)
            let context = DemoSeedContext(
                seed: configuration.seed, size: configuration.size, seedsHistory: configuration.seedsHistory, organizationID: organizationID, userID: userID)
            try DemoWorld.seed(db, context: context)
            try seedServices(db, context: context)
        }
        // Imports pending in a kept database finish (or are rescheduled) right away.
        Imports.schedule(after: .zero, services: services)
    }

    /// Seeding steps of other service groups (e.g. the `/svc/...` datasets) go here, one line each.
    static func seedServices(_ db: Database, context: DemoSeedContext) throws {
        try DataHubSeeder.seed(db, context: context)
        try PlatformSeeder.seed(db, context: context)
        try DiagnosticsSeeder.seed(db, context: context)
        try EmailSeeder.seed(db, context: context)
        // Last: every annotation seeded above shows its document's pages.
        try PageStore.backfill(db)
    }

    static let groupNames = ["viewer", "annotator", "annotator_limited", "manager", "admin", "organization_group_admin"]

    static func insertGroups(_ db: Database) throws {
        for name in groupNames { try ObjectStore.insert(db, "groups", ["name": .string(name)]) }
    }

    static func insertDemoUser(_ db: Database, configuration: SandboxConfiguration, organizationID: Int) throws -> Int {
        let user = try ObjectStore.insert(db, "users", userBody(
            username: configuration.username, firstName: "Demo", lastName: "User", organizationID: organizationID,
            groupIDs: [5]))
        let id = user["id"]?.intValue ?? 1
        try db.execute(
            sql: "INSERT INTO credentials (username, password, user_id) VALUES (?, ?, ?)",
            arguments: [configuration.username, configuration.password, id])
        return id
    }

    static func ensureDemoUser(_ db: Database, configuration: SandboxConfiguration) throws {
        try db.execute(
            sql: """
                INSERT INTO credentials (username, password, user_id) VALUES (?, ?, (SELECT MIN(user_id) FROM credentials))
                ON CONFLICT(username) DO UPDATE SET password = excluded.password
                """, arguments: [configuration.username, configuration.password])
    }

    static func userBody(username: String, firstName: String, lastName: String, organizationID: Int, groupIDs: [Int]) -> [String: JSONValue] {
        [
            "username": .string(username), "email": .string(username.contains("@") ? username : "\(username)@rossum.local"),
            "first_name": .string(firstName), "last_name": .string(lastName),
            "organization": .reference("organizations", organizationID), "is_active": true,
            "date_joined": .string(DemoClock.timestamp(daysAgo: 300)), "last_login": .null,
            "groups": .array(groupIDs.map { .reference("groups", $0) }),
            "ui_settings": [:], "metadata": [:], "email_verified": true, "auth_type": "password",
            "deleted": false, "oidc_id": .null, "password": .null,
        ]
    }
}

/// Timestamps in Rossum's format; demo data is placed relative to a fixed instant so that the
/// same seed always produces the same data.
enum DemoClock {
    static let epoch: Date = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    static func timestamp(_ date: Date) -> String {
        let totalMicros = Int((date.timeIntervalSince1970 * 1_000_000).rounded())
        let seconds = Int(floor(Double(totalMicros) / 1_000_000))
        let micros = totalMicros - seconds * 1_000_000
        let days = Int(floor(Double(seconds) / 86_400))
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(micros, 6))Z"
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's civil_from_days);
    /// much faster than `Calendar` when seeding 100,000 annotations.
    static func civilDate(daysSinceEpoch: Int) -> (Int, Int, Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    static func timestamp(daysAgo days: Double) -> String { timestamp(epoch.addingTimeInterval(-days * 86_400)) }
    static func now() -> String { timestamp(Date()) }
}
