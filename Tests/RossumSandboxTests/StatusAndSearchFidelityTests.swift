import Foundation
import Testing
@testable import RossumSandbox

/// Who changed a status, what the audit log says about it, and search text taken literally.
@Suite struct StatusAndSearchFidelityTests {
    @Test func theAuditLogDetailsHoldWhatTheRequestSent() async throws {
        try await SandboxHarness.with { sandbox in
            let id = try #require(try await sandbox.results("annotations?status=to_review&page_size=1").first?["id"] as? Int)
            #expect(try await sandbox.post("annotations/\(id)/postpone").status == 204)
            #expect(try await sandbox.request("PATCH", "annotations/\(id)", json: ["status": "to_review"]).status == 200)
            let entries = try await sandbox.results("audit_logs?object_type=annotation&object_id=\(id)")
            let requests = entries.compactMap { $0["content"] as? [String: Any] }
            let patch = try #require(requests.first { $0["method"] as? String == "PATCH" })
            #expect(patch["details"] as? [String: String] == ["status": "to_review"], "\(patch)")
            let postpone = try #require(requests.first { ($0["path"] as? String)?.hasSuffix("/postpone") == true })
            #expect((postpone["details"] as? [String: Any])?.isEmpty == true, "an action sends no body: \(postpone)")
        }
    }
}
