import GRDB

/// An uploaded file waiting to be read when its operation runs.
struct DatasetUpload: Sendable {
    let bytes: [UInt8]
    let filename: String?
    let contentType: String?
    let options: DatasetFileOptions
}

/// What an MDH request asks to do with a dataset.
enum DatasetChange: Sendable {
    case create(DatasetUpload)
    /// Wipe and reload.
    case replace(DatasetUpload)
    /// Update records matched by `idKeys`, insert new ones, remove those not in the file.
    case replaceByKeys(DatasetUpload, idKeys: [String])
    /// Overwrite records matched by `idKeys`; insert the others when `insertNew`.
    case update(DatasetUpload, idKeys: [String], insertNew: Bool)
    case delete

    var operationType: DatasetOperationType {
        switch self {
        case .create: return .create
        case .replace, .replaceByKeys: return .replace
        case .update: return .update
        case .delete: return .delete
        }
    }

    var upload: DatasetUpload? {
        switch self {
        case .create(let upload), .replace(let upload), .replaceByKeys(let upload, _), .update(let upload, _, _): return upload
        case .delete: return nil
        }
    }
}

/// Applies a `DatasetChange` inside one transaction; any thrown error leaves the dataset untouched.
enum DatasetChangeApplier {
    struct Summary: Sendable, Equatable {
        var inserted = 0
        var updated = 0
        var deleted = 0
        var recordCount = 0
    }

    /// Reads the file first (outside the transaction is fine: it touches no data).
    static func readRecords(_ change: DatasetChange) throws(DatasetFileError) -> [Document] {
        guard let upload = change.upload else { return [] }
        return try DatasetFileReader.records(
            from: upload.bytes, filename: upload.filename, contentType: upload.contentType, options: upload.options)
    }

    static func apply(_ change: DatasetChange, records: [Document], to name: String, in db: Database) throws -> Summary {
        var summary = Summary()
        switch change {
        case .create:
            if try CollectionStore.find(db, name: name) != nil { throw DatasetFileError("collection already exists") }
            let collection = try CollectionStore.create(db, name: name)
            for record in records { try CollectionStore.insert(db, collectionID: collection.id, document: record) }
            summary.inserted = records.count
        case .replace:
            let collection = try CollectionStore.findOrCreate(db, name: name)
            summary.deleted = try CollectionStore.deleteAllRecords(db, collectionID: collection.id)
            for record in records { try CollectionStore.insert(db, collectionID: collection.id, document: record) }
            summary.inserted = records.count
            try CollectionStore.touch(db, collectionID: collection.id)
        case .replaceByKeys(_, let idKeys):
            let collection = try CollectionStore.findOrCreate(db, name: name)
            let incoming = try keyed(records, idKeys: idKeys)
            let existing = try existingRecords(db, collectionID: collection.id, idKeys: idKeys)
            var matchedRows = Set<Int64>()
            for (key, record) in incoming {
                if let rows = existing[key] {
                    for row in rows { try CollectionStore.replace(db, rowID: row, document: record) }
                    matchedRows.formUnion(rows)
                    summary.updated += rows.count
                } else {
                    try CollectionStore.insert(db, collectionID: collection.id, document: record)
                    summary.inserted += 1
                }
            }
            for rows in existing.values {
                for row in rows where !matchedRows.contains(row) {
                    try CollectionStore.delete(db, rowID: row)
                    summary.deleted += 1
                }
            }
            try CollectionStore.touch(db, collectionID: collection.id)
        case .update(_, let idKeys, let insertNew):
            guard let collection = try CollectionStore.find(db, name: name) else {
                throw DatasetFileError("dataset \(name) does not exist")
            }
            let incoming = try keyed(records, idKeys: idKeys)
            let firstKeyValues = records.compactMap { value(of: idKeys[0], in: $0) }
            let existing = try existingRecords(db, collectionID: collection.id, idKeys: idKeys, firstKeyAmong: firstKeyValues)
            for (key, record) in incoming {
                if let rows = existing[key] {
                    for row in rows { try CollectionStore.replace(db, rowID: row, document: record) }
                    summary.updated += rows.count
                } else if insertNew {
                    try CollectionStore.insert(db, collectionID: collection.id, document: record)
                    summary.inserted += 1
                }
            }
            try CollectionStore.touch(db, collectionID: collection.id)
        case .delete:
            guard let removed = try CollectionStore.drop(db, name: name) else {
                throw DatasetFileError("dataset \(name) does not exist")
            }
            summary.deleted = removed
            return summary
        }
        if let collection = try CollectionStore.find(db, name: name) {
            summary.recordCount = try CollectionStore.recordCount(db, collectionID: collection.id)
        }
        return summary
    }

