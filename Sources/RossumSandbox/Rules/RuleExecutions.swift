import Foundation
import GRDB

/// Runs a queue's enabled rules when an annotation reaches a rule event and writes one
/// `rules_execution_logs` entry per rule run, which `GET rules_execution_logs` then serves.
///
/// Trigger conditions are TxScript (Python) in Rossum. The sandbox evaluates only the constant
/// conditions (`True`, `False`, empty = true); any other condition is logged as a `failure`
/// saying so, rather than guessed. Matching actions are listed in the log; the sandbox does not
/// carry them out (messages, blockers and emails belong to other families).
enum RuleExecutions {
    /// The rule events an annotation in `status` has just reached after a confirm or approve.
    static func events(afterConfirmInto status: String) -> [String] {
        switch status {
        case "confirmed": return ["annotation_confirmed"]
        case "exporting", "exported": return ["annotation_confirmed", "annotation_exported"]
        default: return []
        }
    }

    static func run(_ events: [String], for annotation: AnnotationRecord, db: Database) throws {
        guard !events.isEmpty else { return }
        let rules = try ObjectStore.fetchAll(db, "rules").filter { rule in
            rule["enabled"]?.boolValue == true
                && (rule["queues"]?.arrayValue ?? []).contains { $0.referencedID == annotation.queueID }
        }
        for event in events {
            for rule in rules {
                let actions = (rule["actions"]?.arrayValue ?? []).filter {
                    $0["event"]?.stringValue == event && $0["enabled"]?.boolValue != false
                }
                guard !actions.isEmpty else { continue }
                try ObjectStore.insert(db, "rules_execution_logs", entry(rule: rule, actions: actions, event: event, annotation: annotation))
            }
        }
    }

    static func entry(rule: JSONValue, actions: [JSONValue], event: String, annotation: AnnotationRecord) -> [String: JSONValue] {
        let condition = rule["trigger_condition"]?.stringValue ?? "True"
        let normalized = condition.trimmingCharacters(in: .whitespacesAndNewlines)
        var body: [String: JSONValue] = [
            "rule_id": rule["id"] ?? 0, "rule_name": rule["name"] ?? "", "queue_id": .int(annotation.queueID),
            "annotation_id": .int(annotation.id), "request_id": .string(UUID().uuidString.lowercased()),
            "created_at": .string(DemoClock.now()), "trigger_event": .string(event), "trigger_condition": .string(condition),
            "trigger_condition_values": [], "execution_error": nil,
        ]
        switch normalized {
        case "", "True", "true":
            body["execution_result"] = "success"
            body["trigger_condition_results"] = [true]
            body["actions"] = [.array(actions.map { ["id": $0["id"] ?? nil, "type": $0["type"] ?? nil, "result": "matched"] })]
        case "False", "false":
            body["execution_result"] = "success"
            body["trigger_condition_results"] = [false]
            body["actions"] = [nil]
        default:
            body["execution_result"] = "failure"
            body["trigger_condition_results"] = nil
            body["actions"] = nil
            body["execution_error"] = "The sandbox evaluates only constant trigger conditions (True, False)."
        }
        return body
    }
}
