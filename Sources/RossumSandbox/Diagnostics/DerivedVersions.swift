import GRDB
import Synchronization

/// Versions of the data the sandbox keeps derived copies of in memory: the hooks (parsed, with
/// the queues each belongs to, which the queues hold; read on every hook dispatch) and the Data Hub (the `suppliers` index the matching extension
/// queries). SQLite triggers give a source a new random version whenever it is written, inside
/// the writing transaction, so
/// - every write path counts, generic resource routes and raw SQL alike;
/// - a rolled-back write takes its version with it, and a version is never issued twice, so a
///   copy made from uncommitted data is never mistaken for a current one;
/// - sandboxes sharing a process (the tests) never see each other's copies.
///
/// Data Hub records change only in operations that also write their collection's row (create,
/// `updated_at`, drop), so the triggers watch `datahub_collection`, not the records themselves:
/// bulk loads of 200,000 records pay nothing per record.
enum DerivedVersions {
    enum Source: String {
        case hooks
        case dataHub = "datahub"
    }

    static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-derived-versions") { db in
            try db.execute(sql: """
                CREATE TABLE derived_versions (source TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO derived_versions (source, version) VALUES ('hooks', random()), ('datahub', random());
                CREATE TRIGGER hooks_inserted AFTER INSERT ON objects WHEN NEW.kind IN ('hooks', 'queues') BEGIN
                    UPDATE derived_versions SET version = random() WHERE source = 'hooks'; END;
                CREATE TRIGGER hooks_updated AFTER UPDATE ON objects WHEN OLD.kind IN ('hooks', 'queues') OR NEW.kind IN ('hooks', 'queues') BEGIN
                    UPDATE derived_versions SET version = random() WHERE source = 'hooks'; END;
                CREATE TRIGGER hooks_deleted AFTER DELETE ON objects WHEN OLD.kind IN ('hooks', 'queues') BEGIN
                    UPDATE derived_versions SET version = random() WHERE source = 'hooks'; END;
                CREATE TRIGGER datahub_collection_inserted AFTER INSERT ON datahub_collection BEGIN
                    UPDATE derived_versions SET version = random() WHERE source = 'datahub'; END;
                CREATE TRIGGER datahub_collection_updated AFTER UPDATE ON datahub_collection BEGIN
                    UPDATE derived_versions SET version = random() WHERE source = 'datahub'; END;
                CREATE TRIGGER datahub_collection_deleted AFTER DELETE ON datahub_collection BEGIN
                    UPDATE derived_versions SET version = random() WHERE source = 'datahub'; END;
                """)
        }
    }

    static func current(_ db: Database, _ source: Source) throws -> Int64 {
        try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT version FROM derived_versions WHERE source = ?"), arguments: [source.rawValue]) ?? 0
    }
}

/// Values derived from one version of a source (see `DerivedVersions`), the most recently
/// used `capacity` of them kept.
final class VersionedCache<Value: Sendable>: Sendable {
    private struct Entry {
        var version: Int64
        var value: Value
    }

    private let entries = Mutex<[Entry]>([])
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// The value made for `version`, made now by `make` when there is none. Made outside the
    /// lock: two callers may both make it, which costs time, never correctness.
    func value(for version: Int64, make: () throws -> Value) rethrows -> Value {
        let cached = entries.withLock { entries -> Value? in
            guard let index = entries.firstIndex(where: { $0.version == version }) else { return nil }
            let entry = entries.remove(at: index)
            entries.append(entry)
            return entry.value
        }
        if let cached { return cached }
        let value = try make()
        entries.withLock { entries in
            entries.removeAll { $0.version == version }
            entries.append(Entry(version: version, value: value))
            if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        }
        return value
    }
}
