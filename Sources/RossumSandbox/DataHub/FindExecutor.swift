import GRDB
import GRDBSQLite

/// Runs `FindQuery`s against one collection.
///
/// The paths the bulk download and keyset pagination use — an empty filter or `_id` conditions,
/// no sort or a sort on `_id`, skip and limit — are answered by SQLite from the primary key with
/// LIMIT/OFFSET, and the stored JSON text is spliced into the response without being parsed.
/// Anything else scans the `_id` range in order, parsing records and filtering in Swift.
enum FindExecutor {
    /// How many records of a spliced result are made room for up front (beyond it, the buffer grows).
    static let presizedRecords = 100_000
    /// The `_id` prefix and separator added to each stored body, with room to spare.
    static let recordOverhead = 48

    /// The JSON array of the result, ready to be placed into a response.
    static func jsonArray(_ db: Database, collectionID: Int64, query: FindQuery) throws -> [UInt8] {
        var writer = DocumentJSONWriter(capacity: 64 * 1024)
        writer.append("[")
        var first = true
        let (range, residual) = FindPlanner.split(query.filter)
        let descending = query.sort?.idOnlyDirection == false
        if residual.isAll, query.sort == nil || query.sort?.idOnlyDirection != nil {
            try scanBodies(db, collectionID: collectionID, range: range, descending: descending,
                           offset: query.skip, limit: query.limit) { rowID, body in
                if first, query.limit > 1 {
                    // Records of a collection are alike in size: the first one sizes the page.
                    writer.reserve(min(query.limit, Self.presizedRecords) * (body.count + Self.recordOverhead))
                }
                if !first { writer.append(",") }
                first = false
                try appendRecord(rowID: rowID, body: body, projection: query.projection, to: &writer)
                return true
            }
        } else {
            for document in try documents(db, collectionID: collectionID, query: query) {
                if !first { writer.append(",") }
                first = false
                writer.write(.object(query.projection?.apply(to: document) ?? document))
            }
        }
        writer.append("]")
        return writer.bytes
    }

    /// Matching documents (with `_id`, before projection) after sort, skip and limit.
    static func documents(_ db: Database, collectionID: Int64, query: FindQuery) throws -> [Document] {
        let (range, residual) = FindPlanner.split(query.filter)
        var results: [Document] = []
        if let sort = query.sort, sort.idOnlyDirection == nil {
            try scanBodies(db, collectionID: collectionID, range: range, descending: false, offset: 0, limit: 0,
                           requiring: FindPlanner.requiredTexts(residual)) { rowID, body in
                let document = try CollectionStore.document(rowID: rowID, bytes: body)
                if try residual.matches(document) { results.append(document) }
                return true
            }
            let sorted = sort.sorted(results)
            let start = min(query.skip, sorted.count)
            let end = query.limit > 0 ? min(sorted.count, start + query.limit) : sorted.count
            return Array(sorted[start..<end])
        }
        let descending = query.sort?.idOnlyDirection == false
        if residual.isAll {
            try scanBodies(db, collectionID: collectionID, range: range, descending: descending,
                           offset: query.skip, limit: query.limit) { rowID, body in
                results.append(try CollectionStore.document(rowID: rowID, bytes: body))
                return true
            }
            return results
        }
        var toSkip = query.skip
        try scanBodies(db, collectionID: collectionID, range: range, descending: descending, offset: 0, limit: 0,
                       requiring: FindPlanner.requiredTexts(residual)) { rowID, body in
            let document = try CollectionStore.document(rowID: rowID, bytes: body)
            guard try residual.matches(document) else { return true }
            if toSkip > 0 {
                toSkip -= 1
                return true
            }
            results.append(document)
            return query.limit == 0 || results.count < query.limit
        }
        return results
    }

