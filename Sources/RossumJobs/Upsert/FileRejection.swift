/// Whether a failed MDH operation failed because of the file it was given (a repeated id key,
/// bad quoting, an encoding or format the service cannot read). Such a failure is final: the
/// same bytes fail the same way on every try, so the job stops with exit 65 and the server's
/// message instead of sending the file again. The one place this is decided.
public enum FileRejection {
    /// The service's own classification when it gives one (`error_type` of MDH's v2 listing).
    static let fileErrorTypes: Set<String> = ["file_error", "validation_error", "parse_error"]

    /// Phrases of MDH's (and the sandbox's) messages about the file's content, lower-cased.
    static let filePhrases = [
        "the file", "json file", "csv", "file format", "not valid json", "utf-8", "utf8", "encoding", "id key",
        "header", "quoted field", "xlsx", "workbook",
    ]

    public static func isCausedByFile(error: String?, errorType: String? = nil) -> Bool {
        if let errorType, fileErrorTypes.contains(errorType.lowercased()) { return true }
        guard let error = error?.lowercased(), !error.isEmpty else { return false }
        return filePhrases.contains { error.contains($0) }
    }
}
