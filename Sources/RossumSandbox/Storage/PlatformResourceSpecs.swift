/// The resources around extraction and automation that the Python SDK reads and writes:
/// rules, engines with their fields, and the extension store's hook templates.
extension ResourceSpecs {
    static let rules = ResourceSpec(
        "rules",
        fields: [
            "name": .string, "enabled": .bool, "organization": .reference("organizations"), "queues": .references("queues"),
            "trigger_condition": .string, "rule_template": .nullableString, "synchronized_from_template": .bool,
            // The SDK's `Rule.from_dict` needs every action to carry these four keys.
            "actions": .objects(required: ["id", "type", "payload", "event"]), "description": .string,
        ],
        required: ["name"],
        defaults: [
            "enabled": true, "queues": [], "trigger_condition": "True", "rule_template": nil,
            "synchronized_from_template": false, "actions": [], "description": "", "created_by": nil, "created_at": nil,
            "modified_by": nil, "modified_at": nil,
        ],
        readOnly: ["created_by", "created_at", "modified_by", "modified_at"])

    static let engines = ResourceSpec(
        "engines",
        fields: [
            "name": .string, "type": .choice(["extractor", "splitter"]), "learning_enabled": .bool,
            "training_queues": .references("queues"), "description": .string, "agenda_id": .string,
            "organization": .reference("organizations"),
        ],
        required: ["name"],
        defaults: ["type": "extractor", "learning_enabled": true, "training_queues": [], "description": "", "agenda_id": ""])

    static let engineFields = ResourceSpec(
        "engine_fields",
        fields: [
            "engine": .reference("engines"), "name": .string, "tabular": .bool, "label": .string,
            "type": .choice(["string", "number", "date", "enum"]), "subtype": .nullableString,
            "pre_trained_field_id": .nullableString, "multiline": .choice(["true", "false", ""]),
        ],
        required: ["engine", "name"],
        defaults: ["tabular": false, "label": "", "type": "string", "subtype": nil, "pre_trained_field_id": nil, "multiline": "false"])

    /// The store's templates are Rossum's own: clients read them and install hooks from them.
    static let hookTemplates = ResourceSpec("hook_templates", fields: [:], writable: false, deletable: false)
}
