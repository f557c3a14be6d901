import GRDB

/// Runs `FindQuery`s against one collection.
///
/// The paths the bulk download and keyset pagination use — an empty filter or `_id` conditions,
/// no sort or a sort on `_id`, skip and limit — are answered by SQLite from the primary key with
/// LIMIT/OFFSET, and the stored JSON text is spliced into the response without being parsed.
/// Anything else scans the `_id` range in order, parsing records and filtering in Swift.
enum FindExecutor {
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
            try scanBodies(db, collectionID: collectionID, range: range, descending: false, offset: 0, limit: 0) { rowID, body in
                let document = try CollectionStore.document(rowID: rowID, body: body)
                if residual.matches(document) { results.append(document) }
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
                results.append(try CollectionStore.document(rowID: rowID, body: body))
                return true
            }
            return results
        }
        var toSkip = query.skip
        try scanBodies(db, collectionID: collectionID, range: range, descending: descending, offset: 0, limit: 0) { rowID, body in
            let document = try CollectionStore.document(rowID: rowID, body: body)
            guard residual.matches(document) else { return true }
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
        try scanBodies(db, collectionID: collectionID, range: range, descending: false, offset: 0, limit: 0) { rowID, body in
            if residual.matches(try CollectionStore.document(rowID: rowID, body: body)) { count += 1 }
            return true
        }
        return count
    }

    /// Visits stored rows in `_id` order; the visitor returns false to stop early.
    static func scanBodies(
        _ db: Database, collectionID: Int64, range: RowIDRange, descending: Bool, offset: Int, limit: Int,
        _ visit: (Int64, String) throws -> Bool
    ) throws {
        if range.isEmpty { return }
        let order = descending ? "DESC" : "ASC"
        let statement = try db.cachedStatement(sql: """
            SELECT id, body FROM datahub_record
            WHERE collection_id = ? AND id >= ? AND id <= ?
            ORDER BY id \(order) LIMIT ? OFFSET ?
            """)
        let cursor = try Row.fetchCursor(statement, arguments: [
            collectionID, range.lower, range.upper, limit > 0 ? Int64(limit) : -1, Int64(offset),
        ])
        while let row = try cursor.next() {
            let rowID: Int64 = row[0]
            let body: String = row[1]
            if try !visit(rowID, body) { break }
        }
    }

    /// Writes one record: spliced from its stored text when the projection allows, else re-encoded.
    private static func appendRecord(rowID: Int64, body: String, projection: Projection?, to writer: inout DocumentJSONWriter) throws {
        if projection == nil || projection?.isIdentity == true {
            writer.append("{\"_id\":{\"$oid\":\"")
            writer.append(ObjectIdCodec.hex(forRowID: rowID))
            writer.append("\"}")
            let utf8 = body.utf8
            if utf8.count > 2 {
                writer.append(",")
                writer.appendRaw(utf8.dropFirst())
            } else {
                writer.append("}")
            }
        } else if let projection, projection.onlyRemovesID {
            writer.append(body)
        } else if let projection {
            writer.write(.object(projection.apply(to: try CollectionStore.document(rowID: rowID, body: body))))
        }
    }
}
