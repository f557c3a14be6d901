import Foundation
import GRDB

/// The demo organization's contents: workspaces, queues with the invoice schema, users,
/// hooks, a connector, inboxes, email templates, and annotations in every status.
enum DemoWorld {
    struct QueuePlan {
        let workspace: Int
        let name: String
        let locale: String
        let useConfirmedState: Bool
        /// Suppliers (indices into `DemoNames.suppliers`) whose documents arrive here.
        let suppliers: [Int]
    }

    static let workspaces = ["Accounts Payable CZ", "Kreditorenbuchhaltung DE", "APAC 経理"]
    static let queues: [QueuePlan] = [
        QueuePlan(workspace: 0, name: "Přijaté faktury", locale: "cs_CZ", useConfirmedState: false, suppliers: [0, 1, 2, 3, 4]),
        QueuePlan(workspace: 0, name: "Dobropisy", locale: "cs_CZ", useConfirmedState: true, suppliers: [0, 2, 14, 15]),
        QueuePlan(workspace: 1, name: "Eingangsrechnungen", locale: "de_DE", useConfirmedState: false, suppliers: [5, 6, 7, 8, 9, 17]),
        QueuePlan(workspace: 1, name: "Gutschriften", locale: "de_DE", useConfirmedState: true, suppliers: [5, 8, 18, 19]),
        QueuePlan(workspace: 2, name: "請求書 (Invoices JP)", locale: "ja_JP", useConfirmedState: false, suppliers: [10, 11, 12, 13]),
        QueuePlan(workspace: 2, name: "Receipts", locale: "en_GB", useConfirmedState: false, suppliers: [14, 15, 16, 17]),
    ]

    /// Share of annotations per status (every status appears at every size but `empty`).
    static let statusWeights: [(String, Int)] = [
        ("to_review", 300), ("exported", 330), ("postponed", 60), ("confirmed", 50), ("reviewing", 25),
        ("rejected", 40), ("deleted", 45), ("exporting", 15), ("failed_export", 20), ("importing", 10),
        ("failed_import", 15), ("in_workflow", 15), ("split", 10), ("purged", 15), ("created", 5),
    ]

    static func annotationCount(_ size: DemoSize) -> Int {
        switch size {
        case .empty: 0
        case .small: 500
        case .demo: 12_000
        case .large: 100_000
        }
    }

