import GRDB

/// A `data/aggregate` pipeline: `$match`, `$sort`, `$skip`, `$limit`, `$project`, `$count`,
/// `$group`, `$unwind`, `$addFields`/`$set`, `$unset`, `$replaceRoot`/`$replaceWith`, `$lookup`
/// (`AggregationLookup`), a leading `$collStats` (`CollectionStatistics`) and a leading `$search`
/// (`TextSearch`).
///
/// A leading `$match`/`$sort`/`$skip`/`$limit` run as one find (so `_id` ranges use the index),
/// and `[$match, $count]` is a count without reading records where the match allows.
struct AggregationPipeline: Sendable {
    let stages: [Document]
    /// Shared by every `$match` of the pipeline: the request's whole `$regex` allowance.
    let budget: RegexBudget

    init(_ pipeline: DocumentValue?, budget: RegexBudget = RegexBudget()) throws(QueryError) {
        self.budget = budget
        guard case .array(let items)? = pipeline else { throw QueryError("pipeline must be an array of stages") }
        var stages: [Document] = []
        for item in items {
            guard case .object(let stage) = item, stage.fields.count == 1 else {
                throw QueryError("each pipeline stage must be an object with exactly one field")
            }
            stages.append(stage)
        }
        self.stages = stages
    }

    func run(_ db: Database, collectionID: Int64?, collectionName: String = "") throws -> [Document] {
        if let first = stages.first?.fields.first, first.key == "$collStats" {
            let statistics = try CollectionStatistics(first.value, collectionName: collectionName)
            return try apply(stages.dropFirst(), to: [try statistics.document(db, collectionID: collectionID)], db: db)
        }
        if let first = stages.first?.fields.first, first.key == "$search" {
            let search = try TextSearch(first.value)
            // As in Atlas, a search through an index the dataset does not have finds nothing.
            guard let collectionID, try SearchIndexes.exists(db, collectionID: collectionID, name: search.indexName) else {
                return try apply(stages.dropFirst(), to: [], db: db)
            }
            let documents = try FindExecutor.documents(db, collectionID: collectionID, query: FindQuery())
            return try apply(stages.dropFirst(), to: search.run(documents), db: db)
        }
        var query = FindQuery()
        var index = 0
        var order = 0  // match < sort < skip < limit: fold only stages in that order.
        while index < stages.count, let (name, operand) = stages[index].fields.first.map({ ($0.key, $0.value) }) {
            let rank = ["$match": 1, "$sort": 2, "$skip": 3, "$limit": 4][name] ?? 0
            guard rank > order else { break }
            switch name {
            case "$match": query.filter = try QueryFilter(try Self.object(operand, name), budget: budget)
            case "$sort":
                guard let sort = try SortSpecification.compile(try Self.object(operand, name)) else {
                    throw QueryError("$sort must not be empty")
                }
                query.sort = sort
            case "$skip": query.skip = try Self.count(operand, name)
            default:
                query.limit = try Self.count(operand, name)
                if query.limit == 0 { throw QueryError("$limit must be positive") }
            }
            order = rank
            index += 1
        }
        guard let collectionID else { return try apply(stages[index...], to: [], db: db) }
        if order <= 1, index < stages.count, let countStage = stages[index].fields.first, countStage.key == "$count" {
            let field = try Self.countField(countStage.value)
            let count = try FindExecutor.count(db, collectionID: collectionID, filter: query.filter)
            let rest = try apply(stages[(index + 1)...], to: count == 0 ? [] : [Document([(field, .int(Int64(count)))])], db: db)
            return rest
        }
        let documents = try FindExecutor.documents(db, collectionID: collectionID, query: query)
        return try apply(stages[index...], to: documents, db: db)
    }

    /// One document through the whole pipeline (an update pipeline); nil if it was dropped.
    func transform(_ document: Document) throws(QueryError) -> Document? {
        do {
            return try apply(stages[...], to: [document], db: nil).first
        } catch let error as QueryError {
            throw error
        } catch {
            throw QueryError("\(error)")
        }
    }

    /// The stages over documents already at hand (a `$lookup` sub-pipeline).
    func apply(to documents: [Document], db: Database) throws -> [Document] {
        try apply(stages[...], to: documents, db: db)
    }

