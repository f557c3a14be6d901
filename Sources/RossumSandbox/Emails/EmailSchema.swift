import GRDB

/// The e-mail links: a document knows the e-mail it was attached to (annotations already do,
/// `annotations.email_id`), so an e-mail's `documents` and `annotations` are computed from them
/// and cannot disagree with the documents' and annotations' `email`.
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
    }
}
