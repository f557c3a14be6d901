import Foundation
import GRDB

/// Running a hook on demand: `hooks/{id}/test` on a payload the caller supplies (nothing is
/// applied or logged), and `hooks/{id}/invoke` with the `invocation.manual` event (a real run,
/// logged). The hook behaves as it does when events dispatch it (`DemoExtension`).
enum HookCalls {
    static func test(_ db: Database, hook: JSONValue, body: [String: JSONValue]) throws -> JSONValue {
        guard let payload = body["payload"], payload.objectValue != nil else {
            throw SandboxHTTPError.fieldErrors(["payload": "This field is required."])
        }
        if let config = body["config"] {
            guard config.objectValue != nil else { throw SandboxHTTPError.fieldErrors(["config": "Expected a dictionary of items."]) }
            if hook["type"]?.stringValue == "function", config["runtime"] == nil {
                throw SandboxHTTPError.fieldErrors(["config": "A function's config must include \"runtime\"."])
            }
        }
        let (event, action) = try HookPayload.validate(event: payload["event"]?.stringValue, action: payload["action"]?.stringValue)
        let outcome: HookOutcome
        let annotationID = payload["annotation"]?["id"]?.intValue ?? payload["annotation"]?["url"]?.referencedID
        if let annotationID, let annotation = try AnnotationRecord.fetch(db, id: annotationID) {
            // The payload's content is what the hook reads; without it, the stored one.
            let given = payload["annotation"]?["content"]?.arrayValue
            let content = try given ?? (DemoExtension(hook)?.readsContent == true ? AnnotationContent.load(db, annotation) : [])
            let call = DemoExtension.Call(
                hookID: hook["id"]?.intValue ?? 0, event: event, action: action, annotation: annotation, content: content, attempt: 1)
            outcome = try DemoExtension.outcome(of: hook, call, db: db)
        } else {
            outcome = DemoExtension.outcomeWithoutAnnotation(of: hook)
        }
        return ["response": try reply(of: outcome)]
    }

    /// Hooks that can be invoked: those subscribed to an `invocation` event.
    static func isInvocable(_ hook: JSONValue) -> Bool {
        (hook["events"]?.arrayValue ?? []).compactMap(\.stringValue).contains { $0 == "invocation" || $0.hasPrefix("invocation.") }
    }

    static func invoke(
        _ db: Database, hook: JSONValue, body: [String: JSONValue], caller: HookPayload.Caller, organizationID: Int, now: Date = Date()
    ) throws -> JSONValue {
        guard isInvocable(hook) else {
            throw SandboxHTTPError.badRequest("The hook is not subscribed to the invocation.manual event.")
        }
        let requestID = UUID().uuidString.lowercased()
        var payload = HookPayload.envelope(hook: hook, event: "invocation", action: "manual", caller: caller, requestID: requestID, now: now)
        for (key, value) in body { payload[key] = value }
        let outcome = DemoExtension.outcomeWithoutAnnotation(of: hook)
        // The log keeps what was sent, but never the token.
        payload["rossum_authorization_token"] = nil
        try HookLogStore.insert(
            db, hook: hook, annotation: nil, organizationID: organizationID, event: "invocation", action: "manual",
            requestID: requestID, payload: .object(payload), outcome: outcome, triggeredAt: now, start: now)
        return try reply(of: outcome)
    }

    /// The hook's JSON reply; a failed run or a reply that is not JSON is a 400 that says why.
    static func reply(of outcome: HookOutcome) throws -> JSONValue {
        if outcome.failed {
            let answer = outcome.statusCode.map { "answered HTTP \($0)" } ?? "did not answer"
            throw SandboxHTTPError.badRequest("The hook \(answer): \(outcome.logMessage)")
        }
        guard let response = outcome.response else { throw SandboxHTTPError.badRequest("The hook's reply is not JSON.") }
        return response
    }
}
