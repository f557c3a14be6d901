import Foundation
import GRDB

/// The demo's extensions and a recent history of what they did: hook runs (with their
/// failures), exports that failed, rejection notes, audit log entries and automation blockers.
/// The history is placed in the last days before now, so the 7-day hook log retention shows it.
enum DiagnosticsSeeder {
    static func recentCount(_ size: DemoSize) -> Int {
        switch size {
        case .empty: 0
        case .small: 120
        case .demo: 400
        case .large: 600
        }
    }

    static func seed(_ db: Database, context: DemoSeedContext, now: Date = Date()) throws {
        let queueIDs = try Int.fetchAll(db, sql: "SELECT id FROM objects WHERE kind = 'queues' ORDER BY id")
        guard !queueIDs.isEmpty else { return }
        try installExtensions(db, queueIDs: queueIDs)
        if context.seedsHistory { try seedHistory(db, count: recentCount(context.size), now: now) }
    }

    /// Inserts a demo hook and puts it on `queueIDs` (the queues hold the relation, `QueueRelations`).
    @discardableResult
    static func insertHook(
        _ db: Database, name: String, type: String, events: [String], queueIDs: [Int], extensionName: DemoExtension, url: String
    ) throws -> JSONValue {
        let hook = try ObjectStore.insert(db, "hooks", hookBody(name: name, type: type, events: events, extensionName: extensionName, url: url))
        try QueueRelations.setQueues(QueueRelations.links["hooks"]!, objectID: hook["id"]?.intValue ?? 0, to: Set(queueIDs), db)
        return hook
    }

    static func hookBody(name: String, type: String, events: [String], extensionName: DemoExtension, url: String) -> [String: JSONValue] {
        [
            "name": .string(name), "type": .string(type),
            "events": .array(events.map(JSONValue.string)), "active": true,
            "config": ["url": .string(url), "insecure_ssl": false, "payload_logging_enabled": true, "timeout_s": 30],
            "sideload": [], "metadata": ["sandbox_extension": .string(extensionName.rawValue)], "settings": [:],
            "settings_schema": nil, "secrets": [:], "run_after": [], "token_owner": nil, "token_lifetime_s": nil,
            "extension_source": "custom", "description": nil, "test": [:], "guide": nil, "read_more_url": nil,
            "extension_image_url": nil,
        ]
    }

    /// Gives the seeded VAT function its behaviour and adds the matching, export and notification hooks.
    static func installExtensions(_ db: Database, queueIDs: [Int]) throws {
        if var vat = try ObjectStore.fetchAll(db, "hooks").first(where: { $0["name"]?.stringValue == "Validate VAT numbers" }),
           let id = vat["id"]?.intValue
        {
            vat["metadata"] = ["sandbox_extension": .string(DemoExtension.vatCheck.rawValue)]
            vat["config"]?["payload_logging_enabled"] = true
            try ObjectStore.replace(db, "hooks", id: id, vat)
        }
        var matching = try insertHook(
            db, name: "Supplier matching (MDH)", type: "webhook",
            events: ["annotation_content.initialize", "annotation_content.updated"], queueIDs: queueIDs,
            extensionName: .supplierMatching, url: "https://sandbox.rossum.local/svc/master-data-hub/api/v1/match")
        // The MDH matching extension's own configuration: which dataset it reads and how.
        if let id = matching["id"]?.intValue {
            matching["config"]?["configurations"] = [[
                "name": "Supplier by VAT number, then by name",
                "source": [
                    "dataset": .string(DataHubSeeder.suppliersDataset),
                    "queries": [
                        ["find": ["vat_id": "{sender_vat_id}"]],
                        ["find": ["name": "{sender_name}"]],
                    ],
                ],
                "mapping": ["target_schema_id": "sender_match", "dataset_key": "supplier_id", "label_keys": ["name"]],
                "result_actions": ["no_match_found": ["message": ["type": "warning", "content": "No supplier matches"]]],
            ]]
            try ObjectStore.replace(db, "hooks", id: id, matching)
        }
        // The VAT check reads what matching filled in.
        if var vat = try ObjectStore.fetchAll(db, "hooks").first(where: { $0["name"]?.stringValue == "Validate VAT numbers" }),
           let id = vat["id"]?.intValue, let matchingID = matching["id"]?.intValue
        {
            vat["run_after"] = [.reference("hooks", matchingID)]
            try ObjectStore.replace(db, "hooks", id: id, vat)
        }
        // Export to the ERP of the German and Japanese invoice queues (third and fifth).
        let exportQueues = [2, 4].filter { $0 < queueIDs.count }.map { queueIDs[$0] }
        try insertHook(
            db, name: "ERP export", type: "webhook", events: ["annotation_content.export"], queueIDs: exportQueues,
            extensionName: .erpExport, url: "https://erp.example.com/rossum/export")
        try insertHook(
            db, name: "Chat notifications", type: "webhook", events: ["annotation_status.changed"], queueIDs: queueIDs,
            extensionName: .statusNotifier, url: "https://chat.example.com/hooks/rossum")
    }

