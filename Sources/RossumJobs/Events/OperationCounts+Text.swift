import RossumKit

extension OperationCounts {
    /// `1 inserted, 1 updated, 0 deleted, 101 records in the dataset`, naming only what the
    /// server reported; nil when it reported nothing.
    public var text: String? {
        let parts = [inserted.map { "\($0) inserted" }, updated.map { "\($0) updated" }, deleted.map { "\($0) deleted" },
                     recordCount.map { "\($0) records in the dataset" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
