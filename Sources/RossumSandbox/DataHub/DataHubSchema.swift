import GRDB

/// Tables of the Master Data Hub and Data Storage: both services see the same collections.
public enum DataHubSchema {
    /// Adds the Data Hub tables to the server's migrator.
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("datahub-v1") { db in
            try db.execute(sql: """
                CREATE TABLE datahub_collection (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                -- AUTOINCREMENT: row ids never come back after a delete, so `_id` order is insertion order
                -- and keyset pagination stays correct while records change.
                CREATE TABLE datahub_record (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    collection_id INTEGER NOT NULL REFERENCES datahub_collection(id) ON DELETE CASCADE,
                    body TEXT NOT NULL
                );
                CREATE INDEX datahub_record_by_collection ON datahub_record(collection_id, id);
                CREATE TABLE datahub_operation (
                    id TEXT PRIMARY KEY,
                    sequence INTEGER NOT NULL,
                    service TEXT NOT NULL,
                    operation_type TEXT NOT NULL,
                    dataset_name TEXT NOT NULL,
                    status TEXT NOT NULL,
                    create_ts REAL NOT NULL,
                    status_ts REAL NOT NULL,
                    filename TEXT,
                    file_size INTEGER,
                    error TEXT,
                    records_inserted INTEGER NOT NULL DEFAULT 0,
                    records_updated INTEGER NOT NULL DEFAULT 0,
                    records_deleted INTEGER NOT NULL DEFAULT 0,
                    record_count INTEGER
                );
                CREATE INDEX datahub_operation_by_sequence ON datahub_operation(sequence);
                """)
        }
        StorageIndexes.registerMigrations(in: &migrator)
        SearchIndexes.registerMigrations(in: &migrator)
        // Who started an operation, for Data Storage's `operation_status` (`user_id`).
        migrator.registerMigration("datahub-operation-user") { db in
            try db.execute(sql: "ALTER TABLE datahub_operation ADD COLUMN user_id TEXT")
        }
    }
}