    /// Every `duplicateEvery`-th document waiting for review in the history, starting with the
    /// first, is an invoice its supplier had already sent to the same queue. A fixed share, not
    /// a roll per document: a hash roll of 6% left a 60-annotation history with no duplicate.
    static let duplicateEvery = 12

    /// The longest seeded life after arrival: reviewed three hours later, then exported with
    /// its hooks' runs (at most a 30 s timeout each) within minutes. Arrivals end this long
    /// before now, so nothing seeded is dated after the moment of seeding.
    static let longestLife: TimeInterval = 3 * 3600 + 600

    /// Replays the life of the newest `count` annotations over the last six days: each arrives
    /// (its extensions run, its blockers are worked out), and those a person has handled were
    /// started and then confirmed, exported, rejected with a note, postponed or deleted, each
    /// step in the audit log.
    static func seedHistory(_ db: Database, count: Int, now: Date) throws {
        guard count > 0 else { return }
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, status, queue_id, modifier_id FROM annotations WHERE status NOT IN ('importing', 'created', 'purged') ORDER BY id DESC LIMIT ?",
            arguments: [count])
        var waiting = 0
        for (index, row) in rows.reversed().enumerated() {
            let id: Int = row["id"], status: String = row["status"]
            let userID: Int = row["modifier_id"] ?? 1
            let arrived = now.addingTimeInterval(-6 * 86_400 + (6 * 86_400 - longestLife) * Double(index) / Double(rows.count))
            if status == "to_review" {
                if waiting % duplicateEvery == 0 { try resend(db, annotationID: id, queueID: row["queue_id"]) }
                waiting += 1
            }
            try LifecycleEvents.imported(db, annotationID: id, at: arrived)
            let reviewed = arrived.addingTimeInterval(3 * 3600)
            func record(_ action: AnnotationAction, at time: Date) throws {
                try AuditLog.recordStatusChange(db, annotationID: id, userID: userID, request: .action(action, annotationID: id), at: time)
            }
            if ["reviewing", "confirmed", "exported", "failed_export", "rejected"].contains(status) {
                try record(.start, at: reviewed.addingTimeInterval(-240))
            }
            switch status {
            case "exported", "failed_export":
                try record(.confirm, at: reviewed)
                try db.execute(sql: "UPDATE annotations SET status = 'exporting' WHERE id = ?", arguments: [id])
                try ExportRunner.export(db, annotationID: id, userID: userID, at: reviewed.addingTimeInterval(2))
            case "confirmed":
                try record(.confirm, at: reviewed)
            case "rejected":
                try record(.reject, at: reviewed)
                let reasons = ["Not an invoice (delivery note).", "Duplicate of an invoice already paid.", "Wrong recipient company.", "Illegible scan, please resend."]
                try Notes.insertRejection(db, annotationID: id, content: reasons[DemoFate.percent(id) % reasons.count], userID: userID, at: reviewed)
            case "postponed":
                try record(.postpone, at: reviewed)
            case "deleted":
                try record(.delete, at: reviewed)
            default:
                break
            }
        }
    }

    /// Gives the annotation the invoice number and supplier of the newest earlier annotation of
    /// its queue that still counts (not deleted or purged), so it is a duplicate of that one.
    static func resend(_ db: Database, annotationID: Int, queueID: Int) throws {
        guard let original = try Row.fetchOne(
            db, sql: """
                SELECT invoice_number, supplier_name FROM annotations
                WHERE id < ? AND queue_id = ? AND status NOT IN ('deleted', 'purged') ORDER BY id DESC LIMIT 1
                """, arguments: [annotationID, queueID])
        else { return }
        try db.execute(
            sql: "UPDATE annotations SET invoice_number = ?, supplier_name = ? WHERE id = ?",
            arguments: [original["invoice_number"] as String?, original["supplier_name"] as String?, annotationID])
    }
}
