import Foundation
import GRDB

/// Runs the hooks subscribed to an annotation event, inside the caller's transaction: each run
/// is logged (`hooks/logs`), its operations change the content, and its messages (or its
/// failure) land in the annotation's `messages`.
enum HookRunner {
    struct Run: Sendable {
        var hookID: Int
        var hookName: String
        var requestID: String
        var outcome: HookOutcome
        /// When the run ended (as logged): the next hook of the event starts then.
        var end: Date
    }

    /// When the runs of an event are over: the last one's end, or `now` when none ran.
    static func finished(_ runs: [Run], startedAt now: Date) -> Date { runs.last?.end ?? now }

    /// Events whose runs speak to the annotation (messages); status notifications do not.
    static func reportsMessages(_ event: String) -> Bool { event == "annotation_content" }

    /// A hook as dispatch needs it: the stored body, with what selects it read out once.
    struct Subscriber: Sendable {
        var id: Int
        var body: JSONValue
        var active: Bool
        /// `event.action` names and bare event names (a hook on `annotation_status` gets every action).
        var events: Set<String>
        var queueIDs: Set<Int>
    }

    /// Every hook, parsed once per version of the hooks and queues (see `DerivedVersions`), in
    /// run order: a hook with `run_after` runs after the ones without, then by id.
    static let catalog = VersionedCache<[Subscriber]>(capacity: 64)

    static func subscribers(_ db: Database) throws -> [Subscriber] {
        try catalog.value(for: try DerivedVersions.current(db, .hooks)) {
            // A hook's queues are the queues that list it (`QueueRelations`).
            let queues = try QueueRelations.queueURLs(QueueRelations.links["hooks"]!, db)
            return try ObjectStore.fetchAll(db, "hooks").compactMap { hook -> (Subscriber, Bool)? in
                guard let id = hook["id"]?.intValue else { return nil }
                let subscriber = Subscriber(
                    id: id, body: hook, active: hook["active"]?.boolValue == true,
                    events: Set((hook["events"]?.arrayValue ?? []).compactMap(\.stringValue)),
                    queueIDs: Set((queues[id] ?? []).compactMap(\.referencedID)))
                return (subscriber, !(hook["run_after"]?.arrayValue ?? []).isEmpty)
            }.sorted { a, b in a.1 != b.1 ? !a.1 : a.0.id < b.0.id }.map(\.0)
        }
    }

    /// Hooks of the annotation's queue subscribed to `event.action`, in run order.
    static func subscribedHooks(_ db: Database, event: String, action: String, queueID: Int) throws -> [JSONValue] {
        let name = "\(event).\(action)"
        return try subscribers(db).filter { hook in
            hook.active && hook.queueIDs.contains(queueID) && (hook.events.contains(name) || hook.events.contains(event))
        }.map(\.body)
    }

    @discardableResult
    static func dispatch(
        _ db: Database, event: String, action: String, annotationID: Int, previousStatus: String? = nil,
        now: Date = Date()
    ) throws -> [Run] {
        guard let annotation = try AnnotationRecord.fetch(db, id: annotationID) else { return [] }
        var content: [JSONValue]?
        return try dispatch(db, event: event, action: action, annotation: annotation, content: &content, previousStatus: previousStatus, now: now)
    }

