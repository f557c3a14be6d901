import Foundation
@testable import RossumJobs
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
            try await ScriptingCommands.listAnnotations(queueID: queue.id, statuses: ["to_review"], options: ListOptions(format: .ndjson, limit: 3), context: listing)
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
            try await ScriptingCommands.listAnnotations(queueID: queue.id, statuses: ["postponed"], options: ListOptions(), context: human)
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

    /// The same annotations in every format, read back: CSV into the NDJSON rows, JSON as one array.
    @Test func annotationListFormatsReadBackAsTheSameRows() async throws {
        try await SandboxHarness.with { harness in
            let queue = try #require(try await harness.client().queues.list().collect().first)
            func list(_ format: OutputFormat, sort: String? = nil, limit: Int? = 8) async throws -> CapturedOutput {
                let (context, output) = harness.context()
                try await ScriptingCommands.listAnnotations(queueID: queue.id, statuses: [], options: ListOptions(format: format, sort: sort.flatMap(ListSort.init), limit: limit),
                                                            context: context)
                return output
            }
            let ndjson = try objects(try await list(.ndjson).outLines)
            #expect(ndjson.count == 8)
            let array = try #require(try JSONSerialization.jsonObject(with: Data(try await list(.json).out.utf8)) as? [[String: Any]])
            #expect(array.map { $0["id"] as? Int } == ndjson.map { $0["id"] as? Int })
            let csv = try CSVReader.rows(try await list(.csv).out, delimiter: ",")
            let header = try #require(csv.first)
            #expect(header == ScriptingCommands.annotationList.keys)
            let fromCSV = csv.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
            let fromNDJSON = ndjson.map { row in Dictionary(uniqueKeysWithValues: header.map { key in (key, row[key].map { "\($0)" } ?? "") }) }
            #expect(Array(fromCSV) == fromNDJSON)

            // The server sorts: --sort id --limit 5 are the five lowest ids of the queue.
            let all = try await harness.client().annotations.list(filters: ["queue": QueryValue(queue.id)]).collect().map(\.id)
            let lowest = try objects(try await list(.ndjson, sort: "id", limit: 5).outLines).compactMap { $0["id"] as? Int }
            #expect(lowest == Array(all.sorted().prefix(5)))
            let newestChange = try objects(try await list(.ndjson, sort: "-modified_at", limit: 3).outLines).compactMap { $0["modified_at"] as? String }
            #expect(newestChange == newestChange.sorted(by: >))
            #expect(await failure { _ = try await list(.table, sort: "colour") }?.status == .usage)
        }
    }

    @Test func queuesAndWorkspacesSortAndLimit() async throws {
        try await SandboxHarness.with { harness in
            let (context, output) = harness.context()
            try await ScriptingCommands.listQueues(workspaceID: nil, options: ListOptions(format: .csv, sort: ListSort("-name"), limit: 3), context: context)
            let names = try CSVReader.rows(output.out, delimiter: ",").dropFirst().map { $0[1] }
            let every = try await harness.client().queues.list().collect().compactMap(\.name)
            #expect(names == Array(every.sorted(by: >).prefix(3)))
            let (listing, listed) = harness.context()
            try await ScriptingCommands.listWorkspaces(options: ListOptions(format: .json, sort: ListSort("name")), context: listing)
            let workspaces = try #require(try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [[String: Any]])
            let workspaceNames = workspaces.compactMap { $0["name"] as? String }
            #expect(workspaceNames.count > 1 && workspaceNames == workspaceNames.sorted())
        }
    }

    /// `annotations reject --note` as a script sends it, checked on the server.
    @Test func rejectSendsTheNote() async throws {
        try await SandboxHarness.with { harness in
            let client = try harness.client()
            let candidates = try await client.annotations.list(filters: ["status": "to_review"]).collect()
            let id = try #require(candidates.first?.id)
            let (refusing, _) = harness.context()
            let refused = await failure { try await ScriptingCommands.act(.reject, ids: [id], yes: false, json: true, note: "x", context: refusing) }
            #expect(refused?.status == .usage)
            let untouched = try await client.annotations.retrieve(id).status?.rawValue
            #expect(untouched == "to_review")

            let (rejecting, rejected) = harness.context()
            try await ScriptingCommands.act(.reject, ids: [id], yes: true, json: true, note: "Not an invoice: a delivery note", context: rejecting)
            let reported = try objects(rejected.outLines)
            #expect(reported.first?["status"] as? String == "rejected")
            let now = try await client.annotations.retrieve(id).status?.rawValue
            #expect(now == "rejected")
            let notes = try await client.notes.list(filters: ["annotation": QueryValue(id)]).collect().compactMap(\.content)
            #expect(notes.contains("Not an invoice: a delivery note"))
        }
    }

    /// `annotations retry-export` as the console's `E`: a failed export goes to export again, once.
    @Test func retryExportSendsAFailedExportAgainOnce() async throws {
        try await SandboxHarness.with { harness in
            let client = try harness.client()
            let failedExports = try await client.annotations.list(filters: ["status": "failed_export"]).collect()
            let ids = Array(failedExports.prefix(2).map(\.id))
            try #require(ids.count == 2)
            let (retrying, retried) = harness.context()
            try await ScriptingCommands.act(.retryExport, ids: ids, yes: true, json: false, context: retrying)
            #expect(retried.outLines.count == 2)
            #expect(retried.outLines.allSatisfy { $0.contains("sent to export again") })
            for id in ids {
                let status = try await client.annotations.retrieve(id).status?.rawValue ?? ""
                #expect(status == "exporting" || status == "exported")
            }
            // Only a failed export is sent again: the same ids now fail, one line each, and the command says so.
            let (again, said) = harness.context()
            let refusal = await failure { try await ScriptingCommands.act(.retryExport, ids: ids, yes: true, json: true, context: again) }
            #expect(refusal != nil)
            let lines = try objects(said.outLines)
            #expect(lines.map { $0["ok"] as? Bool } == [false, false])
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