    static func count(_ db: Database, collectionID: Int64, filter: QueryFilter) throws -> Int {
        let (range, residual) = FindPlanner.split(filter)
        if residual.isAll { return try CollectionStore.recordCount(db, collectionID: collectionID, range: range) }
        var count = 0
        try scanBodies(db, collectionID: collectionID, range: range, descending: false, offset: 0, limit: 0,
                       requiring: FindPlanner.requiredTexts(residual)) { rowID, body in
            if try residual.matches(try CollectionStore.document(rowID: rowID, bytes: body)) { count += 1 }
            return true
        }
        return count
    }

    /// Visits stored rows in `_id` order; the visitor returns false to stop early.
    /// `requiring` lists groups of texts of which a body must contain one per group.
    static func scanBodies(
        _ db: Database, collectionID: Int64, range: RowIDRange, descending: Bool, offset: Int, limit: Int,
        requiring texts: [[String]] = [],
        _ visit: (Int64, UnsafeBufferPointer<UInt8>) throws -> Bool
    ) throws {
        var range = range
        if offset > 0, texts.isEmpty {
            // Skip through the index alone, without reading the skipped bodies.
            guard let start = try firstRowID(db, collectionID: collectionID, range: range, descending: descending, offset: offset) else { return }
            if descending { range.upper = start } else { range.lower = start }
            return try scanBodies(db, collectionID: collectionID, range: range, descending: descending, offset: 0, limit: limit, visit)
        }
        if range.isEmpty { return }
        let order = descending ? "DESC" : "ASC"
        let textClause = texts.map { group in "AND (" + group.map { _ in "instr(body, ?) > 0" }.joined(separator: " OR ") + ")" }
            .joined(separator: " ")
        let statement = try db.cachedStatement(sql: """
            SELECT id, body FROM datahub_record
            WHERE collection_id = ? AND id >= ? AND id <= ? \(textClause)
            ORDER BY id \(order) LIMIT ? OFFSET ?
            """)
        var arguments: [any DatabaseValueConvertible] = [collectionID, range.lower, range.upper]
        for group in texts { arguments.append(contentsOf: group) }
        arguments.append(limit > 0 ? Int64(limit) : -1)
        arguments.append(Int64(offset))
        try statement.setArguments(StatementArguments(arguments))
        // Stepped through the C API: the body is handed over as SQLite's own bytes, with no
        // Row or String made per record (the bulk download reads 200,000 of them).
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            let rowID = sqlite3_column_int64(handle, 0)
            let text = sqlite3_column_text(handle, 1)
            let body = UnsafeBufferPointer(start: text, count: text == nil ? 0 : Int(sqlite3_column_bytes(handle, 1)))
            if try !visit(rowID, body) { break }
        }
    }

    /// The row id `offset` rows into the range, read from the covering index.
    private static func firstRowID(_ db: Database, collectionID: Int64, range: RowIDRange, descending: Bool, offset: Int) throws -> Int64? {
        if range.isEmpty { return nil }
        let statement = try db.cachedStatement(sql: """
            SELECT id FROM datahub_record INDEXED BY datahub_record_by_collection
            WHERE collection_id = ? AND id >= ? AND id <= ?
            ORDER BY id \(descending ? "DESC" : "ASC") LIMIT 1 OFFSET ?
            """)
        return try Int64.fetchOne(statement, arguments: [collectionID, range.lower, range.upper, Int64(offset)])
    }

    /// Writes one record: spliced from its stored text when the projection allows, else re-encoded.
    private static func appendRecord(
        rowID: Int64, body: UnsafeBufferPointer<UInt8>, projection: Projection?, to writer: inout DocumentJSONWriter
    ) throws {
        if projection == nil || projection?.isIdentity == true {
            writer.appendObjectIdPrefix(rowID: rowID)
            if body.count > 2 {
                writer.append(",")
                writer.appendRaw(UnsafeBufferPointer(rebasing: body[1...]))
            } else {
                writer.append("}")
            }
        } else if let projection, projection.onlyRemovesID {
            writer.appendRaw(body)
        } else if let projection {
            writer.write(.object(projection.apply(to: try CollectionStore.document(rowID: rowID, bytes: body))))
        }
    }
}
