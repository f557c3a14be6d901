import GRDB

/// A pipeline's final `$out`: its results replace the records of the named collection (made
/// if missing; `_id`s are new, as the sandbox assigns them). `$merge` is not supported.
struct AggregationOutput {
    let target: String

    /// The pipeline without its `$out`, and the `$out` if it has one (only last, as in MongoDB).
    static func split(_ value: DocumentValue?, budget: RegexBudget) throws -> (AggregationPipeline, AggregationOutput?) {
        let pipeline = try AggregationPipeline(value, budget: budget)
        let names = pipeline.stages.compactMap { $0.fields.first?.key }
        if names.contains("$merge") { throw QueryError("$merge is not supported by the sandbox; use $out") }
        guard let position = names.firstIndex(of: "$out") else { return (pipeline, nil) }
        guard position == names.count - 1 else { throw QueryError("$out can only be the final stage in the pipeline") }
        let operand = pipeline.stages[position].fields[0].value
        let target: String
        switch operand {
        case .string(let name): target = name
        case .object(let spec):
            guard let name = spec["coll"]?.stringValue else { throw QueryError("$out needs coll") }
            target = name
        default: throw QueryError("$out needs a collection name")
        }
        try CollectionStore.validateName(target)
        var stages = pipeline.stages
        stages.removeLast()
        return (try AggregationPipeline(.array(stages.map(DocumentValue.object)), budget: budget), AggregationOutput(target: target))
    }

    /// Runs the pipeline on `source` and writes the results; returns how many were written.
    func run(_ db: Database, pipeline: AggregationPipeline, source: String) throws -> Int {
        let results = try pipeline.run(db, collectionID: try CollectionStore.find(db, name: source)?.id, collectionName: source)
        let collection = try CollectionStore.findOrCreate(db, name: target)
        _ = try CollectionStore.deleteAllRecords(db, collectionID: collection.id)
        for document in results { try CollectionStore.insert(db, collectionID: collection.id, document: document) }
        try CollectionStore.touch(db, collectionID: collection.id)
        return results.count
    }
}
