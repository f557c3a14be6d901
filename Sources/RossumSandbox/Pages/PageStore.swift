import Foundation
import GRDB

/// Where a page comes from: a page of a document, turned by `rotationDeg`.
struct PageSource: Sendable, Equatable {
    var documentID: Int
    var number: Int
    var rotationDeg: Int = 0
}

/// One row of `pages`, and how it is served.
struct PageRecord: Sendable {
    var id: Int
    var annotationID: Int
    var number: Int
    var rotationDeg: Int
    var source: PageSource
    var timeSpent: Double
    var metadata: String

    init(row: Row) {
        id = row["id"]; annotationID = row["annotation_id"]; number = row["number"]; rotationDeg = row["rotation_deg"]
        source = PageSource(documentID: row["source_document_id"], number: row["source_number"], rotationDeg: row["rotation_deg"])
        timeSpent = row["time_spent"]; metadata = row["metadata"]
    }

    var json: JSONValue {
        [
            "id": .int(id), "url": .reference("pages", id), "annotation": .reference("annotations", annotationID),
            "number": .int(number), "rotation_deg": .int(rotationDeg), "mime_type": "image/png",
            // Stable per source page, like the storage key of the real page image.
            "s3_name": .string(AnnotationRecord.hex(source.documentID &* 2_654_435_761) + DemoClock.pad(source.number, 8)),
            "content": .reference("pages/\(id)/content"), "time_spent": .double(timeSpent),
            "metadata": JSONValue.stored(metadata),
            // The rendered image's size, so a client can place `position` boxes on it.
            "width": .int(rotationDeg % 180 == 0 ? PageImage.width : PageImage.height),
            "height": .int(rotationDeg % 180 == 0 ? PageImage.height : PageImage.width),
        ]
    }
}

/// Creating, reading and removing pages.
enum PageStore {
    /// How many pages a document has: the sandbox renders a document without stored bytes as a
    /// one-page PDF; an uploaded PDF has as many as its page objects; anything else is one image.
    static func pageCount(of data: Data?) -> Int {
        guard let data, data.starts(with: Array("%PDF".utf8)) else { return 1 }
        var count = 0
        let bytes = [UInt8](data)
        for marker in [Array("/Type /Page".utf8), Array("/Type/Page".utf8)] {
            var index = 0
            while let found = firstIndex(of: marker, in: bytes, from: index) {
                let next = found + marker.count
                // `/Type /Pages` is the page tree, not a page.
                if next >= bytes.count || bytes[next] != UInt8(ascii: "s") { count += 1 }
                index = next
            }
        }
        return max(1, count)
    }

    private static func firstIndex(of marker: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard marker.count <= bytes.count, start <= bytes.count - marker.count else { return nil }
        var index = start
        while index <= bytes.count - marker.count {
            if bytes[index] == marker[0], Array(bytes[index..<(index + marker.count)]) == marker { return index }
            index += 1
        }
        return nil
    }

    /// The pages of a document, as a new annotation of it shows them.
    static func sources(ofDocument documentID: Int, _ db: Database) throws -> [PageSource] {
        let data = try Data?.fetchOne(db, sql: "SELECT content FROM documents WHERE id = ?", arguments: [documentID]) ?? nil
        return (1...pageCount(of: data)).map { PageSource(documentID: documentID, number: $0) }
    }

    /// Gives an annotation its pages, numbered from 1 in the order given.
    static func create(_ db: Database, annotationID: Int, sources: [PageSource]) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO pages (annotation_id, number, rotation_deg, source_document_id, source_number) VALUES (?, ?, ?, ?, ?)
            """)
        for (index, source) in sources.enumerated() {
            try statement.execute(arguments: [annotationID, index + 1, source.rotationDeg, source.documentID, source.number])
        }
    }

    /// Pages for every annotation that has none: one per page of its document. One statement
    /// for documents the sandbox renders (all demo documents), so seeding 100,000 stays fast.
    static func backfill(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO pages (annotation_id, number, source_document_id, source_number)
            SELECT a.id, 1, a.document_id, 1 FROM annotations a JOIN documents d ON d.id = a.document_id
            WHERE d.content IS NULL AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.annotation_id = a.id)
            ORDER BY a.id
            """)
        let rest = try Row.fetchAll(db, sql: """
            SELECT a.id, a.document_id FROM annotations a
            WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.annotation_id = a.id) ORDER BY a.id
            """)
        for row in rest {
            try create(db, annotationID: row["id"], sources: try sources(ofDocument: row["document_id"], db))
        }
    }

    static func fetch(_ db: Database, id: Int) throws -> PageRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM pages WHERE id = ?", arguments: [id]).map(PageRecord.init)
    }

    static func fetch(_ db: Database, annotationID: Int) throws -> [PageRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM pages WHERE annotation_id = ? ORDER BY number", arguments: [annotationID])
            .map(PageRecord.init)
    }

    /// Removes the pages of the annotations of a document (which go with it).
    static func removePages(_ db: Database, documentID: Int) throws {
        try db.execute(
            sql: "DELETE FROM pages WHERE annotation_id IN (SELECT id FROM annotations WHERE document_id = ?)", arguments: [documentID])
    }

    /// The SQL column that lists an annotation's page ids (in page order: pages are created in
    /// order), for `SELECT *, \(pageIDsColumn) FROM annotations`.
    static let pageIDsColumn =
        "(SELECT group_concat(id) FROM pages WHERE pages.annotation_id = annotations.id) AS page_ids"
}
