import Foundation
import GRDB

/// Opens the sandbox's SQLite database (in memory by default, a file that survives restarts
/// with `--db PATH`) and brings its schema up to date.
enum SandboxDatabase {
    static func open(path: String?) throws -> any DatabaseWriter {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let writer: any DatabaseWriter
        if let path {
            writer = try DatabasePool(path: path, configuration: configuration)
        } else {
            writer = try DatabaseQueue(configuration: configuration)
        }
        try migrator.migrate(writer)
        return writer
    }

    /// The one place the schema is defined. Add a new `registerMigration` for every change
    /// (never edit a shipped one): databases kept with `--db` are migrated forward.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core") { db in
            // Resources the sandbox serves as free-form JSON (workspaces, queues, schemas, users,
            // hooks, uploads, tasks, ...): small collections, filtered in memory.
            try db.execute(sql: """
                CREATE TABLE objects (
                    kind TEXT NOT NULL, id INTEGER NOT NULL, body TEXT NOT NULL,
                    PRIMARY KEY (kind, id)) WITHOUT ROWID;
                CREATE TABLE credentials (
                    username TEXT PRIMARY KEY COLLATE NOCASE, password TEXT NOT NULL, user_id INTEGER NOT NULL);
                CREATE TABLE tokens (
                    key TEXT PRIMARY KEY, user_id INTEGER NOT NULL, expires_at REAL NOT NULL);
                CREATE TABLE sequences (name TEXT PRIMARY KEY, next_value INTEGER NOT NULL);
                CREATE TABLE documents (
                    id INTEGER PRIMARY KEY, original_file_name TEXT NOT NULL, mime_type TEXT NOT NULL,
                    created_at TEXT NOT NULL, arrived_at TEXT NOT NULL, creator_id INTEGER,
                    metadata TEXT NOT NULL DEFAULT '{}', content BLOB);
                CREATE TABLE annotations (
                    id INTEGER PRIMARY KEY,
                    queue_id INTEGER NOT NULL, schema_id INTEGER NOT NULL, document_id INTEGER NOT NULL,
                    status TEXT NOT NULL, previous_status TEXT,
                    creator_id INTEGER, modifier_id INTEGER, modified_by_id INTEGER,
                    created_at TEXT NOT NULL, modified_at TEXT, assigned_at TEXT,
                    confirmed_at TEXT, confirmed_by_id INTEGER, exported_at TEXT, exported_by_id INTEGER,
                    deleted_at TEXT, deleted_by_id INTEGER, rejected_at TEXT, rejected_by_id INTEGER,
                    purged_at TEXT, purged_by_id INTEGER, export_failed_at TEXT,
                    arrived_at TEXT NOT NULL, original_file_name TEXT NOT NULL,
                    time_spent REAL NOT NULL DEFAULT 0, automated INTEGER NOT NULL DEFAULT 0,
                    metadata TEXT NOT NULL DEFAULT '{}', messages TEXT, labels TEXT NOT NULL DEFAULT '[]',
                    supplier_name TEXT, invoice_number TEXT, issue_date TEXT, due_date TEXT,
                    amount_total TEXT, currency TEXT, content_seed INTEGER NOT NULL DEFAULT 0,
                    upload_id INTEGER, import_due_at REAL,
                    version INTEGER NOT NULL DEFAULT 0);
                CREATE INDEX annotations_by_queue_status ON annotations (queue_id, status);
                CREATE INDEX annotations_by_status ON annotations (status);
                CREATE INDEX annotations_by_document ON annotations (document_id);
                CREATE INDEX annotations_by_created ON annotations (created_at);
                CREATE INDEX annotations_by_modified ON annotations (modified_at);
                CREATE INDEX annotations_by_arrived ON annotations (arrived_at);
                CREATE INDEX annotations_importing ON annotations (import_due_at) WHERE import_due_at IS NOT NULL;
                -- Extracted content, stored once a client changes it; until then it is derived
                -- from the annotation's fields and seed (keeps a `large` demo small and fast).
                CREATE TABLE annotation_content (annotation_id INTEGER PRIMARY KEY, body TEXT NOT NULL);
                """)
        }
        migrator.registerMigration("v2-task-schedule") { db in
            // Upload tasks still running, and when they finish (survives restarts with --db).
            try db.execute(sql: "CREATE TABLE task_schedule (task_id INTEGER PRIMARY KEY, due_at REAL NOT NULL)")
        }
        DataHubSchema.registerMigrations(in: &migrator)
        migrator.registerMigration("v3-queue-list-indexes") { db in
            // A queue's list in the usual orders (newest first, last modified) walks an index
            // instead of sorting the whole queue for every page: deep pages of a 100,000-row
            // queue took hundreds of milliseconds each.
            try db.execute(sql: """
                CREATE INDEX annotations_by_queue_created ON annotations (queue_id, created_at);
                CREATE INDEX annotations_by_queue_modified ON annotations (queue_id, modified_at);
                """)
        }
        migrator.registerMigration("v4-queue-relations-on-queues") { db in
            // A user's, hook's, connector's and inbox's `queues` are now served from the queues:
            // lists stored on those objects by older versions move onto the queues.
            try QueueRelations.moveStoredListsOntoQueues(db)
        }
        DiagnosticsSchema.registerMigrations(in: &migrator)
        DerivedVersions.registerMigrations(in: &migrator)
        EmailSchema.registerMigrations(in: &migrator)
        AnnotationAssignment.registerMigrations(in: &migrator)
        PageSchema.registerMigrations(in: &migrator)
        return migrator
    }
}

extension Database {
    /// Next value of a named counter (object ids per kind, datapoint ids), inside the caller's transaction.
    func nextValue(of sequence: String, startingAt start: Int = 1) throws -> Int {
        let current = try Int.fetchOne(self, sql: "SELECT next_value FROM sequences WHERE name = ?", arguments: [sequence])
        let value = current ?? start
        try execute(
            sql: "INSERT INTO sequences (name, next_value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET next_value = excluded.next_value",
            arguments: [sequence, value + 1])
        return value
    }
}
