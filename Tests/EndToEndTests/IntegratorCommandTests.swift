import Foundation
@testable import RossumJobs
import RossumKit
import RossumSandbox
import Testing

/// The commands an integrator scripts, run as the built binary against a sandbox with its
/// history: search across queues, one annotation shown, hook runs as CSV and followed, the
/// support bundle.
@Suite(.enabled(if: consolePath() != nil, "rossum-tui missing; CLI end-to-end tests skipped"))
struct IntegratorCommandTests {
    func withSandbox(_ body: (SandboxServer, RossumClient) async throws -> Void) async throws {
        var configuration = SandboxConfiguration()
        configuration.size = .small
        let server = try await SandboxServer.start(configuration)
        do {
            let client = try RossumClient(baseURL: server.apiURL, credentials: .credentials(username: "demo@rossum.local", password: "demo-password"))
            try await body(server, client)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    func objects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func searchFindsAnnotationsInEveryQueue() async throws {
        try await withSandbox { server, client in
            let failed = try await CLIRunner.run(["search", "status:failed_export", "--output", "ndjson"], server: server)
            #expect(failed.status == 0, "\(failed.err)")
            let rows = try objects(failed.out)
            #expect(rows.allSatisfy { $0["status"] as? String == "failed_export" })
            #expect(Set(rows.compactMap { $0["queue_id"] as? Int }).count > 1, "one search, several queues")

            // Free text (the API's query_string): a file name, found with its queue's name.
            let queues = try await client.queues.list().collect()
            let last = try #require(queues.last)
            let annotation = try #require(try await client.annotations.list(filters: ["queue": QueryValue(last.id)], sideloads: [.documents]).collect().first)
            let fileName = try #require(annotation.document?.object?.originalFileName)
            let found = try await CLIRunner.run(["search", fileName, "--output", "csv"], server: server)
            #expect(found.status == 0, "\(found.err)")
            let records = try CSVReader.rows(found.out, delimiter: ",")
            let header = try #require(records.first)
            let match = try #require(records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }.first { $0["id"] == String(annotation.id) })
            #expect(match["queue"] == last.name && match["file"] == fileName)

            let table = try await CLIRunner.run(["search", fileName], server: server)
            #expect(table.out.hasPrefix("ID") && table.out.contains("QUEUE"))
            #expect(try await CLIRunner.run(["search", "x", "--sort", "colour"], server: server).status == 64)
            #expect(try await CLIRunner.run(["search"], server: server).status == 64)
        }
    }

    @Test func showGivesTheDetailAndTheRawObject() async throws {
        try await withSandbox { server, client in
            let annotation = try #require(try await client.annotations.list(filters: ["status": "to_review"]).collect().first)
            let shown = try await CLIRunner.run(["annotations", "show", String(annotation.id)], server: server)
            #expect(shown.status == 0, "\(shown.err)")
            let lines = shown.out.split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix("Status") && $0.hasSuffix(" to_review") })
            #expect(lines.contains { $0.hasPrefix("Queue") } && lines.contains { $0.hasPrefix("Document") } && lines.contains { $0.hasPrefix("Modifier") })
            #expect(lines.contains("Fields"))
            let raw = try await CLIRunner.run(["annotations", "show", String(annotation.id), "--output", "json"], server: server)
            let object = try #require(try objects(raw.out).first)
            #expect(object["id"] as? Int == annotation.id && object["status"] as? String == "to_review" && object["url"] != nil)
            #expect(try await CLIRunner.run(["annotations", "show", "99999999"], server: server).status == 66)
            #expect(try await CLIRunner.run(["annotations", "show", "1", "--output", "csv"], server: server).status == 64)
        }
    }

