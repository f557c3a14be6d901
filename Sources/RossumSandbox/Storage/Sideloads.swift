import GRDB

/// Sideloading for annotation lists: `sideload=documents,modifiers,content,queues` adds
/// top-level arrays, each filled with one query (never one per annotation).
enum Sideloads {
    static let known: Set<String> = ["documents", "modifiers", "content", "queues", "automation_blockers", "creators", "schemas"]

    static func build(
        _ names: [String], for annotations: [AnnotationRecord], contentSchemaIDs: [String]?, db: Database
    ) throws -> [String: JSONValue] {
        var extra: [String: JSONValue] = [:]
        for name in names {
            guard known.contains(name) else {
                throw SandboxHTTPError.fieldErrors(["sideload": "Unknown sideload \"\(name)\" (known: \(known.sorted().joined(separator: ", ")))."])
            }
            switch name {
            case "documents":
                extra[name] = .array(try DocumentRecord.fetch(db, ids: annotations.map(\.documentID)).map(\.json))
            case "modifiers", "creators":
                let ids = annotations.compactMap { name == "modifiers" ? $0.modifierID : $0.creatorID }
                let users = try ObjectStore.fetch(db, "users", ids: ids)
                let decorate = try Decorations.prepare("users", db)
                extra[name] = .array(users.keys.sorted().compactMap { users[$0].map { decorate($0) } })
            case "queues", "schemas":
                let ids = annotations.map { name == "queues" ? $0.queueID : $0.schemaID }
                let objects = try ObjectStore.fetch(db, name, ids: ids)
                let decorate = try Decorations.prepare(name, db, onlyIDs: Array(objects.keys))
                extra[name] = .array(objects.keys.sorted().compactMap { objects[$0].map { decorate($0) } })
            case "content":
                extra[name] = .array(try content(for: annotations, schemaIDs: contentSchemaIDs, db: db))
            case "automation_blockers":
                extra[name] = .array(try AutomationBlockers.fetch(db, annotationIDs: annotations.map(\.id)))
            default:
                extra[name] = []
            }
        }
        return extra
    }

    /// Datapoints of every annotation, flattened; limited to `schemaIDs` when given.
    static func content(for annotations: [AnnotationRecord], schemaIDs: [String]?, db: Database) throws -> [JSONValue] {
        let wanted = schemaIDs.map(Set.init)
        var stored: [Int: [JSONValue]] = [:]
        if !annotations.isEmpty {
            let ids = annotations.map(\.id)
            for row in try Row.fetchAll(
                db, sql: "SELECT annotation_id, body FROM annotation_content WHERE annotation_id IN (\(databaseQuestionMarks(count: ids.count)))",
                arguments: StatementArguments(ids))
            {
                stored[row["annotation_id"]] = JSONValue.stored(row["body"]).arrayValue ?? []
            }
        }
        var result: [JSONValue] = []
        for annotation in annotations {
            let tree = stored[annotation.id] ?? AnnotationContent.generate(annotationID: annotation.id, fields: annotation.fields)
            for node in AnnotationContent.flatten(tree) {
                if let wanted {
                    guard let schemaID = node["schema_id"]?.stringValue, wanted.contains(schemaID) else { continue }
                }
                result.append(node)
            }
        }
        return result
    }
}
