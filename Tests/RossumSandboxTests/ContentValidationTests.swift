import Foundation
import Testing

/// `content/validate` and the editing lock: messages point at datapoints, content is edited
/// only within one's own review.
@Suite struct ContentValidationTests {
    func flatten(_ nodes: [[String: Any]]) -> [[String: Any]] {
        nodes.flatMap { [$0] + flatten($0["children"] as? [[String: Any]] ?? []) }
    }

    func datapoints(_ sandbox: SandboxHarness, _ id: Int) async throws -> [[String: Any]] {
        flatten(try #require(try await sandbox.get("annotations/\(id)/content").object["content"] as? [[String: Any]]))
    }

    func value(_ node: [String: Any]?) -> String? { (node?["content"] as? [String: Any])?["value"] as? String }

    func replace(_ id: Any, _ value: String) -> [String: Any] {
        ["op": "replace", "id": id, "value": ["content": ["value": value], "validation_sources": ["human"]]]
    }

    /// Messages other than the `aggregation` sums.
    func problems(_ sandbox: SandboxHarness, _ id: Int) async throws -> [[String: Any]] {
        let answer = try await sandbox.post("annotations/\(id)/content/validate", json: ["actions": ["user_update"]])
        #expect(answer.status == 200)
        #expect(answer.object["updated_datapoints"] as? [Any] != nil && answer.object["suggested_operations"] as? [Any] != nil)
        return (answer.object["messages"] as? [[String: Any]] ?? []).filter { $0["type"] as? String != "aggregation" }
    }

    @Test func validateReportsRequiredFormatsAndSums() async throws {
        try await SandboxHarness.with { sandbox in
            let id = try #require(try await sandbox.results("annotations?status=to_review").first?["id"] as? Int)
            #expect(try await problems(sandbox, id).isEmpty)
            let nodes = try await datapoints(sandbox, id)
            func node(_ schemaID: String) throws -> [String: Any] { try #require(nodes.first { $0["schema_id"] as? String == schemaID }) }
            let total = try node("amount_total"), issue = try node("date_issue"), base = try node("amount_total_base")
            let table = try node("line_items")
            let sum = try #require(try await sandbox.post("annotations/\(id)/content/validate").object["messages"] as? [[String: Any]])
                .first { $0["type"] as? String == "aggregation" }
            #expect(sum?["id"] as? Int == table["id"] as? Int && sum?["schema_id"] as? String == "item_amount_total")
            #expect(Double(sum?["content"] as? String ?? "") == Double(value(base) ?? ""))

            #expect(try await sandbox.post("annotations/\(id)/start").status == 200)
            let baseValue = try #require(Double(value(base) ?? ""))
            let edit = try await sandbox.post("annotations/\(id)/content/operations", json: ["operations": [
                replace(total["id"]!, " "), replace(issue["id"]!, "31.02.2025"), replace(base["id"]!, String(format: "%.2f", baseValue + 10)),
            ]])
            #expect(edit.status == 200)
            let messages = try await problems(sandbox, id)
            func at(_ node: [String: Any]) -> [String: Any]? { messages.first { $0["id"] as? Int == node["id"] as? Int } }
            #expect(at(total)?["type"] as? String == "error" && (at(total)?["content"] as? String)?.contains("required") == true)
            #expect(at(issue)?["type"] as? String == "error" && (at(issue)?["content"] as? String)?.contains("not a date") == true)
            #expect(at(base)?["type"] as? String == "warning" && (at(base)?["content"] as? String)?.contains("Line items add up to") == true)

            // A new row with the missing 10.00 makes the sums agree; numbers may be typed the European way.
            let fixed = try await sandbox.post("annotations/\(id)/content/operations", json: ["operations": [
                ["op": "add", "id": table["id"]!, "value": [["schema_id": "item_description", "content": ["value": "Freight"]],
                                                            ["schema_id": "item_amount_total", "content": ["value": "10,00"]]]],
                replace(total["id"]!, "1 234,50"), replace(issue["id"]!, "2025-02-28"),
            ]])
            #expect(fixed.status == 200)
            #expect(try await problems(sandbox, id).isEmpty)
            #expect(try await sandbox.post("annotations/999999/content/validate").status == 404)
            #expect(try await sandbox.post("annotations/\(id)/content/validate", json: ["updated_datapoint_ids": "x"]).status == 400)
        }
    }

    @Test func contentIsEditedOnlyWithinOnesOwnReview() async throws {
        try await SandboxHarness.with { sandbox in
            let jana = try await sandbox.loggedIn(as: "jana.novakova@rossum.local")
            let id = try #require(try await sandbox.results("annotations?status=to_review&queue=1").first?["id"] as? Int)
            let vendor = try #require(try await datapoints(sandbox, id).first { $0["schema_id"] as? String == "sender_name" })
            let operations = ["operations": [replace(vendor["id"]!, "Edited")]]

            let unstarted = try await sandbox.post("annotations/\(id)/content/operations", json: operations)
            #expect(unstarted.status == 409)
            #expect(unstarted.detail?.contains("start") == true)

            #expect(try await jana.post("annotations/\(id)/start").status == 200)
            let locked = try await sandbox.post("annotations/\(id)/content/operations", json: operations)
            #expect(locked.status == 409)
            #expect(locked.detail?.contains("another user") == true)
            #expect(try await sandbox.post("annotations/\(id)/content/validate").status == 409)
            #expect(try await jana.post("annotations/\(id)/content/validate").status == 200)
            #expect(try await jana.post("annotations/\(id)/content/operations", json: operations).status == 200)
            #expect(try await jana.post("annotations/\(id)/cancel").status == 204)

            #expect(try await sandbox.post("annotations/\(id)/start").status == 200)
            #expect(try await sandbox.post("annotations/\(id)/content/operations", json: ["operations": [replace(vendor["id"]!, "Mine")]]).status == 200)
            #expect(try await sandbox.post("annotations/\(id)/cancel").status == 204)
            #expect(try await sandbox.post("annotations/\(id)/content/operations", json: operations).status == 409)
            #expect(value(try await datapoints(sandbox, id).first { $0["id"] as? Int == vendor["id"] as? Int }) == "Mine")
        }
    }
}
