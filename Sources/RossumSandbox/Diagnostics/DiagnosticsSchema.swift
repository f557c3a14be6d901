import GRDB

/// Tables of what support staff diagnose: hook run logs, audit logs, automation blockers,
/// rejection notes, e-mails, and the exports waiting to run.
enum DiagnosticsSchema {
    static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-diagnostics") { db in
            // Each log keeps its served JSON in `body`; the filterable fields are columns too.
            try db.execute(sql: """
                CREATE TABLE hook_logs (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL, request_id TEXT NOT NULL,
                    timestamp TEXT NOT NULL, start TEXT, "end" TEXT, hook_id INTEGER NOT NULL, queue_id INTEGER,
                    annotation_id INTEGER, email_id INTEGER, log_level TEXT NOT NULL, status TEXT,
                    status_code INTEGER, event TEXT NOT NULL, action TEXT NOT NULL, body TEXT NOT NULL);
                CREATE INDEX hook_logs_by_start ON hook_logs (start);
                CREATE INDEX hook_logs_by_annotation ON hook_logs (annotation_id);
                CREATE TABLE audit_logs (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, object_type TEXT NOT NULL, object_id INTEGER NOT NULL,
                    action TEXT NOT NULL, username TEXT NOT NULL, timestamp TEXT NOT NULL, body TEXT NOT NULL);
                CREATE INDEX audit_logs_by_object ON audit_logs (object_type, object_id);
                CREATE TABLE automation_blockers (
                    id INTEGER PRIMARY KEY, annotation_id INTEGER NOT NULL UNIQUE, content TEXT NOT NULL);
                CREATE TABLE notes (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, annotation_id INTEGER NOT NULL, creator_id INTEGER,
                    created_at TEXT NOT NULL, body TEXT NOT NULL);
                CREATE INDEX notes_by_annotation ON notes (annotation_id);
                CREATE TABLE emails (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, queue_id INTEGER NOT NULL, inbox_id INTEGER,
                    created_at TEXT NOT NULL, subject TEXT NOT NULL, from_email TEXT NOT NULL, from_name TEXT NOT NULL,
                    type TEXT NOT NULL, document_count INTEGER NOT NULL, body TEXT NOT NULL, raw BLOB NOT NULL);
                CREATE INDEX emails_by_queue ON emails (queue_id);
                CREATE INDEX annotations_by_invoice_number ON annotations (invoice_number);
                -- Confirmed annotations whose export has not run yet (survives restarts with --db).
                CREATE TABLE export_queue (
                    annotation_id INTEGER PRIMARY KEY, user_id INTEGER, enqueued_at REAL NOT NULL);
                ALTER TABLE annotations ADD COLUMN email_id INTEGER;
                ALTER TABLE annotations ADD COLUMN automation_blocker_id INTEGER;
                """)
        }
    }

    /// Removes what belongs to the annotations of a deleted document: their blockers, notes and
    /// pending exports. Hook and audit logs stay; they record what happened.
    static func removeAnnotationData(_ db: Database, documentID: Int) throws {
        for table in ["automation_blockers", "notes", "export_queue"] {
            try db.execute(
                sql: "DELETE FROM \(table) WHERE annotation_id IN (SELECT id FROM annotations WHERE document_id = ?)",
                arguments: [documentID])
        }
    }
}
