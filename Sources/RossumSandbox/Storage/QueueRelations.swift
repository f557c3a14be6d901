import GRDB

/// A queue's users, hooks, connector and inbox are each one relation seen from two sides: the
/// queue's `users`, `hooks`, `connector` and `inbox`, and the user's, hook's, connector's or
/// inbox's `queues`. Each is stored once, on the queue; the other side's `queues` is computed
/// from the queues when served, and writing it rewrites those queues. So the two sides cannot
/// disagree, and a client may change the relation from either side.
enum QueueRelations {
    struct Link: Sendable {
        /// The kind on the other side (`users`, `hooks`, `connectors`, `inboxes`).
        let kind: String
        /// The queue's field that holds the relation.
        let queueField: String
        /// The queue holds one reference (`connector`, `inbox`) rather than a list.
        let single: Bool
    }

    static let links: [String: Link] = [
        "users": Link(kind: "users", queueField: "users", single: false),
        "hooks": Link(kind: "hooks", queueField: "hooks", single: false),
        "connectors": Link(kind: "connectors", queueField: "connector", single: true),
        "inboxes": Link(kind: "inboxes", queueField: "inbox", single: true),
    ]

    /// The ids of the objects of `link.kind` that `queue` is related to.
    static func targets(of queue: JSONValue, _ link: Link) -> [Int] {
        if link.single { return queue[link.queueField]?.referencedID.map { [$0] } ?? [] }
        return (queue[link.queueField]?.arrayValue ?? []).compactMap(\.referencedID)
    }

    /// The URLs of the queues related to each object of `link.kind`, in queue id order.
    static func queueURLs(_ link: Link, _ db: Database) throws -> [Int: [JSONValue]] {
        var result: [Int: [JSONValue]] = [:]
        for queue in try ObjectStore.fetchAll(db, "queues") {
            guard let url = queue["url"] else { continue }
            for target in Set(targets(of: queue, link)) { result[target, default: []].append(url) }
        }
        return result
    }

    /// Relates object `objectID` of `link.kind` to exactly the queues `queueIDs`: it is added
    /// to the queues that lack it and taken off the others (a queue's single connector or inbox
    /// is replaced, so it leaves the connector or inbox it had).
    static func setQueues(_ link: Link, objectID: Int, to queueIDs: Set<Int>, _ db: Database) throws {
        for queue in try ObjectStore.fetchAll(db, "queues") {
            guard case .object(var body) = queue, let queueID = body["id"]?.intValue else { continue }
            let wanted = queueIDs.contains(queueID)
            let related = targets(of: queue, link).contains(objectID)
            guard wanted != related else { continue }
            if link.single {
                body[link.queueField] = wanted ? .reference(link.kind, objectID) : .null
            } else {
                var items = body[link.queueField]?.arrayValue ?? []
                if wanted { items.append(.reference(link.kind, objectID)) } else { items.removeAll { $0.referencedID == objectID } }
                body[link.queueField] = .array(items)
                if link.kind == "hooks" { body["webhooks"] = .array(items) }
            }
            try ObjectStore.replace(db, "queues", id: queueID, .object(body))
        }
    }

    /// Moves the `queues` lists that older databases stored on the other side onto the queues
    /// (a union with what the queues already hold), so a database kept with `--db` keeps its
    /// relations.
    static func moveStoredListsOntoQueues(_ db: Database) throws {
        for link in links.values.sorted(by: { $0.kind < $1.kind }) {
            for object in try ObjectStore.fetchAll(db, link.kind) {
                guard let id = object["id"]?.intValue, let listed = object["queues"]?.arrayValue else { continue }
                let queueIDs = Set(listed.compactMap(\.referencedID))
                for queueID in queueIDs {
                    guard case .object(var queue)? = try ObjectStore.fetch(db, "queues", id: queueID) else { continue }
                    if link.single {
                        guard queue[link.queueField]?.referencedID == nil else { continue }
                        queue[link.queueField] = .reference(link.kind, id)
                    } else {
                        var items = queue[link.queueField]?.arrayValue ?? []
                        guard !items.contains(where: { $0.referencedID == id }) else { continue }
                        items.append(.reference(link.kind, id))
                        queue[link.queueField] = .array(items)
                    }
                    try ObjectStore.replace(db, "queues", id: queueID, .object(queue))
                }
            }
        }
    }
}
