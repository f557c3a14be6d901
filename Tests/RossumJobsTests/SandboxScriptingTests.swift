import Foundation
import RossumJobs
import RossumKit
import RossumSandbox
import Testing

@Suite struct SandboxScriptingTests {
    func objects(_ lines: [String]) throws -> [[String: Any]] {
        try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func annotationsListAndPostponeAsAScriptWould() async throws {
        try await SandboxHarness.with { harness in
            let queues = try await harness.client().queues.list().collect()
            let queue = try #require(queues.first)
            let (listing, listed) = harness.context()
            try await ScriptingCommands.listAnnotations(queueID: queue.id, statuses: ["to_review"], json: true, limit: 3, context: listing)
            let rows = try objects(listed.outLines)
            #expect(rows.count == 3)
            #expect(rows.allSatisfy { $0["status"] as? String == "to_review" && $0["queue_id"] as? Int == queue.id })
            let ids = rows.compactMap { $0["id"] as? Int }

            // Without a terminal and without --yes nothing changes.
            let (refusing, _) = harness.context()
            #expect(await failure { try await ScriptingCommands.act(.postpone, ids: ids, yes: false, json: true, context: refusing) }?.status == .usage)

            let (acting, acted) = harness.context()
            try await ScriptingCommands.act(.postpone, ids: ids, yes: true, json: true, context: acting)
            #expect(try objects(acted.outLines).map { $0["ok"] as? Bool } == [true, true, true])
            for id in ids {
                #expect(try await harness.client().annotations.retrieve(id).status?.rawValue == "postponed")
            }

            // A table for people: a header and one aligned row per annotation.
            let (human, table) = harness.context()
            try await ScriptingCommands.listAnnotations(queueID: queue.id, statuses: ["postponed"], json: false, limit: nil, context: human)
            #expect(table.outLines.first?.hasPrefix("ID") == true)
            #expect(table.outLines.count >= 4)
        }
    }

    /// The way out the console names when a review it held could not be cancelled on quit.
    @Test func aReviewLeftOpenIsCancelledByIdAndOnlyOnce() async throws {
        try await SandboxHarness.with { harness in
            let client = try harness.client()
            let queue = try #require(try await client.queues.list().collect().first)
            let id = try #require(try await client.annotations.list(filters: ["queue": QueryValue(queue.id), "status": "to_review"]).collect().first?.id)
            _ = try await client.annotations.start(id)
            #expect(try await client.annotations.retrieve(id).status?.rawValue == "reviewing")
            let (context, output) = harness.context()
            try await ScriptingCommands.act(.cancel, ids: [id], yes: true, json: false, context: context)
            #expect(output.outLines == ["\(id)  cancelled (now to_review)"])
            let (again, said) = harness.context()
            try await ScriptingCommands.act(.cancel, ids: [id], yes: true, json: false, context: again)
            #expect(said.outLines == ["\(id)  already to_review, nothing sent"])
        }
    }

    @Test func datasetOperationsCanBeWatchedListedAndDeleted() async throws {
        try await SandboxHarness.with { harness in
            let (context, output) = harness.context()
            let (denied, _) = harness.context()
            #expect(await failure { try await MDHCommands.delete(dataset: "suppliers", yes: false, wait: false, policy: fastPolicy(), context: denied) }?.status == .usage)
            try await MDHCommands.delete(dataset: "suppliers", yes: true, wait: true, policy: fastPolicy(), context: context)
            #expect(output.outLines.last?.hasSuffix("is finished") == true)
            #expect(try await harness.client().masterDataHub.datasets().contains { $0.name == "suppliers" } == false)

            let (listing, listed) = harness.context()
            try await MDHCommands.operations(json: true, limit: 10, context: listing)
            let operations = try objects(listed.outLines)
            #expect(operations.contains { $0["dataset"] as? String == "suppliers" && $0["status"] as? String == "finished" })
            let id = try #require(operations.first?["id"] as? String)
            let (showing, shown) = harness.context()
            try await MDHCommands.operation(id: id, watch: false, pollEvery: .milliseconds(20), timeout: .seconds(5), json: true, context: showing)
            #expect(try objects(shown.outLines).first?["id"] as? String == id)
        }
    }
}
