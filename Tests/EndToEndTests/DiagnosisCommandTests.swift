import Foundation
import RossumKit
import RossumSandbox
import Testing

/// `rossum-tui why` and `rossum-tui hook-logs`: the console's answers for scripts, run as the
/// built binary against a sandbox with its history of failures.
@Suite(.enabled(if: consolePath() != nil, "rossum-tui missing; CLI end-to-end tests skipped"))
struct DiagnosisCommandTests {
    func run(_ arguments: [String], server: SandboxServer) async throws -> (status: Int32, out: String, err: String) {
        try await CLIRunner.run(arguments, server: server)
    }

    @Test func failedRunsLeadToTheCaseFileOfTheirAnnotation() async throws {
        var configuration = SandboxConfiguration()
        configuration.size = .small
        let server = try await SandboxServer.start(configuration)
        do {
            try await check(server)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    func check(_ server: SandboxServer) async throws {
        let failed = try await run(["hook-logs", "status:failed", "--json"], server: server)
        #expect(failed.status == 0, "\(failed.err)")
        let runs = failed.out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(!runs.isEmpty && runs.allSatisfy { $0["status"] as? String == "failed" })
        let id = try #require(runs.compactMap { $0["annotation_id"] as? Int }.first)

        let why = try await run(["why", String(id)], server: server)
        #expect(why.status == 0, "\(why.err)")
        #expect(why.out.hasPrefix("#\(id) "))
        #expect(why.out.contains("WHEN") && why.out.contains(" hook "))
        #expect(!why.out.contains("E retries"), "the console's keys are not advice on the command line")
        let lines = try await run(["why", String(id), "--json"], server: server)
        #expect(lines.out.split(separator: "\n").allSatisfy { $0.contains("\"annotation\":\(id)") })

        #expect(try await run(["why", "99999999"], server: server).status == 66)
        let bad = try await run(["hook-logs", "level:loud"], server: server)
        #expect(bad.status == 64 && bad.err.contains("unknown level \"loud\""))
    }
}
