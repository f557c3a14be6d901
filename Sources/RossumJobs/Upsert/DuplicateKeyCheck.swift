import Foundation

/// Finds two records with the same id key values. MDH fails the whole operation on one such
/// pair ("records 3 and 7 have the same id key values"), so the file is refused before it is sent.
struct DuplicateKeyCheck {
    let idKeys: [String]
    private var firstRecord: [String: Int] = [:]

    init(idKeys: [String]) {
        self.idKeys = idKeys
    }

    /// Notes record `index` (0-based) with its key `values`; the earlier index when they repeat.
    mutating func note(_ values: [Any], at index: Int) -> Int? {
        guard !idKeys.isEmpty else { return nil }
        // Typed, as the server compares them: the string "1" and the number 1 are different keys.
        let identity = values.map { value in (value as? String).map { "s:\($0)" } ?? "v:\(value)" }.joined(separator: "\u{1F}")
        if let earlier = firstRecord[identity] { return earlier }
        firstRecord[identity] = index
        return nil
    }

    func failure(path: String, earlier: Int, later: Int, values: [Any]) -> CommandFailure {
        let shown = zip(idKeys, values).map { "\($0)=\($1)" }.joined(separator: ", ")
        return CommandFailure(.badInput, "\(path): records \(earlier + 1) and \(later + 1) have the same id key values (\(shown)): MDH would fail the whole file; keep one")
    }
}
