/// What a client may write to a free-form resource, so bad input gets a 400 that names the
/// field instead of being stored: wrong types and unknown fields are refused, read-only fields
/// a client echoes back (from a previous GET) are ignored.
enum FieldType: Sendable {
    case string, nullableString, int, bool, number, object, array, any
    case choice([String])
    case reference(String), nullableReference(String), references(String)
    /// A list of objects that must each carry these keys (e.g. a rule's actions).
    case objects(required: [String])
}

struct ResourceSpec: Sendable {
    let kind: String
    let fields: [String: FieldType]
    let required: [String]
    let defaults: [String: JSONValue]
    /// Fields served but not writable (computed or managed by the sandbox).
    let readOnly: Set<String>
    let writable: Bool
    let deletable: Bool

    init(
        _ kind: String, fields: [String: FieldType], required: [String] = [], defaults: [String: JSONValue] = [:],
        readOnly: Set<String> = [], writable: Bool = true, deletable: Bool = true
    ) {
        self.kind = kind
        self.fields = fields
        self.required = required
        self.defaults = defaults
        self.readOnly = readOnly.union(["id", "url"])
        self.writable = writable
        self.deletable = deletable
    }

    /// Validates `input`; with `creating`, required fields must be present and defaults fill the rest.
    func validated(_ input: [String: JSONValue], creating: Bool) throws -> [String: JSONValue] {
        var errors: [String: String] = [:]
        var output: [String: JSONValue] = creating ? defaults : [:]
        for (key, value) in input {
            if readOnly.contains(key) { continue }
            guard let type = fields[key] else {
                errors[key] = "Unknown field."
                continue
            }
            if let problem = Self.problem(with: value, as: type) { errors[key] = problem } else { output[key] = value }
        }
        if creating {
            for key in required where input[key] == nil || input[key] == .null { errors[key] = "This field is required." }
        }
        if !errors.isEmpty { throw SandboxHTTPError.fieldErrors(errors) }
        return output
    }

    static func problem(with value: JSONValue, as type: FieldType) -> String? {
        switch (type, value) {
        case (.any, _): return nil
        case (.string, .string), (.nullableString, .string), (.nullableString, .null): return nil
        case (.int, .int), (.bool, .bool), (.number, .int), (.number, .double): return nil
        case (.object, .object), (.array, .array): return nil
        case (.objects(let keys), .array(let items)):
            for item in items {
                guard case .object(let fields) = item else { return "Expected a list of objects." }
                if let missing = keys.first(where: { fields[$0] == nil }) { return "Each item needs \"\(missing)\"." }
            }
            return nil
        case (.choice(let options), .string(let s)):
            return options.contains(s) ? nil : "\"\(s)\" is not a valid choice."
        case (.reference, .null): return "This field may not be null."
        case (.nullableReference, .null): return nil
        case (.reference, let v), (.nullableReference, let v):
            return v.referencedID == nil ? "Invalid hyperlink - No URL match." : nil
        case (.references, .array(let items)):
            return items.allSatisfy({ $0.referencedID != nil }) ? nil : "Invalid hyperlink - No URL match."
        case (.string, _), (.nullableString, _): return "Not a valid string."
        case (.int, _): return "A valid integer is required."
        case (.number, _): return "A valid number is required."
        case (.bool, _): return "Must be a valid boolean."
        case (.object, _): return "Expected a dictionary of items."
        case (.array, _), (.references, _), (.objects, _): return "Expected a list of items."
        case (.choice, _): return "Not a valid choice."
        }
    }

    /// References are stored as `@api/<kind>/<id>` whatever form (id, URL) the client used.
    func canonical(_ body: [String: JSONValue]) -> [String: JSONValue] {
        var result = body
        for (key, value) in body {
            switch fields[key] {
            case .reference(let kind), .nullableReference(let kind):
                if let id = value.referencedID { result[key] = .reference(kind, id) }
            case .references(let kind):
                result[key] = .array((value.arrayValue ?? []).compactMap { $0.referencedID.map { .reference(kind, $0) } })
            default: break
            }
        }
        return result
    }
}

