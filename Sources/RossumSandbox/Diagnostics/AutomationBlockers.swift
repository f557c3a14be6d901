import GRDB

/// Why an annotation was not automated: low extraction scores against the queue's threshold,
/// failed checks and error messages from extensions, and duplicates. Worked out when an import
/// finishes and stored as one blocker per annotation (its id is the annotation's).
enum AutomationBlockers {
    static let maximumSamples = 10

    static func refresh(_ db: Database, annotationID: Int) throws {
        guard let annotation = try AnnotationRecord.fetch(db, id: annotationID) else { return }
        try refresh(db, annotation: annotation, content: nil)
    }

    /// For a record read earlier in this transaction (its `messages` are read again, as hooks
    /// may have changed them) and, when the caller has it, the annotation's current content.
    static func refresh(_ db: Database, annotation: AnnotationRecord, content current: [JSONValue]?) throws {
        let annotationID = annotation.id
        var annotation = annotation
        annotation.messages = try String.fetchOne(
            db.cachedStatement(sql: "SELECT messages FROM annotations WHERE id = ?"), arguments: [annotationID])
        let entries = try content(db, annotation, current: current)
        if entries.isEmpty {
            try db.execute(sql: "DELETE FROM automation_blockers WHERE annotation_id = ?", arguments: [annotationID])
            try db.execute(sql: "UPDATE annotations SET automation_blocker_id = NULL WHERE id = ?", arguments: [annotationID])
            return
        }
        try db.execute(
            sql: "INSERT INTO automation_blockers (id, annotation_id, content) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET content = excluded.content",
            arguments: [annotationID, annotationID, JSONValue.array(entries).storageText])
        try db.execute(sql: "UPDATE annotations SET automation_blocker_id = ? WHERE id = ?", arguments: [annotationID, annotationID])
    }

    static func content(_ db: Database, _ annotation: AnnotationRecord, current: [JSONValue]? = nil) throws -> [JSONValue] {
        let threshold = try scoreThreshold(db, queueID: annotation.queueID)
        let datapoints = AnnotationContent.flatten(try current ?? AnnotationContent.load(db, annotation))
            .filter { $0["category"]?.stringValue == "datapoint" }
        let messages = JSONValue.stored(annotation.messages).arrayValue ?? []
        var entries: [JSONValue] = []

        var lowScores: [String: [JSONValue]] = [:]
        for datapoint in datapoints {
            guard let score = datapoint["content"]?["rir_confidence"]?.doubleValue, score < threshold,
                  let schemaID = datapoint["schema_id"]?.stringValue, let id = datapoint["id"]?.intValue,
                  !(datapoint["validation_sources"]?.arrayValue ?? []).contains(where: { $0.stringValue == "data_matching" })
            else { continue }
            lowScores[schemaID, default: []].append(["datapoint_id": .int(id), "details": ["score": .double(score), "threshold": .double(threshold)]])
        }
        for schemaID in lowScores.keys.sorted() {
            entries.append(datapointEntry("low_score", schemaID: schemaID, samples: lowScores[schemaID]!))
        }

        var failedChecks: [String: [JSONValue]] = [:]
        var annotationErrors: [String] = []
        for message in messages where ["error", "warning"].contains(message["type"]?.stringValue ?? "") {
            let id = message["id"]?.intValue
            if let id, let datapoint = datapoints.first(where: { $0["id"]?.intValue == id }), let schemaID = datapoint["schema_id"]?.stringValue {
                failedChecks[schemaID, default: []].append(["datapoint_id": .int(id), "details": ["validation": "bad"]])
            } else if message["type"]?.stringValue == "error", let text = message["content"]?.stringValue {
                annotationErrors.append(text)
            }
        }
        for schemaID in failedChecks.keys.sorted() {
            entries.append(datapointEntry("failed_checks", schemaID: schemaID, samples: failedChecks[schemaID]!))
        }
        if !annotationErrors.isEmpty {
            entries.append(["level": "annotation", "type": "error_message", "details": ["message_content": .array(annotationErrors.map(JSONValue.string))]])
        }
        if try isDuplicate(db, annotation) {
            entries.append(["level": "annotation", "type": "is_duplicate"])
        }
        return entries
    }

    /// The queue's `default_score_threshold` (0.8 when unset), read without parsing the queue.
    static func scoreThreshold(_ db: Database, queueID: Int) throws -> Double {
        try Double.fetchOne(
            db.cachedStatement(sql: "SELECT json_extract(body, '$.default_score_threshold') FROM objects WHERE kind = 'queues' AND id = ?"),
            arguments: [queueID]) ?? 0.8
    }

    static func datapointEntry(_ type: String, schemaID: String, samples: [JSONValue]) -> JSONValue {
        [
            "level": "datapoint", "type": .string(type), "schema_id": .string(schemaID),
            "samples": .array(Array(samples.prefix(maximumSamples))), "samples_truncated": .bool(samples.count > maximumSamples),
        ]
    }

    /// Another live annotation of the same vendor with the same invoice number.
    static func isDuplicate(_ db: Database, _ annotation: AnnotationRecord) throws -> Bool {
        try Bool.fetchOne(
            db, sql: """
                SELECT EXISTS(SELECT 1 FROM annotations WHERE invoice_number = ? AND supplier_name = ? AND id != ?
                    AND status NOT IN ('deleted', 'purged'))
                """,
            arguments: [annotation.fields.invoiceNumber, annotation.fields.supplierName, annotation.id]) ?? false
    }

    static func json(id: Int, annotationID: Int, content: String) -> JSONValue {
        ["id": .int(id), "url": .reference("automation_blockers", id), "annotation": .reference("annotations", annotationID), "content": JSONValue.stored(content)]
    }

    static func fetch(_ db: Database, annotationIDs: [Int]) throws -> [JSONValue] {
        guard !annotationIDs.isEmpty else { return [] }
        return try Row.fetchAll(
            db, sql: "SELECT * FROM automation_blockers WHERE annotation_id IN (\(databaseQuestionMarks(count: annotationIDs.count))) ORDER BY id",
            arguments: StatementArguments(annotationIDs)
        ).map { json(id: $0["id"], annotationID: $0["annotation_id"], content: $0["content"]) }
    }
}