    /// `db` is what `$lookup` reads other collections from; without one it is refused.
    private func apply(_ stages: ArraySlice<Document>, to input: [Document], db: Database?) throws -> [Document] {
        var documents = input
        for stage in stages {
            guard let (name, operand) = stage.fields.first.map({ ($0.key, $0.value) }) else { continue }
            switch name {
            case "$match":
                let filter = try QueryFilter(try Self.object(operand, name), budget: budget)
                var matching: [Document] = []
                for document in documents where try filter.matches(document) { matching.append(document) }
                documents = matching
            case "$sort":
                guard let sort = try SortSpecification.compile(try Self.object(operand, name)) else {
                    throw QueryError("$sort must not be empty")
                }
                documents = sort.sorted(documents)
            case "$skip":
                documents = Array(documents.dropFirst(try Self.count(operand, name)))
            case "$limit":
                let limit = try Self.count(operand, name)
                if limit == 0 { throw QueryError("$limit must be positive") }
                documents = Array(documents.prefix(limit))
            case "$count":
                let field = try Self.countField(operand)
                documents = documents.isEmpty ? [] : [Document([(field, .int(Int64(documents.count)))])]
            case "$project":
                documents = try Self.project(documents, try Self.object(operand, name))
            case "$addFields", "$set":
                let spec = try Self.object(operand, name)
                var updated: [Document] = []
                for var document in documents {
                    for (key, expression) in spec.fields {
                        if let value = try AggregationExpression.evaluate(expression, in: document) {
                            document.set(value, at: FieldPath(key))
                        }
                    }
                    updated.append(document)
                }
                documents = updated
            case "$unset":
                let paths: [FieldPath]
                switch operand {
                case .string(let path): paths = [FieldPath(path)]
                case .array(let items): paths = items.compactMap { $0.stringValue.map(FieldPath.init) }
                default: throw QueryError("$unset needs a field name or an array of them")
                }
                documents = documents.map { document in
                    var copy = document
                    for path in paths { copy.remove(at: path) }
                    return copy
                }
            case "$unwind":
                documents = try Self.unwind(documents, operand)
            case "$group":
                documents = try AggregationGroup(try Self.object(operand, name)).run(documents)
            case "$replaceRoot", "$replaceWith":
                let expression = name == "$replaceWith" ? operand : try Self.object(operand, name)["newRoot"]
                guard let expression else { throw QueryError("$replaceRoot needs newRoot") }
                documents = try documents.map { document throws(QueryError) in
                    guard case .object(let root)? = try AggregationExpression.evaluate(expression, in: document) else {
                        throw QueryError("\(name) must produce an object")
                    }
                    return root
                }
            case "$lookup":
                guard let db else { throw QueryError("$lookup is not allowed here") }
                documents = try AggregationLookup(try Self.object(operand, name), budget: budget).run(documents, db: db)
            case "$collStats", "$search":
                throw QueryError("\(name) is only valid as the first stage of a pipeline")
            default:
                throw QueryError("unsupported pipeline stage: \(name)")
            }
        }
        return documents
    }

    private static func project(_ documents: [Document], _ spec: Document) throws(QueryError) -> [Document] {
        let isPlain = spec.fields.allSatisfy { field in
            switch field.value {
            case .bool, .int, .double: return true
            default: return false
            }
        }
        if isPlain, let projection = try Projection.compile(spec) {
            return documents.map { projection.apply(to: $0) }
        }
        // Computed fields: inclusion of the listed fields, `_id` kept unless excluded.
        var results: [Document] = []
        for document in documents {
            var result = Document()
            if spec["_id"].map({ $0.isTruthy }) ?? true, spec["_id"].map(isFlag) ?? true, let id = document["_id"] {
                result["_id"] = id
            }
            for (key, value) in spec.fields {
                if key == "_id", isFlag(value) { continue }
                if isFlag(value) {
                    guard value.isTruthy else { throw QueryError("cannot mix exclusion with computed fields in $project") }
                    if let found = FieldPath(key).values(in: document).first { result.set(found, at: FieldPath(key)) }
                } else if let computed = try AggregationExpression.evaluate(value, in: document) {
                    result.set(computed, at: FieldPath(key))
                }
            }
            results.append(result)
        }
        return results
    }

    private static func isFlag(_ value: DocumentValue) -> Bool {
        switch value {
        case .bool, .int, .double: return true
        default: return false
        }
    }

    private static func unwind(_ documents: [Document], _ operand: DocumentValue) throws(QueryError) -> [Document] {
        let pathText: String
        var keepEmpty = false
        switch operand {
        case .string(let text): pathText = text
        case .object(let options):
            guard let text = options["path"]?.stringValue else { throw QueryError("$unwind needs a path") }
            pathText = text
            keepEmpty = options["preserveNullAndEmptyArrays"]?.isTruthy ?? false
        default: throw QueryError("$unwind needs a field path")
        }
        guard pathText.hasPrefix("$") else { throw QueryError("$unwind path must start with '$'") }
        let path = FieldPath(String(pathText.dropFirst()))
        var results: [Document] = []
        for document in documents {
            switch path.values(in: document).first {
            case .array(let items)?:
                if items.isEmpty, keepEmpty {
                    var copy = document
                    copy.remove(at: path)
                    results.append(copy)
                }
                for item in items {
                    var copy = document
                    copy.set(item, at: path)
                    results.append(copy)
                }
            case nil, .null?:
                if keepEmpty { results.append(document) }
            case .some:
                results.append(document)
            }
        }
        return results
    }

    private static func countField(_ operand: DocumentValue) throws(QueryError) -> String {
        guard case .string(let field) = operand, !field.isEmpty, !field.hasPrefix("$"), !field.contains(".") else {
            throw QueryError("$count needs a field name")
        }
        return field
    }

    static func object(_ operand: DocumentValue, _ stage: String) throws(QueryError) -> Document {
        guard case .object(let document) = operand else { throw QueryError("\(stage) needs an object") }
        return document
    }

    static func count(_ operand: DocumentValue, _ stage: String) throws(QueryError) -> Int {
        guard let number = operand.count else {
            throw QueryError("\(stage) needs a whole number from 0 to \(DocumentValue.maximumCount)")
        }
        return number
    }
}