/// The free-form resources the sandbox serves.
enum ResourceSpecs {
    static let workspaces = ResourceSpec(
        "workspaces",
        fields: ["name": .string, "organization": .reference("organizations"), "metadata": .object, "autopilot": .bool],
        required: ["name"], defaults: ["metadata": [:], "autopilot": false], readOnly: ["queues"])

    static let queues = ResourceSpec(
        "queues",
        fields: [
            "name": .string, "workspace": .reference("workspaces"), "schema": .reference("schemas"),
            "connector": .nullableReference("connectors"), "inbox": .nullableReference("inboxes"),
            "webhooks": .references("hooks"), "hooks": .references("hooks"), "users": .references("users"),
            "session_timeout": .string, "rir_url": .nullableString, "rir_params": .nullableString,
            "automation_enabled": .bool, "automation_level": .choice(["always", "confident", "never"]),
            "default_score_threshold": .number, "locale": .string, "metadata": .object, "settings": .object,
            "use_confirmed_state": .bool, "document_lifetime": .nullableString, "delete_after": .nullableString,
            "dedicated_engine": .any, "generic_engine": .any, "engine": .nullableReference("engines"), "training_enabled": .bool,
            "status": .choice(["active", "deletion_requested", "deletion_in_progress", "deletion_failed"]),
        ],
        required: ["name", "workspace", "schema"],
        defaults: [
            "connector": nil, "inbox": nil, "webhooks": [], "hooks": [], "users": [], "session_timeout": "01:00:00",
            "rir_url": "https://all.rir.rossum.ai", "rir_params": nil, "automation_enabled": false,
            "automation_level": "never", "default_score_threshold": 0.8, "locale": "en_GB", "metadata": [:],
            "settings": [:], "use_confirmed_state": false, "document_lifetime": nil, "delete_after": nil,
            "dedicated_engine": nil, "generic_engine": nil, "engine": nil, "training_enabled": true, "status": "active",
        ],
        readOnly: ["counts", "modified_at", "modified_by", "workflows"])

    static let schemas = ResourceSpec(
        "schemas", fields: ["name": .string, "content": .array, "metadata": .object],
        required: ["name", "content"], defaults: ["metadata": [:]], readOnly: ["queues", "modified_by", "modified_at"])

    static let users = ResourceSpec(
        "users",
        fields: [
            "username": .string, "email": .string, "first_name": .string, "last_name": .string,
            "organization": .reference("organizations"), "is_active": .bool, "groups": .references("groups"),
            "queues": .references("queues"), "ui_settings": .object, "metadata": .object, "password": .nullableString,
            "auth_type": .choice(["password", "sso"]), "oidc_id": .nullableString,
        ],
        required: ["username"],
        defaults: [
            "email": "", "first_name": "", "last_name": "", "is_active": true, "groups": [], "queues": [],
            "ui_settings": [:], "metadata": [:], "auth_type": "password", "oidc_id": nil, "email_verified": false,
            "deleted": false, "last_login": nil,
        ],
        readOnly: ["date_joined", "last_login", "email_verified", "deleted"], deletable: false)

    static let groups = ResourceSpec("groups", fields: ["name": .string], writable: false, deletable: false)
    static let organizations = ResourceSpec(
        "organizations", fields: ["name": .string, "metadata": .object, "ui_settings": .object],
        readOnly: ["workspaces", "users", "organization_group", "is_trial", "created_at", "trial_expires_at", "expires_at", "oidc_provider"],
        deletable: false)

