import GRDB

/// `$lookup`: joins each document with the records of another collection, in MongoDB's forms
/// `{from, localField, foreignField, as}`, `{from, pipeline, as}` (the pipeline runs once over
/// the whole collection) and both together (the pipeline runs over each document's matches).
/// `let` variables are not supported: the sandbox's expressions have no `$$` variables.
struct AggregationLookup {
    let from: String
    let fields: (local: FieldPath, foreign: FieldPath)?
    let pipeline: AggregationPipeline?
    let target: FieldPath

    init(_ spec: Document, budget: RegexBudget) throws(QueryError) {
        guard let from = spec["from"]?.stringValue, !from.isEmpty else { throw QueryError("$lookup needs from (a collection name)") }
        guard let target = spec["as"]?.stringValue, !target.isEmpty, !target.hasPrefix("$") else {
            throw QueryError("$lookup needs as (a field name)")
        }
        if spec["let"] != nil { throw QueryError("$lookup let variables are not supported by the sandbox") }
        for key in spec.keys where !["from", "localField", "foreignField", "pipeline", "as"].contains(key) {
            throw QueryError("unknown $lookup field: \(key)")
        }
        switch (spec["localField"]?.stringValue, spec["foreignField"]?.stringValue) {
        case (let local?, let foreign?): fields = (FieldPath(local), FieldPath(foreign))
        case (nil, nil): fields = nil
        default: throw QueryError("$lookup needs both localField and foreignField, or neither")
        }
        pipeline = try spec["pipeline"].map { value throws(QueryError) in try AggregationPipeline(value, budget: budget) }
        if fields == nil, pipeline == nil { throw QueryError("$lookup needs localField and foreignField, or a pipeline") }
        self.from = from
        self.target = FieldPath(target)
    }

    func run(_ documents: [Document], db: Database) throws -> [Document] {
        let collectionID = try CollectionStore.find(db, name: from)?.id
        guard let fields else {
            // Uncorrelated: the same result joins every document.
            let joined = try pipeline?.run(db, collectionID: collectionID, collectionName: from) ?? []
            return documents.map { attach(joined, to: $0) }
        }
        let foreign = try collectionID.map { try FindExecutor.documents(db, collectionID: $0, query: FindQuery()) } ?? []
        var byKey: [String: [Int]] = [:]
        for (index, record) in foreign.enumerated() {
            for key in Set(Self.keys(fields.foreign.values(in: record))) { byKey[key, default: []].append(index) }
        }
        return try documents.map { document in
            var indexes = Set<Int>()
            for key in Self.keys(fields.local.values(in: document)) { indexes.formUnion(byKey[key] ?? []) }
            let matches = indexes.sorted().map { foreign[$0] }
            return attach(try pipeline?.apply(to: matches, db: db) ?? matches, to: document)
        }
    }

    private func attach(_ joined: [Document], to document: Document) -> Document {
        var result = document
        result.set(.array(joined.map(DocumentValue.object)), at: target)
        return result
    }

    /// Equality keys as MongoDB matches them: an array matches by each element (and whole), a
    /// missing field like null, and 1 like 1.0.
    static func keys(_ values: [DocumentValue]) -> [String] {
        if values.isEmpty { return ["null"] }
        var keys: [String] = []
        for value in values {
            switch value {
            case .array(let items):
                keys.append(DocumentJSONWriter.string(value))
                keys += items.map(key)
            default: keys.append(key(value))
            }
        }
        return keys
    }

    private static func key(_ value: DocumentValue) -> String {
        if case .double(let number) = value, number.rounded() == number, abs(number) < 9e15 {
            return DocumentJSONWriter.string(.int(Int64(number)))
        }
        return DocumentJSONWriter.string(value)
    }
}
