import Foundation
import RossumJobs
import RossumKit
import RossumSandbox
import Testing

/// `mdh upsert` sends a file once (issue 12, item 2). Each test asserts on the server's
/// operation list.
@Suite struct SandboxUpsertOnceTests {
    static let records = SandboxUpsertTests.records

    func writeOptions(_ file: String, policy: UpsertPolicy = fastPolicy()) -> MDHCommands.WriteOptions {
        MDHCommands.WriteOptions(dataset: "suppliers", file: file, mode: .update(idKeys: ["supplier_id"], updateOrNew: true), policy: policy)
    }

    @Test func twoIdenticalRunsStartedTogetherUploadOnce() async throws {
        try await SandboxHarness.with { harness in
            let file = try harness.directory.write("suppliers.json", Self.records)
            let (first, _) = harness.context()
            let (second, _) = harness.context()
            async let one = failure { _ = try await MDHCommands.write(writeOptions(file), context: first) }
            async let two = failure { _ = try await MDHCommands.write(writeOptions(file), context: second) }
            let failures = await [one, two].compactMap { $0 }
            #expect(failures.count == 1)
            #expect(failures.first?.status == .jobFailed, "\(failures)")
            #expect(failures.first?.message.contains("another rossum-tui is running this same job") == true)
            #expect(try await harness.operations(of: "suppliers").count == 1)
        }
    }
}
