import Foundation

/// What the console remembers of where the person goes on one server, across runs: the
/// annotations opened lately (`:recent`) and the queues pinned to the top of the tree (`*`).
public struct Places: Sendable, Hashable, Codable {
    /// Most recent first, one entry per annotation, at most `recentLimit`.
    public var recent: [RecentAnnotation] = []
    /// Pinned queue ids, in the order they were pinned.
    public var pinnedQueues: [Int] = []
    /// Extracted fields chosen as a queue's list columns (`:columns`), by queue id; a queue
    /// without an entry shows its schema's key fields. Optional: files written before it read.
    public var columns: [String: [String]]?

    public static let recentLimit = 50

    public init(recent: [RecentAnnotation] = [], pinnedQueues: [Int] = []) {
        self.recent = Array(recent.prefix(Self.recentLimit))
        self.pinnedQueues = pinnedQueues
    }

    /// Puts `entry` first; an older entry for the same annotation goes. The detail on screen
    /// reloads as it polls: the entry already first keeps when it was opened.
    public mutating func opened(_ entry: RecentAnnotation) {
        var entry = entry
        if let first = recent.first, first.id == entry.id { entry.openedAt = first.openedAt }
        recent.removeAll { $0.id == entry.id }
        recent.insert(entry, at: 0)
        if recent.count > Self.recentLimit { recent.removeLast(recent.count - Self.recentLimit) }
    }

    /// The columns chosen for a queue, if any.
    public func columns(of queueID: Int) -> [String]? { columns?[String(queueID)] }

    /// Chooses a queue's columns; nil goes back to the schema's key fields.
    public mutating func setColumns(_ ids: [String]?, of queueID: Int) {
        var all = columns ?? [:]
        all[String(queueID)] = ids
        columns = all.isEmpty ? nil : all
    }

    /// Pins an unpinned queue, unpins a pinned one; true when it is pinned now.
    @discardableResult
    public mutating func togglePin(_ queueID: Int) -> Bool {
        if let index = pinnedQueues.firstIndex(of: queueID) {
            pinnedQueues.remove(at: index)
            return false
        }
        pinnedQueues.append(queueID)
        return true
    }
}

/// An annotation opened in the detail, as `:recent` lists it.
public struct RecentAnnotation: Sendable, Hashable, Codable {
    public var id: Int
    public var fileName: String
    public var queueName: String?
    public var status: String
    public var openedAt: Date

    public init(id: Int, fileName: String, queueName: String?, status: String, openedAt: Date) {
        self.id = id
        self.fileName = fileName
        self.queueName = queueName
        self.status = status
        self.openedAt = openedAt
    }
}
