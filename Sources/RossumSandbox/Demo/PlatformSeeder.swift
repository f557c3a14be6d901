import GRDB

/// Seeds what an organization gets from Rossum rather than builds itself: the extraction engine
/// its queues use (with one engine field per schema datapoint), the extension store's hook
/// templates, and one demo rule, so the SDK's engine, template and rule calls find real data.
enum PlatformSeeder {
    static func seed(_ db: Database, context: DemoSeedContext) throws {
        let queues = try ObjectStore.fetchAll(db, "queues")
        let engine = try ObjectStore.insert(db, "engines", [
            "name": "Invoice extractor", "type": "extractor", "learning_enabled": true,
            "training_queues": .array(queues.compactMap { $0["id"]?.intValue }.map { .reference("queues", $0) }),
            "description": "Dedicated engine trained on the demo invoice queues.", "agenda_id": "sandbox-invoices",
            "organization": .reference("organizations", context.organizationID),
        ])
        let engineID = engine["id"]?.intValue ?? 1
        for queue in queues {
            guard case .object(var body) = queue, let id = body["id"]?.intValue else { continue }
            body["engine"] = .reference("engines", engineID)
            try ObjectStore.replace(db, "queues", id: id, .object(body))
        }
        try seedEngineFields(db, engineID: engineID)
        for template in hookTemplates { try ObjectStore.insert(db, "hook_templates", template) }
        if let firstQueue = queues.first?["id"]?.intValue {
            try ObjectStore.insert(db, "rules", [
                "name": "Remind to check totals", "enabled": true,
                "organization": .reference("organizations", context.organizationID),
                "queues": [.reference("queues", firstQueue)], "trigger_condition": "True", "rule_template": nil,
                "synchronized_from_template": false, "description": "Shows a reminder when an invoice is confirmed.",
                "actions": [[
                    "id": "remind-totals", "type": "show_message", "event": "annotation_confirmed", "enabled": true,
                    "payload": ["type": "info", "content": "Totals were checked against the line items.", "schema_id": "amount_total"],
                ]],
                "created_by": .reference("users", context.userID), "created_at": .string(DemoClock.timestamp(daysAgo: 30)),
                "modified_by": nil, "modified_at": nil,
            ])
        }
    }

    static func seedEngineFields(_ db: Database, engineID: Int) throws {
        let header = InvoiceSchema.headerSections.flatMap(\.fields).map { ($0, false) }
        let lines = InvoiceSchema.lineItemFields.map { ($0, true) }
        for (field, tabular) in header + lines {
            try ObjectStore.insert(db, "engine_fields", [
                "engine": .reference("engines", engineID), "name": .string(field.id), "label": .string(field.label),
                "tabular": .bool(tabular), "type": .string(field.type), "subtype": nil,
                "pre_trained_field_id": .string(field.id), "multiline": "false",
            ])
        }
    }

    static let hookTemplates: [[String: JSONValue]] = [
        template("Duplicate handling", order: 1, events: ["annotation_content.initialize"],
                 description: "Marks annotations whose document was already uploaded."),
        template("Data matching", order: 2, events: ["annotation_content.initialize", "annotation_content.updated"],
                 description: "Matches extracted values against master data."),
        template("Copy & paste values", order: 3, events: ["annotation_content.updated"],
                 description: "Copies values between fields when a condition holds."),
        template("Export to SFTP", order: 4, events: ["annotation_status.changed"],
                 description: "Uploads exported documents to an SFTP server.", installAction: "request_access"),
    ]

    static func template(
        _ name: String, order: Int, events: [String], description: String, installAction: String = "copy"
    ) -> [String: JSONValue] {
        [
            "name": .string(name), "type": "function", "events": .array(events.map(JSONValue.string)), "sideload": [],
            "metadata": [:], "config": ["runtime": "python3.12"], "test": [:], "description": .string(description),
            "extension_source": "rossum_store", "settings": [:], "settings_schema": nil, "secrets_schema": nil,
            "guide": nil, "read_more_url": nil, "extension_image_url": nil, "settings_description": [],
            "store_description": .string(description), "external_url": nil, "use_token_owner": true,
            "install_action": .string(installAction), "token_lifetime_s": nil, "order": .int(order),
        ]
    }
}
