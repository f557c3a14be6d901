import Foundation
import RossumJobs
import Testing

@Suite struct SandboxDocumentTests {
    @Test func uploadWaitsForItsTasksAndExportWritesACompleteFile() async throws {
        try await SandboxHarness.with { harness in
            let queue = try #require(try await harness.client().queues.list().collect().first)
            let pdf = harness.directory.file("invoice.pdf")
            try Data("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8).write(to: URL(fileURLWithPath: pdf))
            let (context, output) = harness.context()
            try await ScriptingCommands.upload(queueID: queue.id, files: [pdf], wait: true, timeout: .seconds(10), pollEvery: .milliseconds(20),
                                               json: true, context: context)
            let line = try #require(output.outLines.first)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["file"] as? String == pdf)
            #expect(object["status"] as? String == "succeeded")

            let missing = await failure {
                try await ScriptingCommands.upload(queueID: queue.id, files: [harness.directory.file("nope.pdf")], wait: false,
                                                   timeout: .seconds(1), pollEvery: .milliseconds(20), json: false, context: context)
            }
            #expect(missing?.status == .noInput)

            let target = harness.directory.file("export.csv")
            try await ScriptingCommands.export(queueID: queue.id, format: .csv, statuses: ["to_review"], outputPath: target, context: context)
            let text = try String(contentsOfFile: target, encoding: .utf8)
            #expect(text.split(whereSeparator: \.isNewline).count > 1)
            #expect(text.hasPrefix("annotation_id,"))
            #expect(!FileManager.default.fileExists(atPath: target + ".part"))
            let json = harness.directory.file("export.json")
            try await ScriptingCommands.export(queueID: queue.id, format: .json, statuses: ["to_review"], outputPath: json, context: context)
            let exported = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [[String: Any]])
            #expect(!exported.isEmpty)
            #expect(exported.allSatisfy { $0["status"] as? String == "to_review" })
        }
    }
}
