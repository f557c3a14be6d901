/// Annotation statuses as the console shows them: short labels, the order of the queue count
/// columns and the status tabs. Unknown statuses still show, under their raw name.
public enum StatusCatalog {
    /// Counts shown per queue in the tree, in this order.
    public static let countColumns: [String] = ["to_review", "reviewing", "postponed", "failed_import", "failed_export", "exported"]

    /// Status tabs of the annotation list; `nil` means every status.
    public static let tabs: [String?] = [nil, "to_review", "reviewing", "postponed", "confirmed", "exported", "failed_export", "failed_import", "rejected", "deleted"]

    /// Statuses a person still has to act on; `enter`/`n` moves to the next of these.
    public static let needsReview: Set<String> = ["to_review", "reviewing"]

    public static func label(_ status: String) -> String {
        switch status {
        case "to_review": return "to review"
        case "failed_import": return "failed import"
        case "failed_export": return "failed export"
        case "in_workflow": return "in workflow"
        default: return status.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// Short headers for the count columns of the tree.
    public static func shortLabel(_ status: String) -> String {
        switch status {
        case "to_review": return "review"
        case "reviewing": return "in rev"
        case "postponed": return "postp"
        case "failed_import": return "f.imp"
        case "failed_export": return "f.exp"
        case "exported": return "export"
        default: return String(status.prefix(6))
        }
    }

    /// Accepts `to_review`, `to-review`, `to review`, `toreview` and unique prefixes (`post`).
    public static func parse(_ text: String) -> String? {
        let key = text.lowercased().filter { $0.isLetter }
        guard !key.isEmpty else { return nil }
        let all = ["created", "importing", "failed_import", "split", "to_review", "reviewing", "in_workflow", "confirmed",
                   "rejected", "exporting", "exported", "failed_export", "postponed", "deleted", "purged"]
        if let exact = all.first(where: { $0.filter(\.isLetter) == key }) { return exact }
        let prefixed = all.filter { $0.filter(\.isLetter).hasPrefix(key) }
        return prefixed.count == 1 ? prefixed[0] : nil
    }
}
