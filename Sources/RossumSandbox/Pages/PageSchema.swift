import GRDB

/// The `pages` table: one row per page of an annotation, pointing at the page of a document it
/// shows (its own document's, or for a child of `edit_pages`, the parent document's page).
enum PageSchema {
    static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-pages") { db in
            try db.execute(sql: """
                CREATE TABLE pages (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    annotation_id INTEGER NOT NULL,
                    number INTEGER NOT NULL,
                    rotation_deg INTEGER NOT NULL DEFAULT 0,
                    source_document_id INTEGER NOT NULL,
                    source_number INTEGER NOT NULL,
                    time_spent REAL NOT NULL DEFAULT 0,
                    metadata TEXT NOT NULL DEFAULT '{}');
                CREATE INDEX pages_by_annotation ON pages (annotation_id, number);
                -- A document cut out of another one by `edit_pages` names it as its parent.
                ALTER TABLE documents ADD COLUMN parent_id INTEGER;
                """)
            // Databases kept from older versions: every annotation gets its document's pages.
            try PageStore.backfill(db)
        }
    }
}
