import Foundation

/// An operation from the dataset's recent list, with what it says about the file it was given.
public struct RecentOperation: Sendable, Equatable {
    public var id: String
    public var fileName: String?
    public var fileSize: Int?
    /// When the server created it; nil when it did not say in a form we read.
    public var createdAt: Date?

    public init(id: String, fileName: String?, fileSize: Int?, createdAt: Date?) {
        self.id = id
        self.fileName = fileName
        self.fileSize = fileSize
        self.createdAt = createdAt
    }
}

/// Finds the operation an upload started when its answer never came (a timeout, a dropped
/// connection, a crash between sending and journaling): the server may have applied the file,
/// so sending it again could apply it twice. The match is the file's name and size, created
/// after the attempt was journaled (less a clock skew allowance), and not an operation the
/// journal already knows (an earlier run of the same file, or another attempt).
public enum LostOperationSearch {
    /// How far the server's clock may be behind ours.
    public static let clockSkew: TimeInterval = 30

    /// The oldest match: the first time the file arrived.
    public static func match(in operations: [RecentOperation], file: RecordFile, sentAfter intent: Date,
                             excluding known: Set<String>) -> RecentOperation? {
        operations
            .filter { operation in
                guard !known.contains(operation.id), operation.fileName == file.fileName, operation.fileSize == file.data.count,
                      let created = operation.createdAt else { return false }
                return created >= intent.addingTimeInterval(-clockSkew)
            }
            .min { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
    }

    /// ISO 8601 with or without fractional seconds and zone (MDH sends `2024-05-01T10:00:00.123456`).
    public static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        let candidates = text.hasSuffix("Z") || text.contains("+") ? [text] : [text, text + "Z"]
        for candidate in candidates {
            if let date = try? Date(candidate, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
            if let date = try? Date(candidate, strategy: .iso8601) { return date }
        }
        return nil
    }
}