    static func seed(_ db: Database, context: DemoSeedContext) throws {
        var random = SplitMix64(seed: context.seed)
        let org = JSONValue.reference("organizations", context.organizationID)

        var userIDs = [context.userID]
        for (index, person) in DemoNames.users.enumerated() {
            let user = try ObjectStore.insert(db, "users", DemoSeeder.userBody(
                username: "\(person.username)@rossum.local", firstName: person.first, lastName: person.last,
                organizationID: context.organizationID, groupIDs: [index % 3 == 0 ? 4 : 2]))
            let id = user["id"]?.intValue ?? 0
            try db.execute(
                sql: "INSERT INTO credentials (username, password, user_id) VALUES (?, ?, ?)",
                arguments: ["\(person.username)@rossum.local", "demo-password", id])
            userIDs.append(id)
        }

        let connector = try ObjectStore.insert(db, "connectors", [
            "name": "ERP export (SAP)", "service_url": "https://erp.example.com/rossum", "params": nil,
            "authorization_token": "demo-connector-token", "asynchronous": true, "metadata": [:],
            "client_ssl_certificate": nil, "client_ssl_key": nil, "authorization_type": "secret_key",
        ])
        let workspaceIDs = try workspaces.map { name in
            try ObjectStore.insert(db, "workspaces", ["name": .string(name), "organization": org, "autopilot": false, "metadata": [:]])["id"]!.intValue!
        }

        var queueIDs: [Int] = [], schemaIDs: [Int] = []
        for (index, plan) in queues.enumerated() {
            let schema = try ObjectStore.insert(db, "schemas", [
                "name": .string("\(plan.name) schema"), "content": InvoiceSchema.content, "metadata": [:],
                "modified_by": nil, "modified_at": .string(DemoClock.timestamp(daysAgo: 200)),
            ])
            let schemaID = schema["id"]!.intValue!
            let prefix = "sandbox-\(index + 1)"
            let inbox = try ObjectStore.insert(db, "inboxes", [
                "name": .string("\(plan.name) inbox"), "email": .string("\(prefix)@sandbox.rossum.local"),
                "email_prefix": .string(prefix), "bounce_email_to": "bounces@rossum.local",
                "bounce_unprocessable_attachments": false, "bounce_postponed_annotations": false,
                "bounce_deleted_annotations": false, "bounce_email_with_no_attachments": true, "metadata": [:],
                "filters": [:], "dmarc_check_action": "accept",
            ])
            let inboxID = inbox["id"]!.intValue!
            let queue = try ObjectStore.insert(db, "queues", [
                "name": .string(plan.name), "workspace": .reference("workspaces", workspaceIDs[plan.workspace]),
                "schema": .reference("schemas", schemaID), "inbox": .reference("inboxes", inboxID),
                "connector": index == 0 ? .reference("connectors", connector["id"]!.intValue!) : nil,
                "webhooks": [], "hooks": [], "users": .array(userIDs.map { .reference("users", $0) }),
                "session_timeout": "01:00:00", "rir_url": "https://all.rir.rossum.ai", "rir_params": nil,
                "automation_enabled": false, "automation_level": "never", "default_score_threshold": 0.8,
                "locale": .string(plan.locale), "metadata": [:], "use_confirmed_state": .bool(plan.useConfirmedState),
                "document_lifetime": nil, "delete_after": nil, "dedicated_engine": nil, "generic_engine": nil,
                "engine": nil, "training_enabled": true, "status": "active",
                "settings": ["columns": [["schema_id": "sender_name"], ["schema_id": "amount_total"]], "rejection_config": ["enabled": true]],
                "modified_by": nil, "modified_at": .string(DemoClock.timestamp(daysAgo: 100)),
            ])
            let queueID = queue["id"]!.intValue!
            queueIDs.append(queueID)
            schemaIDs.append(schemaID)
            try ObjectStore.insert(db, "email_templates", [
                "name": "Rejection", "queue": .reference("queues", queueID), "organization": org,
                "subject": "Your document was rejected", "message": "<p>Dear supplier, we could not process {{document_name}}.</p>",
                "type": "rejection_default", "enabled": true, "automate": false, "triggers": [], "to": [], "cc": [], "bcc": [],
            ])
        }
        // A connector's, inbox's and hook's `queues` are served from the queues (QueueRelations).
        let vatHook = try ObjectStore.insert(db, "hooks", [
            "name": "Validate VAT numbers", "type": "function",
            "events": ["annotation_content.initialize", "annotation_content.updated"], "active": true,
            "config": ["runtime": "python3.12", "code": "def rossum_hook_request_handler(payload):\n    return {\"messages\": []}\n"],
            "sideload": [], "metadata": [:], "settings": [:], "settings_schema": nil, "secrets": [:], "run_after": [],
            "token_owner": nil, "token_lifetime_s": nil, "extension_source": "custom", "description": "Checks VAT ids.",
            "test": [:], "guide": nil, "read_more_url": nil, "extension_image_url": nil,
        ])
        let erpHook = try ObjectStore.insert(db, "hooks", [
            "name": "Notify ERP", "type": "webhook",
            "events": ["annotation_status.changed"], "active": false,
            "config": ["url": "https://erp.example.com/hooks/rossum", "insecure_ssl": false],
            "sideload": ["queues"], "metadata": [:], "settings": [:], "settings_schema": nil, "secrets": [:],
            "run_after": [], "token_owner": nil, "token_lifetime_s": nil, "extension_source": "custom",
            "description": nil, "test": [:], "guide": nil, "read_more_url": nil, "extension_image_url": nil,
        ])
        let hooks = QueueRelations.links["hooks"]!
        try QueueRelations.setQueues(hooks, objectID: vatHook["id"]!.intValue!, to: Set(queueIDs), db)
        try QueueRelations.setQueues(hooks, objectID: erpHook["id"]!.intValue!, to: [queueIDs[0]], db)

        try seedAnnotations(
            db, count: annotationCount(context.size), queueIDs: queueIDs, schemaIDs: schemaIDs, userIDs: userIDs,
            random: &random)
    }

    /// `1234.5` as `"1234.50"`, without `String(format:)` (slow when called 100,000 times).
    static func money(_ amount: Double) -> String {
        let cents = Int((amount * 100).rounded())
        return "\(cents / 100).\(DemoClock.pad(cents % 100, 2))"
    }

