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

    static func hookBody(name: String, type: String, events: [String], queueIDs: [Int], extensionName: DemoExtension, url: String) -> [String: JSONValue] {
        [
            "name": .string(name), "type": .string(type), "queues": .array(queueIDs.map { .reference("queues", $0) }),
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
        let matching = try ObjectStore.insert(db, "hooks", hookBody(
            name: "Supplier matching (MDH)", type: "webhook",
            events: ["annotation_content.initialize", "annotation_content.updated"], queueIDs: queueIDs,
            extensionName: .supplierMatching, url: "https://sandbox.rossum.local/svc/master-data-hub/api/v1/match"))
        // The VAT check reads what matching filled in.
        if var vat = try ObjectStore.fetchAll(db, "hooks").first(where: { $0["name"]?.stringValue == "Validate VAT numbers" }),
           let id = vat["id"]?.intValue, let matchingID = matching["id"]?.intValue
        {
            vat["run_after"] = [.reference("hooks", matchingID)]
            try ObjectStore.replace(db, "hooks", id: id, vat)
        }
        // Export to the ERP of the German and Japanese invoice queues (third and fifth).
        let exportQueues = [2, 4].filter { $0 < queueIDs.count }.map { queueIDs[$0] }
        try ObjectStore.insert(db, "hooks", hookBody(
            name: "ERP export", type: "webhook", events: ["annotation_content.export"], queueIDs: exportQueues,
            extensionName: .erpExport, url: "https://erp.example.com/rossum/export"))
        try ObjectStore.insert(db, "hooks", hookBody(
            name: "Chat notifications", type: "webhook", events: ["annotation_status.changed"], queueIDs: queueIDs,
            extensionName: .statusNotifier, url: "https://chat.example.com/hooks/rossum"))
    }

    /// Replays the life of the newest `count` annotations over the last six days.
    static func seedHistory(_ db: Database, count: Int, now: Date) throws {
        guard count > 0 else { return }
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, status, modifier_id FROM annotations WHERE status NOT IN ('importing', 'created', 'purged') ORDER BY id DESC LIMIT ?",
            arguments: [count])
        for (index, row) in rows.reversed().enumerated() {
            let id: Int = row["id"], status: String = row["status"]
            let userID: Int = row["modifier_id"] ?? 1
            let arrived = now.addingTimeInterval(-6 * 86_400 + 6 * 86_400 * Double(index) / Double(rows.count))
            if status == "to_review", DemoFate.percent(id, 99) < 6 {
                // A supplier sent the same invoice twice.
                try db.execute(sql: """
                    UPDATE annotations SET invoice_number = (SELECT invoice_number FROM annotations AS a WHERE a.id < annotations.id ORDER BY a.id DESC LIMIT 1),
                        supplier_name = (SELECT supplier_name FROM annotations AS a WHERE a.id < annotations.id ORDER BY a.id DESC LIMIT 1)
                    WHERE id = ?
                    """, arguments: [id])
            }
            try LifecycleEvents.imported(db, annotationID: id, at: arrived)
            let reviewed = arrived.addingTimeInterval(3 * 3600)
            let request = AuditLog.RequestDescription.self
            switch status {
            case "exported", "failed_export":
                try AuditLog.recordStatusChange(db, annotationID: id, from: "reviewing", to: "exporting", userID: userID, request: .action(.confirm, annotationID: id), at: reviewed)
                try db.execute(sql: "UPDATE annotations SET status = 'exporting' WHERE id = ?", arguments: [id])
                try ExportRunner.export(db, annotationID: id, userID: userID, at: reviewed.addingTimeInterval(2))
            case "rejected":
                try AuditLog.recordStatusChange(db, annotationID: id, from: "reviewing", to: "rejected", userID: userID, request: .action(.reject, annotationID: id), at: reviewed)
                let reasons = ["Not an invoice (delivery note).", "Duplicate of an invoice already paid.", "Wrong recipient company.", "Illegible scan, please resend."]
                try Notes.insertRejection(db, annotationID: id, content: reasons[DemoFate.percent(id) % reasons.count], userID: userID, at: reviewed)
            case "postponed", "deleted", "confirmed":
                let action: AnnotationAction = status == "postponed" ? .postpone : (status == "deleted" ? .delete : .confirm)
                try AuditLog.recordStatusChange(db, annotationID: id, from: "reviewing", to: status, userID: userID, request: request.action(action, annotationID: id), at: reviewed)
            default:
                break
            }
        }
    }
}