    /// File records with their key identity, in file order; a missing key or a repeated key fails the file.
    private static func keyed(_ records: [Document], idKeys: [String]) throws(DatasetFileError) -> [(String, Document)] {
        var seen: [String: Int] = [:]
        var result: [(String, Document)] = []
        result.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            guard let key = identity(of: record, idKeys: idKeys) else {
                let missing = idKeys.first { value(of: $0, in: record) == nil } ?? idKeys[0]
                throw DatasetFileError("record \(index + 1) has no value for the id key \"\(missing)\"")
            }
            if let earlier = seen[key] {
                throw DatasetFileError("records \(earlier + 1) and \(index + 1) have the same id key values \(key)")
            }
            seen[key] = index
            result.append((key, record))
        }
        return result
    }

    /// Row ids of stored records by key identity. With `firstKeyAmong`, only records whose first
    /// key is one of those values are read (an upsert needs no others).
    private static func existingRecords(
        _ db: Database, collectionID: Int64, idKeys: [String], firstKeyAmong candidates: [DocumentValue]? = nil
    ) throws -> [String: [Int64]] {
        if idKeys.allSatisfy({ !$0.contains(".") && !$0.contains("\"") }) {
            return try existingRecordsBySQL(db, collectionID: collectionID, idKeys: idKeys, firstKeyAmong: candidates)
        }
        var rows: [String: [Int64]] = [:]
        try FindExecutor.scanBodies(db, collectionID: collectionID, range: .all, descending: false, offset: 0, limit: 0) { rowID, body in
            let document = try CollectionStore.document(rowID: rowID, bytes: body)
            if let key = identity(of: document, idKeys: idKeys) { rows[key, default: []].append(rowID) }
            return true
        }
        return rows
    }

    /// Reads only the key fields, with SQLite's JSON functions: an upsert into a 200,000-record
    /// dataset does not parse every record in Swift.
    private static func existingRecordsBySQL(
        _ db: Database, collectionID: Int64, idKeys: [String], firstKeyAmong candidates: [DocumentValue]?
    ) throws -> [String: [Int64]] {
        let columns = idKeys.map { _ in "json_type(body, ?), json_extract(body, ?)" }.joined(separator: ", ")
        var arguments: [any DatabaseValueConvertible] = []
        for key in idKeys {
            let path = "$.\"\(key)\""
            arguments.append(path)
            arguments.append(path)
        }
        arguments.append(collectionID)
        var narrowing = ""
        // Strings and integers compare the same in SQLite as in the identity; other kinds of
        // values read every record.
        if let candidates, candidates.allSatisfy({ if case .string = $0 { true } else if case .int = $0 { true } else { false } }) {
            narrowing = " AND json_extract(body, ?) IN (SELECT value FROM json_each(?))"
            arguments.append("$.\"\(idKeys[0])\"")
            arguments.append(DocumentJSONWriter.string(.array(candidates)))
        }
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT id, \(columns) FROM datahub_record WHERE collection_id = ?\(narrowing)",
            arguments: StatementArguments(arguments))
        var rows: [String: [Int64]] = [:]
        records: while let row = try cursor.next() {
            var values: [DocumentValue] = []
            for index in idKeys.indices {
                let type: String? = row[1 + 2 * index]
                let value = row[2 + 2 * index] as DatabaseValue
                switch (type, value.storage) {
                case (nil, _): continue records  // The record lacks this key: it matches nothing.
                case ("null", _): values.append(.null)
                case ("true", _): values.append(.bool(true))
                case ("false", _): values.append(.bool(false))
                case (_, .int64(let number)): values.append(.int(number))
                case (_, .double(let number)): values.append(.double(number))
                case ("text", .string(let text)): values.append(.string(text))
                case (_, .string(let json)): values.append(try DocumentJSONParser.parse(json))
                default: continue records
                }
            }
            rows[DocumentJSONWriter.string(.array(values)), default: []].append(row[0])
        }
        return rows
    }

    /// The id key values as canonical JSON, so `"7"` and `7` stay different keys as in MongoDB.
    static func identity(of record: Document, idKeys: [String]) -> String? {
        var values: [DocumentValue] = []
        for key in idKeys {
            guard let value = value(of: key, in: record) else { return nil }
            values.append(value)
        }
        return DocumentJSONWriter.string(.array(values))
    }

    private static func value(of key: String, in record: Document) -> DocumentValue? {
        if let direct = record[key] { return direct }
        return FieldPath(key).values(in: record).first
    }
}
