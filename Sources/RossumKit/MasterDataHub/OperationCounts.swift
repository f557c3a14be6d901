/// What an MDH operation did to its dataset, as far as the server says. Versions put the
/// numbers in different places (`summary` in `operation/{id}`, `metadata.operation_summary` in
/// the v2 list, sometimes at the top level), and any of them may be missing: nil means "not
/// reported", never zero.
public struct OperationCounts: Sendable, Hashable {
    /// Records in the dataset after the operation.
    public var recordCount: Int?
    public var inserted: Int?
    public var updated: Int?
    public var deleted: Int?

    public init(recordCount: Int? = nil, inserted: Int? = nil, updated: Int? = nil, deleted: Int? = nil) {
        self.recordCount = recordCount
        self.inserted = inserted
        self.updated = updated
        self.deleted = deleted
    }

    public var isEmpty: Bool { recordCount == nil && inserted == nil && updated == nil && deleted == nil }

    /// Reads the counts of an operation object, from whichever place carries them.
    public init(operation: JSONValue) {
        let summaries = [operation["summary"], operation["operation_summary"], operation["metadata"]?["operation_summary"]]
            .compactMap { $0?.objectValue == nil ? nil : $0 }
        func first(_ keys: [String]) -> Int? {
            for summary in summaries {
                for key in keys { if let value = summary[key]?.intValue { return value } }
            }
            // At the top level only the unambiguous names: `updated` there is a timestamp.
            return keys.lazy.filter { $0.hasPrefix("record") }.compactMap { operation[$0]?.intValue }.first
        }
        self.init(recordCount: first(["record_count", "records"]), inserted: first(["records_inserted", "inserted"]),
                  updated: first(["records_updated", "updated"]), deleted: first(["records_deleted", "deleted"]))
    }
}
