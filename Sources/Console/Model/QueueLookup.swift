import Foundation

/// Why `:queue NAME` found no single queue, said so the next try can succeed.
public enum QueueLookupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The workspaces and queues have not arrived yet: names cannot be known.
    case notLoaded(String)
    case unknown(String, known: [String])
    case ambiguous(String, candidates: [String])

    public var description: String {
        switch self {
        case .notLoaded(let name):
            return "no queues loaded yet to find \"\(name)\" in; try again in a moment, or use :queue ID"
        case .unknown(let name, let known):
            return "no queue named \"\(name)\"" + (known.isEmpty ? "" : " (queues: \(known.joined(separator: ", ")))")
        case .ambiguous(let name, let candidates):
            return "\"\(name)\" matches \(candidates.count) queues: \(candidates.joined(separator: ", ")); type more of the name"
        }
    }
}

extension Catalog {
    /// A queue as `:queue` takes it: its name, or `Workspace/Queue` when two workspaces have
    /// a queue of the same name.
    static func qualifiedName(_ queue: QueueSummary, in workspace: WorkspaceSummary) -> String {
        workspace.name + "/" + queue.name
    }

    /// The queue `text` names, case-insensitively: an exact name (or `Workspace/Queue`) wins
    /// over prefixes, so a queue whose name begins another's can still be reached; otherwise
    /// the name must start exactly one queue's name.
    public func queue(named text: String) throws(QueueLookupError) -> QueueSummary {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        let all = workspaces.flatMap { workspace in workspace.queues.map { (queue: $0, workspace: workspace) } }
        guard !all.isEmpty else { throw .notLoaded(text) }
        let names = { (pair: (queue: QueueSummary, workspace: WorkspaceSummary)) in
            [pair.queue.name.lowercased(), Self.qualifiedName(pair.queue, in: pair.workspace).lowercased()]
        }
        var found = all.filter { names($0).contains(wanted) }
        if found.isEmpty { found = all.filter { names($0).contains { $0.hasPrefix(wanted) } } }
        switch found.count {
        case 1:
            return found[0].queue
        case 0:
            throw .unknown(text, known: all.map(\.queue.name))
        default:
            throw .ambiguous(text, candidates: found.map { "\(Self.qualifiedName($0.queue, in: $0.workspace)) #\($0.queue.id)" })
        }
    }

    /// What `:queue ` completes to: every queue's name, then `Workspace/Queue` for each, so
    /// typing a workspace's name completes to its queues.
    public var queueNameCompletions: [String] {
        var seen = Set<String>()
        let plain = workspaces.flatMap { $0.queues.map(\.name) }
        let qualified = workspaces.flatMap { workspace in workspace.queues.map { Self.qualifiedName($0, in: workspace) } }
        return (plain + qualified).filter { seen.insert($0).inserted }
    }
}