    @Test func hookRunsAsCSVAndUnderTheirDocumentedNames() async throws {
        try await withSandbox { server, _ in
            let failed = try await CLIRunner.run(["hooks", "logs", "status:failed", "--json"], server: server)
            #expect(failed.status == 0, "\(failed.err)")
            let runs = try objects(failed.out)
            #expect(!runs.isEmpty && runs.allSatisfy { $0["status"] as? String == "failed" && $0["hook_name"] != nil })
            let id = try #require(runs.compactMap { $0["annotation_id"] as? Int }.first)

            let csv = try await CLIRunner.run(["hooks", "logs", "--annotation", String(id), "--output", "csv", "--sort", "start"], server: server)
            let records = try CSVReader.rows(csv.out, delimiter: ",")
            let header = try #require(records.first)
            let starts = records.dropFirst().compactMap { Dictionary(uniqueKeysWithValues: zip(header, $0))["start"] }
            #expect(!starts.isEmpty && starts == starts.sorted())
            #expect(records.dropFirst().allSatisfy { Dictionary(uniqueKeysWithValues: zip(header, $0))["annotation_id"] == String(id) })

            let why = try await CLIRunner.run(["annotations", "why", String(id), "--json"], server: server)
            #expect(why.status == 0, "\(why.err)")
            #expect(try objects(why.out).allSatisfy { $0["annotation"] as? Int == id })
            let follow = try await CLIRunner.run(["hooks", "logs", "--follow", "--output", "json"], server: server)
            #expect(follow.status == 64 && follow.err.contains("--follow"))
        }
    }

    /// `--follow` prints the runs that happen while it waits, then stops on Ctrl-C.
    @Test func followPrintsNewRunsUntilInterrupted() async throws {
        try await withSandbox { server, client in
            let id = try #require(try await client.annotations.list(filters: ["status": "to_review"]).collect().first?.id)
            // The postpone goes in once the first run is printed (the follow has started), and
            // Ctrl-C once the postpone's own run is; 30 s is only the deadline.
            let started = AsyncStream<Void>.makeStream()
            let marker = "\"annotation_id\":\(id)"
            async let followed = CLIRunner.run(["hooks", "logs", "--follow", "--poll-every", "200ms", "--limit", "1", "--output", "ndjson"],
                                               server: server, interruptAfter: 30,
                                               interruptWhen: { out in out.split(separator: "\n").dropFirst().contains { $0.replacingOccurrences(of: " ", with: "").contains(marker) } },
                                               onOutput: { out in if out.contains("\n") { started.continuation.yield() } })
            for await _ in started.stream { break }
            try await client.annotations.postpone(id)
            let result = try await followed
            #expect(result.status == 130, "\(result.err)")
            let runs = try objects(result.out)
            #expect(runs.count >= 2, "the newest run, then the new ones")
            #expect(runs.dropFirst().contains { $0["annotation_id"] as? Int == id }, "the postpone's hook run was printed")
            let ids = runs.compactMap { ($0["uuid"] ?? $0["request_id"]) as? String }
            #expect(Set(ids).count == ids.count, "no run printed twice")
        }
    }

    @Test func bundleWritesMarkdownWithTheEntriesAsNDJSON() async throws {
        try await withSandbox { server, _ in
            let failed = try objects(try await CLIRunner.run(["hooks", "logs", "status:failed", "--json"], server: server).out)
            let id = try #require(failed.compactMap { $0["annotation_id"] as? Int }.first)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString).md")
            defer { try? FileManager.default.removeItem(at: file) }
            let written = try await CLIRunner.run(["annotations", "bundle", String(id), "-o", file.path], server: server)
            #expect(written.status == 0, "\(written.err)")
            let markdown = try String(contentsOf: file, encoding: .utf8)
            #expect(markdown.hasPrefix("# Case file of annotation \(id)\n"))
            let section = try #require(markdown.components(separatedBy: "```ndjson\n").last?.components(separatedBy: "```\n").first)
            let entries = try objects(section)
            #expect(entries.contains { $0["source"] as? String == "hook" && $0["level"] as? String == "error" })
            #expect(entries.allSatisfy { $0["annotation"] as? Int == id })
            #expect(!FileManager.default.fileExists(atPath: file.path + ".part"))
            let streamed = try await CLIRunner.run(["annotations", "bundle", String(id), "-o", "-"], server: server)
            #expect(streamed.out.hasPrefix("# Case file of annotation \(id)\n"))
            #expect(try await CLIRunner.run(["annotations", "bundle", String(id), "-o", "/nonexistent-dir/x.md"], server: server).status == 73)
        }
    }
}
