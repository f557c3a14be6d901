import Foundation
import RossumKit

/// A logged hook run played again: the payload the hook would get now for the same annotation
/// and event (`generate_payload`), sent through `hooks/{id}/test` (the API applies nothing),
/// and the new answer set beside the logged one, so a person sees whether a fix worked
/// without asking a user to touch the document.
public struct HookReplayRequest: DataRequest, Hashable {
    public var entry: HookLogEntry
    public var hookName: String

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> String {
        guard let hookID = entry.hookID, let event = entry.eventName, let action = entry.actionName else {
            throw ConsoleFailure(kind: .badInput, message: "this run names no hook or event to replay")
        }
        let client = services.client
        let objects: JSONObject = entry.annotationID.map { ["annotation": .string(client.url("annotations/\($0)"))] } ?? [:]
        let (entry, name) = (self.entry, hookName)
        return try await services.attempt {
            let payload = try await client.hooks.generatePayload(hookID, event: event, action: action, objects: objects)
            do {
                let reply = try await client.hooks.test(hookID, payload: payload)
                return HookReplayReport.text(hook: name, entry: entry, replayed: .answered(reply))
            } catch let error as RossumError {
                // The test endpoint says a hook that failed with a 400 naming why: that is the
                // replay's result (still failing), not a failure to replay.
                guard case .http(400, _, _, let detail) = error else { throw error }
                return HookReplayReport.text(hook: name, entry: entry, replayed: .failed(detail))
            }
        }
    }
}

/// The replay's report: what changed in the messages and operations, then both answers whole.
enum HookReplayReport {
    /// How the hook took the replay: its JSON answer, or the API's word that it failed.
    enum Outcome: Sendable {
        case answered(JSONValue)
        case failed(String)
    }

    static func text(hook: String, entry: HookLogEntry, replayed outcome: Outcome) -> String {
        let target = entry.annotationID.map { " on #\($0)" } ?? ""
        var lines = ["Replay of \(hook)\(target) (\(entry.event)) through hooks/{id}/test: the API applied nothing.", ""]
        let failedThen = entry.failed
        switch outcome {
        case .failed(let detail):
            lines.append(failedThen ? "Still failing: \(detail)" : "Fails now, though the logged run succeeded: \(detail)")
            lines += ["", "Logged answer (\(entry.status)\(entry.statusCode.map { " \($0)" } ?? ""))"]
            lines += (entry.response.map(Shape.prettyJSON) ?? "none logged").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return lines.joined(separator: "\n")
        case .answered(let replayed):
            if failedThen { lines += ["Fixed: the hook answers now; the logged run failed.", ""] }
            return answered(replayed, entry: entry, into: lines)
        }
    }

    static func answered(_ replayed: JSONValue, entry: HookLogEntry, into start: [String]) -> String {
        var lines = start
        let logged = messages(entry.response), now = messages(replayed)
        lines.append("Messages")
        if logged.isEmpty && now.isEmpty { lines.append("  none, then and now") }
        for message in logged where now.contains(message) { lines.append("  same        " + message) }
        for message in logged where !now.contains(message) { lines.append("  gone now    " + message) }
        for message in now where !logged.contains(message) { lines.append("  new now     " + message) }
        let (was, is_) = (entry.response?["operations"]?.arrayValue ?? [], replayed["operations"]?.arrayValue ?? [])
        lines.append("")
        lines.append("Operations   logged \(was.count), now \(is_.count)" + (was == is_ ? " (the same)" : " (different)"))
        lines.append("")
        lines.append("Logged answer (\(entry.status)\(entry.statusCode.map { " \($0)" } ?? ""))")
        lines += (entry.response.map(Shape.prettyJSON) ?? "none logged").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.append("")
        lines.append("Answer now")
        lines += Shape.prettyJSON(replayed).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return lines.joined(separator: "\n")
    }

    /// `[warning] text` per message of an answer.
    static func messages(_ response: JSONValue?) -> [String] {
        (response?["messages"]?.arrayValue ?? []).map { message in
            "[\(message["type"]?.stringValue ?? "info")] " + (message["content"]?.stringValue ?? "")
        }
    }
}