    /// Bulk insert through prepared statements: a `large` demo (100,000 annotations) in seconds.
    static func seedAnnotations(
        _ db: Database, count: Int, queueIDs: [Int], schemaIDs: [Int], userIDs: [Int], random: inout SplitMix64
    ) throws {
        guard count > 0 else { return }
        // Filling 100,000 rows is faster with the secondary indexes built once at the end.
        let indexes = count >= 5000
            ? try Row.fetchAll(
                db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'annotations' AND sql IS NOT NULL"
            ).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
            : []
        for index in indexes { try db.execute(sql: "DROP INDEX \(index.name)") }
        let documentInsert = try db.makeStatement(sql: """
            INSERT INTO documents (id, original_file_name, mime_type, created_at, arrived_at, creator_id, metadata)
            VALUES (?, ?, 'application/pdf', ?, ?, ?, '{}')
            """)
        let annotationInsert = try db.makeStatement(sql: """
            INSERT INTO annotations (id, queue_id, schema_id, document_id, status, creator_id, modifier_id, modified_by_id,
                created_at, modified_at, assigned_at, confirmed_at, confirmed_by_id, exported_at, exported_by_id,
                deleted_at, deleted_by_id, rejected_at, rejected_by_id, purged_at, purged_by_id, export_failed_at,
                arrived_at, original_file_name, time_spent, automated, supplier_name, invoice_number, issue_date,
                due_date, amount_total, currency, content_seed, previous_status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let totalWeight = statusWeights.reduce(0) { $0 + $1.1 }
        let spanSeconds = 365.0 * 86_400
        for index in 0..<count {
            let id = index + 1
            let queueIndex = Int(random.next() % UInt64(queues.count))
            let plan = queues[queueIndex]
            let supplier = DemoNames.suppliers[plan.suppliers[Int(random.next() % UInt64(plan.suppliers.count))]]
            var roll = Int(random.next() % UInt64(totalWeight))
            var status = "to_review"
            for (candidate, weight) in statusWeights {
                if roll < weight { status = candidate; break }
                roll -= weight
            }
            if status == "confirmed" && !plan.useConfirmedState { status = "exported" }
            // Older documents first: ids grow with arrival time.
            let arrived = DemoClock.epoch.addingTimeInterval(-spanSeconds + spanSeconds * Double(index) / Double(count) + Double(random.next() % 3600))
            let arrivedAt = DemoClock.timestamp(arrived)
            let later = { (hours: Double) in DemoClock.timestamp(arrived.addingTimeInterval(hours * 3600)) }
            let modifier = userIDs[Int(random.next() % UInt64(userIDs.count))]
            let touched = !["importing", "failed_import", "to_review", "created", "split"].contains(status)
            let confirmed = ["confirmed", "exported", "exporting", "failed_export"].contains(status)
            let amount = Double(random.next() % 5_000_000) / 100 + 5
            let serial = DemoClock.pad(id, 6)
            let invoiceNumber = "\(supplier.invoicePrefix)-\(2025 + (index * 2 / max(count, 1)))\(serial)"
            let issue = arrived.addingTimeInterval(-Double(random.next() % 5) * 86_400)
            let fileName = "\(supplier.invoicePrefix.lowercased())_\(serial).pdf"
            let userOrNil = { (condition: Bool) -> Int? in condition ? modifier : nil }
            let timeOrNil = { (condition: Bool, hours: Double) -> String? in condition ? later(hours) : nil }

            try documentInsert.execute(arguments: [id, fileName, arrivedAt, arrivedAt, userIDs[0]])
            try annotationInsert.execute(arguments: [
                id, queueIDs[queueIndex], schemaIDs[queueIndex], id, status, userIDs[0], userOrNil(touched), userOrNil(touched),
                arrivedAt, timeOrNil(touched, 5), timeOrNil(status == "reviewing", 4), timeOrNil(confirmed, 6), userOrNil(confirmed),
                timeOrNil(status == "exported", 6.1), userOrNil(status == "exported"),
                timeOrNil(status == "deleted" || status == "purged", 7), userOrNil(status == "deleted" || status == "purged"),
                timeOrNil(status == "rejected", 7), userOrNil(status == "rejected"),
                timeOrNil(status == "purged", 24), userOrNil(status == "purged"), timeOrNil(status == "failed_export", 6.2),
                arrivedAt, fileName, Double(random.next() % 600), status == "exported" && random.next() % 4 == 0,
                supplier.name, invoiceNumber, String(DemoClock.timestamp(issue).prefix(10)),
                String(DemoClock.timestamp(issue.addingTimeInterval(30 * 86_400)).prefix(10)),
                money(supplier.currency == "jpy" ? (amount * 100).rounded() : amount), supplier.currency,
                Int(truncatingIfNeeded: random.next() >> 1), status == "reviewing" ? "to_review" : nil,
            ])
        }
        for index in indexes { try db.execute(sql: index.sql) }
    }
}
