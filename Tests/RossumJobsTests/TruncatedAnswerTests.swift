import Foundation
import RossumJobs
import RossumKit
import RossumSandbox
import Testing

/// One answer cut short (well-formed HTTP, half a JSON body) to a read: the command asks again
/// and succeeds, as it does after a dropped connection or a 5xx.
@Suite struct TruncatedAnswerTests {
    @Test func readCommandsSurviveATruncatedAnswer() async throws {
        try await SandboxHarness.with { harness in
            let queueID = try #require(try await harness.client().queues.list().collect().first?.id)
            let cases: [(prefix: String, run: @Sendable (CommandContext) async throws -> Void)] = [
                ("/api/v1/workspaces", { try await ScriptingCommands.listWorkspaces(options: ListOptions(format: .ndjson), context: $0) }),
                ("/api/v1/queues", { try await ScriptingCommands.listQueues(workspaceID: nil, options: ListOptions(format: .ndjson), context: $0) }),
                ("/api/v1/annotations", { try await ScriptingCommands.listAnnotations(queueID: queueID, statuses: [], options: ListOptions(format: .ndjson, limit: 5), context: $0) }),
                ("/svc/master-data-hub/api/v1/dataset", { try await MDHCommands.datasets(json: true, context: $0) }),
            ]
            for (prefix, run) in cases {
                await harness.server.setFaults(try FaultConfiguration(parsing: "truncate=1,limit=1,prefix=\(prefix)"))
                let (context, output) = harness.context()
                let status = await context.run { try await run(context) }
                #expect(status == .success, "\(prefix): \(output.err)")
                #expect(harness.server.faultCounters.injected == 1, "\(prefix)")
                #expect(!output.outLines.isEmpty, "\(prefix)")
            }
            await harness.server.setFaults(FaultConfiguration())
        }
    }

    @Test func theUpsertPreflightSurvivesATruncatedDatasetList() async throws {
        try await SandboxHarness.with { harness in
            let file = try harness.directory.write("s.json", #"[{"supplier_id": "SUP-424242", "name": "Cut s.r.o."}]"#)
            await harness.server.setFaults(try FaultConfiguration(parsing: "truncate=1,limit=1,prefix=/svc/master-data-hub/api/v1/dataset/"))
            let (context, output) = harness.context()
            let status = await context.run {
                _ = try await MDHCommands.write(MDHCommands.WriteOptions(
                    dataset: "suppliers", file: file, mode: .update(idKeys: ["supplier_id"], updateOrNew: true), policy: fastPolicy()), context: context)
            }
            #expect(status == .success, "\(output.err)")
            #expect(harness.server.faultCounters.injected == 1)
            await harness.server.setFaults(FaultConfiguration())
        }
    }
}
