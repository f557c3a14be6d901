import GRDB

/// The e-mail links: a document knows the e-mail it was attached to (annotations already do,
/// `annotations.email_id`), so an e-mail's `documents` and `annotations` are computed from them
/// and cannot disagree with the documents' and annotations' `email`; an e-mail knows its thread.
enum EmailSchema {
    static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7-email-links") { db in
            try db.execute(sql: """
                ALTER TABLE documents ADD COLUMN email_id INTEGER;
                CREATE INDEX documents_by_email ON documents (email_id) WHERE email_id IS NOT NULL;
                CREATE INDEX annotations_by_email ON annotations (email_id) WHERE email_id IS NOT NULL;
                CREATE INDEX emails_by_created ON emails (created_at);
                """)
        }
        // Threads: an e-mail answering another (by `In-Reply-To`/`References`) joins its thread,
        // any other starts one. E-mails stored before threads each start their own.
        migrator.registerMigration("v8-email-threads") { db in
            try db.execute(sql: """
                CREATE TABLE email_threads (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, queue_id INTEGER NOT NULL, root_email_id INTEGER,
                    created_at TEXT NOT NULL, has_new_replies INTEGER NOT NULL DEFAULT 0, root_email_read INTEGER NOT NULL DEFAULT 0);
                ALTER TABLE emails ADD COLUMN thread_id INTEGER;
                ALTER TABLE emails ADD COLUMN message_id TEXT;
                INSERT INTO email_threads (id, queue_id, root_email_id, created_at)
                    SELECT id, queue_id, CASE type WHEN 'incoming' THEN id END, created_at FROM emails;
                UPDATE emails SET thread_id = id;
                CREATE INDEX emails_by_thread ON emails (thread_id);
                CREATE INDEX emails_by_message_id ON emails (message_id) WHERE message_id IS NOT NULL;
                """)
        }
    }
}