    static let hooks = ResourceSpec(
        "hooks",
        fields: [
            "name": .string, "type": .choice(["webhook", "function", "job"]), "queues": .references("queues"),
            "events": .array, "config": .object, "active": .bool, "sideload": .array, "metadata": .object,
            "settings": .object, "settings_schema": .any, "secrets": .object, "run_after": .references("hooks"),
            "token_owner": .nullableReference("users"), "token_lifetime_s": .any,
            "extension_source": .choice(["custom", "rossum_store"]), "description": .nullableString, "test": .object,
            "guide": .nullableString, "read_more_url": .nullableString, "extension_image_url": .nullableString,
        ],
        required: ["name", "config", "events"],
        defaults: [
            "type": "webhook", "queues": [], "active": true, "sideload": [], "metadata": [:], "settings": [:],
            "settings_schema": nil, "secrets": [:], "run_after": [], "token_owner": nil, "token_lifetime_s": nil,
            "extension_source": "custom", "description": nil, "test": [:], "guide": nil, "read_more_url": nil,
            "extension_image_url": nil,
        ])

    static let connectors = ResourceSpec(
        "connectors",
        fields: [
            "name": .string, "service_url": .string, "queues": .references("queues"), "params": .nullableString,
            "authorization_token": .nullableString, "asynchronous": .bool, "metadata": .object,
            "client_ssl_certificate": .nullableString, "client_ssl_key": .nullableString,
            "authorization_type": .choice(["secret_key", "Basic"]),
        ],
        required: ["name", "service_url"],
        defaults: [
            "queues": [], "params": nil, "authorization_token": nil, "asynchronous": true, "metadata": [:],
            "client_ssl_certificate": nil, "client_ssl_key": nil, "authorization_type": "secret_key",
        ])

    static let inboxes = ResourceSpec(
        "inboxes",
        fields: [
            "name": .string, "queues": .references("queues"), "email": .string, "email_prefix": .nullableString,
            "bounce_email_to": .nullableString, "bounce_unprocessable_attachments": .bool,
            "bounce_postponed_annotations": .bool, "bounce_deleted_annotations": .bool,
            "bounce_email_with_no_attachments": .bool, "metadata": .object, "filters": .object,
            "dmarc_check_action": .choice(["accept", "drop"]),
        ],
        required: ["name"],
        defaults: [
            "queues": [], "email_prefix": nil, "bounce_email_to": nil, "bounce_unprocessable_attachments": false,
            "bounce_postponed_annotations": false, "bounce_deleted_annotations": false,
            "bounce_email_with_no_attachments": true, "metadata": [:], "filters": [:], "dmarc_check_action": "accept",
        ])

    static let emailTemplates = ResourceSpec(
        "email_templates",
        fields: [
            "name": .string, "queue": .reference("queues"), "organization": .reference("organizations"),
            "subject": .string, "message": .string,
            "type": .choice(["rejection", "rejection_default", "email_with_no_processable_attachments", "custom"]),
            "enabled": .bool, "automate": .bool, "triggers": .array, "to": .array, "cc": .array, "bcc": .array,
        ],
        required: ["name", "queue"],
        defaults: [
            "subject": "", "message": "", "type": "custom", "enabled": true, "automate": false, "triggers": [],
            "to": [], "cc": [], "bcc": [],
        ])

    static let relations = ResourceSpec(
        "relations",
        fields: [
            "type": .choice(["edit", "attachment", "duplicate"]), "parent": .nullableReference("annotations"),
            "key": .nullableString, "annotations": .references("annotations"),
        ],
        required: ["type", "annotations"], defaults: ["parent": nil, "key": nil])

    static let documentRelations = ResourceSpec(
        "document_relations",
        fields: [
            "type": .choice(["export", "einvoice"]), "annotation": .reference("annotations"), "key": .nullableString,
            "documents": .references("documents"),
        ],
        required: ["type", "annotation", "documents"], defaults: ["key": nil])

    static let uploads = ResourceSpec("uploads", fields: [:], writable: false, deletable: false)
    static let organizationGroups = ResourceSpec("organization_groups", fields: [:], writable: false, deletable: false)

    /// Served by the generic routes (annotations, documents and tasks have their own).
    static let all: [ResourceSpec] = [
        workspaces, queues, schemas, users, groups, organizations, hooks, connectors, inboxes, emailTemplates,
        relations, documentRelations, uploads, organizationGroups, rules, engines, engineFields, hookTemplates,
    ]
}
