import Foundation
import GRDB

/// The payload a hook receives, as `hooks/{id}/generate_payload` shows it and `hooks/{id}/invoke`
/// sends it: the run's envelope (request id, time, base URL, the caller's token, the hook, its
/// settings and redacted secrets, event and action) plus the event's data.
enum HookPayload {
    /// The event and action pairs hooks can subscribe to.
    static let actions: [String: Set<String>] = [
        "annotation_status": ["changed"],
        "annotation_content": ["initialize", "started", "user_update", "updated", "confirm", "export"],
        "upload": ["created"], "email": ["received"], "invocation": ["scheduled", "manual", "interface"],
    ]

    static func validate(event: String?, action: String?) throws -> (event: String, action: String) {
        guard let event, let action, actions[event]?.contains(action) == true else {
            throw SandboxHTTPError.badRequest("Unsupported event and action: \"\(event ?? "")\".\"\(action ?? "")\".")
        }
        return (event, action)
    }

    struct Caller: Sendable {
        var token: String
        var baseURL: String
    }

    static func envelope(hook: JSONValue, event: String, action: String, caller: Caller, requestID: String, now: Date) -> [String: JSONValue] {
        // Secrets are never shown, only that they exist.
        let secrets = (hook["secrets"]?.objectValue ?? [:]).mapValues { _ in JSONValue.string("[redacted...]") }
        return [
            "request_id": .string(requestID), "timestamp": .string(DemoClock.timestamp(now)), "base_url": .string(caller.baseURL),
            "rossum_authorization_token": .string(caller.token), "hook": .reference("hooks", hook["id"]?.intValue ?? 0),
            "settings": hook["settings"] ?? [:], "secrets": .object(secrets), "event": .string(event), "action": .string(action),
        ]
    }

    /// `generate_payload`: the envelope and the event's objects, read from the store. Annotation
    /// events carry the annotation (with its content for `annotation_content`) and its document.
    static func generate(_ db: Database, hook: JSONValue, request body: [String: JSONValue], caller: Caller, now: Date = Date()) throws -> JSONValue {
        let (event, action) = try validate(event: body["event"]?.stringValue, action: body["action"]?.stringValue)
        let requestID = UUID().uuidString.lowercased()
        var payload = envelope(hook: hook, event: event, action: action, caller: caller, requestID: requestID, now: now)
        switch event {
        case "annotation_status", "annotation_content":
            guard let id = body["annotation"]?.referencedID, let record = try AnnotationRecord.fetch(db, id: id) else {
                throw SandboxHTTPError.fieldErrors(["annotation": "An existing annotation is required for \(event) events."])
            }
            let previous = body["previous_status"]?.stringValue ?? record.previousStatus
            var annotation = record.json
            if let status = body["status"]?.stringValue { annotation["status"] = .string(status) }
            annotation["previous_status"] = previous.map(JSONValue.string) ?? .null
            if event == "annotation_content" { annotation["content"] = .array(try AnnotationContent.load(db, record)) }
            payload["annotation"] = annotation
            payload["document"] = try DocumentRecord.fetch(db, ids: [record.documentID]).first?.json ?? .null
        case "email":
            guard let id = body["email"]?.referencedID, let email = try EmailStore.served(db, id: id) else {
                throw SandboxHTTPError.fieldErrors(["email": "An existing e-mail is required for email events."])
            }
            payload["email"] = email
            payload["documents"] = .array(try DocumentRecord.fetch(db, ids: (email["documents"]?.arrayValue ?? []).compactMap(\.referencedID)).map(\.json))
        case "upload":
            guard let id = body["upload"]?.referencedID, let upload = try ObjectStore.fetch(db, "uploads", id: id) else {
                throw SandboxHTTPError.fieldErrors(["upload": "An existing upload is required for upload events."])
            }
            payload["upload"] = upload
            payload["documents"] = .array(try DocumentRecord.fetch(db, ids: (upload["documents"]?.arrayValue ?? []).compactMap(\.referencedID)).map(\.json))
        default:
            break
        }
        return .object(payload)
    }
}