    /// Dispatch for a record the caller has just read. `content` is the annotation's content when
    /// the caller has it; it is read here only when an extension needs it (status notifications
    /// do not), and holds the content as the hooks left it afterwards, for the caller's next step.
    /// The record's `messages` are not brought up to date.
    @discardableResult
    static func dispatch(
        _ db: Database, event: String, action: String, annotation: AnnotationRecord, content loaded: inout [JSONValue]?,
        previousStatus: String? = nil, now: Date = Date()
    ) throws -> [Run] {
        let annotationID = annotation.id
        let hooks = try subscribedHooks(db, event: event, action: action, queueID: annotation.queueID)
        guard !hooks.isEmpty else { return [] }
        func content() throws -> [JSONValue] {
            if let loaded { return loaded }
            let content = try AnnotationContent.load(db, annotation)
            loaded = content
            return content
        }
        var runs: [Run] = []
        var newMessages: [JSONValue] = []
        // The event's hooks run one after another, the first when the event happens.
        var next = now
        for hook in hooks {
            guard let hookID = hook["id"]?.intValue else { continue }
            let attempt = try HookLogStore.runCount(db, hookID: hookID, annotationID: annotationID, event: event, action: action) + 1
            let call = DemoExtension.Call(
                hookID: hookID, event: event, action: action, annotation: annotation,
                content: DemoExtension(hook)?.readsContent == true ? try content() : [], attempt: attempt)
            let outcome = try DemoExtension.outcome(of: hook, call, db: db)
            let requestID = UUID().uuidString.lowercased()
            let payload = requestPayload(
                hook: hook, event: event, action: action, annotation: annotation, previousStatus: previousStatus,
                requestID: requestID, now: now)
            let end = try HookLogStore.insert(
                db, hook: hook, annotation: annotation, organizationID: annotation.organizationID, event: event, action: action, requestID: requestID,
                payload: payload, outcome: outcome, triggeredAt: now, start: next)
            next = end
            if !outcome.operations.isEmpty, !AnnotationStore.frozenStatuses.contains(annotation.status) {
                let current = try content()
                if let changed = try? ContentOperations.apply(
                    outcome.operations, to: current, annotationID: annotationID,
                    newID: { try db.nextValue(of: "datapoints", startingAt: AnnotationContent.addedIDStart) })
                {
                    loaded = changed
                    try AnnotationContent.save(db, annotationID: annotationID, changed)
                }
            }
            let run = Run(hookID: hookID, hookName: hook["name"]?.stringValue ?? "", requestID: requestID, outcome: outcome, end: end)
            newMessages += annotationMessages(of: run)
            runs.append(run)
        }
        if reportsMessages(event) {
            try replaceMessages(db, annotationID: annotationID, fromHooks: Set(runs.map(\.hookID)), with: newMessages)
        }
        return runs
    }

    /// The run's messages as the annotation reports them, with `detail` tying each to its log
    /// and dated when the run ended (when the hook answered); a failed run reports its failure
    /// as an exception.
    static func annotationMessages(of run: Run) -> [JSONValue] {
        let detail: JSONValue = [
            "hook_id": .int(run.hookID), "hook_name": .string(run.hookName), "request_id": .string(run.requestID),
            "timestamp": .string(DemoClock.timestamp(run.end)), "is_exception": .bool(run.outcome.failed),
        ]
        var replied = run.outcome.failed ? [] : run.outcome.messages
        if run.outcome.failed {
            let reason = run.outcome.statusCode.map { "HTTP \($0): " } ?? ""
            replied = (run.outcome.response?["messages"]?.arrayValue ?? []) + [
                ["type": "error", "id": "all", "content": .string("\(run.hookName) failed. \(reason)\(run.outcome.logMessage)")],
            ]
        }
        return replied.map { message in
            var message = message
            if let id = message["id"]?.intValue { message["id"] = .string(String(id)) }
            if message["id"] == nil { message["id"] = "all" }
            message["detail"] = detail
            return message
        }
    }

    /// Messages of hooks that just ran replace their previous ones; others' messages stay.
    static func replaceMessages(_ db: Database, annotationID: Int, fromHooks hookIDs: Set<Int>, with messages: [JSONValue]) throws {
        let stored = try String.fetchOne(db.cachedStatement(sql: "SELECT messages FROM annotations WHERE id = ?"), arguments: [annotationID])
        let kept = (JSONValue.stored(stored).arrayValue ?? []).filter { message in
            guard let hookID = message["detail"]?["hook_id"]?.intValue else { return true }
            return !hookIDs.contains(hookID)
        }
        let all = kept + messages
        try db.cachedStatement(sql: "UPDATE annotations SET messages = ? WHERE id = ?")
            .execute(arguments: [all.isEmpty ? nil as String? : JSONValue.array(all).storageText, annotationID])
    }

    /// What the hook was sent (logged as a string when the hook has payload logging on); the
    /// token is never part of it.
    static func requestPayload(
        hook: JSONValue, event: String, action: String, annotation: AnnotationRecord, previousStatus: String?,
        requestID: String, now: Date
    ) -> JSONValue {
        [
            "request_id": .string(requestID), "timestamp": .string(DemoClock.timestamp(now)),
            "hook": .string("/api/v1/hooks/\(hook["id"]?.intValue ?? 0)"), "action": .string(action), "event": .string(event),
            "settings": hook["settings"] ?? [:],
            "annotation": [
                "id": .int(annotation.id), "url": .string("/api/v1/annotations/\(annotation.id)"),
                "status": .string(annotation.status), "previous_status": previousStatus.map(JSONValue.string) ?? .null,
                "queue": .string("/api/v1/queues/\(annotation.queueID)"), "document": .string("/api/v1/documents/\(annotation.documentID)"),
            ],
            "document": ["id": .int(annotation.documentID), "original_file_name": .string(annotation.originalFileName)],
        ]
    }
}
