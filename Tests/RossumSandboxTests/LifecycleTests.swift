import Foundation
import Testing

@Suite struct LifecycleTests {
    func firstAnnotation(_ sandbox: SandboxHarness, status: String, queue: Int? = nil) async throws -> Int {
        let filter = queue.map { "&queue=\($0)" } ?? ""
        return try #require(try await sandbox.results("annotations?status=\(status)\(filter)").first?["id"] as? Int)
    }

    func status(_ sandbox: SandboxHarness, _ id: Int) async throws -> String? {
        try await sandbox.get("annotations/\(id)").object["status"] as? String
    }

    @Test func startCancelConfirmInAQueueWithoutConfirmedState() async throws {
        try await SandboxHarness.with { sandbox in
            let id = try await firstAnnotation(sandbox, status: "to_review", queue: 1)
            let started = try await sandbox.post("annotations/\(id)/start")
            #expect(started.status == 200)
            #expect(started.object["annotation"] as? String == sandbox.url("annotations/\(id)"))
            #expect(started.object["session_timeout"] as? String == "01:00:00")
            #expect(try await status(sandbox, id) == "reviewing")
            #expect(try await sandbox.post("annotations/\(id)/cancel").status == 204)
            #expect(try await status(sandbox, id) == "to_review")
            #expect(try await sandbox.post("annotations/\(id)/confirm").status == 204)
            let confirmed = try await sandbox.get("annotations/\(id)").object
            #expect(confirmed["status"] as? String == "exported")
            #expect(confirmed["confirmed_at"] is String && confirmed["exported_at"] is String)
            #expect((confirmed["modifier"] as? String)?.hasSuffix("/users/1") == true)
            let again = try await sandbox.post("annotations/\(id)/start")
            #expect(again.status == 409)
            #expect(again.detail?.contains("exported") == true)
        }
    }

    @Test func confirmedStateQueuesConfirmThenExport() async throws {
        try await SandboxHarness.with { sandbox in
            let id = try await firstAnnotation(sandbox, status: "to_review", queue: 2)
            #expect(try await sandbox.post("annotations/\(id)/confirm").status == 204)
            #expect(try await status(sandbox, id) == "confirmed")
            #expect(try await sandbox.post("annotations/\(id)/confirm").status == 204)
            #expect(try await status(sandbox, id) == "exported")
        }
    }

    @Test func postponeRejectDeleteApproveAndRequeue() async throws {
        try await SandboxHarness.with { sandbox in
            let a = try await firstAnnotation(sandbox, status: "to_review")
            #expect(try await sandbox.post("annotations/\(a)/postpone").status == 204)
            #expect(try await status(sandbox, a) == "postponed")
            let rejected = try await sandbox.post("annotations/\(a)/reject", json: ["note_content": "Wrong supplier"])
            #expect(rejected.status == 200)
            #expect(rejected.object["status"] as? String == "rejected")
            #expect((rejected.object["note"] as? [String: Any])?["content"] as? String == "Wrong supplier")
            #expect(try await sandbox.post("annotations/\(a)/delete").status == 204)
            #expect(try await status(sandbox, a) == "deleted")
            let confirmDeleted = try await sandbox.post("annotations/\(a)/confirm")
            #expect(confirmDeleted.status == 409)
            #expect(confirmDeleted.detail != nil)
            #expect(try await sandbox.post("annotations/\(a)/delete").status == 409)

            let workflow = try await firstAnnotation(sandbox, status: "in_workflow")
            #expect(try await sandbox.post("annotations/\(workflow)/approve").status == 204)
            #expect(["exported", "confirmed"].contains(try await status(sandbox, workflow)))
            #expect(try await sandbox.post("annotations/\(workflow)/approve").status == 409)

            let failed = try await firstAnnotation(sandbox, status: "failed_export")
            #expect(try await sandbox.request("PATCH", "annotations/\(failed)", json: ["status": "to_review"]).status == 200)
            #expect(try await status(sandbox, failed) == "to_review")

            let purge = try await sandbox.post("annotations/purge_deleted", json: ["annotations": [sandbox.url("annotations/\(a)")]])
            #expect(purge.status == 202)
            #expect(try await status(sandbox, a) == "purged")
            #expect(try await sandbox.request("PATCH", "annotations/\(a)", json: ["status": "to_review"]).status == 409)
        }
    }

    @Test func anotherUsersReviewBlocksStartAndConfirm() async throws {
        try await SandboxHarness.with { sandbox in
            let jana = try await sandbox.loggedIn(as: "jana.novakova@rossum.local")
            let id = try await firstAnnotation(sandbox, status: "to_review", queue: 1)
            #expect(try await jana.post("annotations/\(id)/start").status == 200)
            #expect(try await jana.post("annotations/\(id)/start").status == 200)  // her own review: fine
            let mine = try await sandbox.post("annotations/\(id)/start")
            #expect(mine.status == 409)
            #expect(mine.detail?.contains("another user") == true)
            #expect(try await sandbox.post("annotations/\(id)/confirm").status == 409)
            #expect(try await jana.post("annotations/\(id)/confirm").status == 204)
            let statuses = try await sandbox.post("annotations/\(id)/start", json: ["statuses": ["exported"]])
            #expect(statuses.status == 200)
        }
    }

    @Test func concurrentConfirmsOneWinsTheOthersGet409() async throws {
        try await SandboxHarness.with { sandbox in
            let id = try await firstAnnotation(sandbox, status: "to_review", queue: 1)
            let codes = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<12 { group.addTask { try await sandbox.post("annotations/\(id)/confirm").status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(codes.filter { $0 == 204 }.count == 1)
            #expect(codes.filter { $0 == 409 }.count == 11)
            #expect(try await status(sandbox, id) == "exported")
        }
    }

    @Test func concurrentEditsToDifferentAnnotationsAreAllKept() async throws {
        try await SandboxHarness.with { sandbox in
            let ids = try await sandbox.results("annotations?status=to_review&page_size=20").compactMap { $0["id"] as? Int }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in ids {
                    group.addTask {
                        let response = try await sandbox.request("PATCH", "annotations/\(id)", json: ["metadata": ["n": id]])
                        #expect(response.status == 200)
                    }
                }
                try await group.waitForAll()
            }
            for id in ids {
                #expect((try await sandbox.get("annotations/\(id)").object["metadata"] as? [String: Any])?["n"] as? Int == id)
            }
        }
    }
}
