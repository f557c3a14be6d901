import Foundation
import Testing

/// What the official `rossum` CLI relies on: a queue's users, hooks, connector and inbox are one
/// relation each, the same seen from either side and changeable from either side.
@Suite struct QueueRelationTests {
    private func ids(_ value: Any?) -> [Int] {
        ((value as? [String]) ?? []).compactMap { Int($0.split(separator: "/").last ?? "") }.sorted()
    }

    @Test func aUsersQueuesAndTheQueuesUsersAgree() async throws {
        try await SandboxHarness.with { sandbox in
            let users = try await sandbox.results("users?page_size=100")
            let queues = try await sandbox.results("queues?page_size=100")
            for user in users {
                let id = try #require(user["id"] as? Int)
                let fromQueues = queues.filter { ids($0["users"]).contains(id) }.compactMap { $0["id"] as? Int }.sorted()
                #expect(ids(user["queues"]) == fromQueues, "user \(id)")
                #expect(!fromQueues.isEmpty)
            }
            let me = try await sandbox.get("auth/user").object
            #expect(ids(me["queues"]) == queues.compactMap { $0["id"] as? Int }.sorted())
            #expect(me["password"] == nil)
        }
    }

    @Test func changingAUsersQueuesChangesExactlyThoseQueues() async throws {
        try await SandboxHarness.with { sandbox in
            let before = try await sandbox.results("queues?page_size=100").map { ($0["id"] as? Int ?? 0, ids($0["users"])) }
            // What `rossum user_assignment remove -u 3 -q 2` sends: the queues the user keeps.
            let kept = try await sandbox.results("queues?users=3").compactMap { $0["id"] as? Int }.filter { $0 != 2 }
            let patched = try await sandbox.request("PATCH", "users/3", json: ["queues": kept])
            #expect(patched.status == 200)
            #expect(ids(patched.object["queues"]) == kept.sorted())
            for (queue, users) in before {
                let now = ids(try await sandbox.get("queues/\(queue)").object["users"])
                #expect(now == (queue == 2 ? users.filter { $0 != 3 } : users), "queue \(queue)")
            }
            #expect(try await sandbox.results("users?queue=2").allSatisfy { $0["id"] as? Int != 3 })
            #expect(try await sandbox.results("queues?users=3").count == kept.count)

            let created = try await sandbox.post("users", json: ["username": "both@example.com", "queues": [1, 4], "groups": [2]])
            #expect(created.status == 201)
            let newID = try #require(created.object["id"] as? Int)
            #expect(ids(created.object["queues"]) == [1, 4])
            #expect(ids(try await sandbox.get("queues/4").object["users"]).contains(newID))
            #expect(try await sandbox.request("PATCH", "users/\(newID)", json: ["queues": [999]]).status == 400)
        }
    }

    @Test func hooksConnectorsAndInboxesAreServedFromTheQueues() async throws {
        try await SandboxHarness.with { sandbox in
            // VAT check and Notify ERP, then the demo's supplier matching (3) and chat notifications (5).
            #expect(ids(try await sandbox.get("queues/1").object["hooks"]) == [1, 2, 3, 5])
            #expect(ids(try await sandbox.get("hooks/1").object["queues"]) == [1, 2, 3, 4, 5, 6])
            #expect(ids(try await sandbox.get("connectors/1").object["queues"]) == [1])
            #expect(ids(try await sandbox.get("inboxes/3").object["queues"]) == [3])

            let hook = try await sandbox.post("hooks", json: [
                "name": "H", "events": ["annotation_status.changed"], "config": ["url": "https://example.com"], "queues": [2, 3],
            ])
            let hookID = try #require(hook.object["id"] as? Int)
            #expect(ids(try await sandbox.get("queues/2").object["hooks"]) == [1, 3, 5, hookID])
            #expect(try await sandbox.request("PATCH", "hooks/\(hookID)", json: ["queues": [4]]).status == 200)
            #expect(!ids(try await sandbox.get("queues/2").object["hooks"]).contains(hookID))
            #expect(ids(try await sandbox.get("queues/4").object["webhooks"]).contains(hookID))
            #expect(try await sandbox.request("DELETE", "hooks/\(hookID)").status == 204)
            #expect(!ids(try await sandbox.get("queues/4").object["hooks"]).contains(hookID))

            let connector = try await sandbox.post("connectors", json: ["name": "C", "service_url": "https://c.example", "queues": [2]])
            let connectorID = try #require(connector.object["id"] as? Int)
            #expect(ids(try await sandbox.get("queues/2").object["connector"].map { [$0] }) == [connectorID])
            // A queue has one connector: giving it to another takes it from the first.
            #expect(try await sandbox.request("PATCH", "queues/2", json: ["connector": 1]).status == 200)
            #expect(ids(try await sandbox.get("connectors/\(connectorID)").object["queues"]) == [])
            #expect(ids(try await sandbox.get("connectors/1").object["queues"]) == [1, 2])
            #expect(try await sandbox.request("DELETE", "connectors/1").status == 204)
            #expect(try await sandbox.get("queues/1").object["connector"] is NSNull)
        }
    }

    @Test func anInboxMadeFromAPrefixGetsAnAddressAndBecomesTheQueuesInbox() async throws {
        try await SandboxHarness.with { sandbox in
            let queue = try await sandbox.post("queues", json: ["name": "Q", "workspace": 1, "schema": 1])
            let queueID = try #require(queue.object["id"] as? Int)
            let inbox = try await sandbox.post("inboxes", json: ["name": "I", "email_prefix": "cli-box", "queues": [queueID]])
            #expect(inbox.status == 201)
            let email = try #require(inbox.object["email"] as? String)
            #expect(email.hasPrefix("cli-box-") && email.hasSuffix("@sandbox.rossum.local"))
            let other = try await sandbox.post("inboxes", json: ["name": "J", "email_prefix": "cli-box"])
            #expect(other.object["email"] as? String != email)
            #expect(try await sandbox.get("queues/\(queueID)").object["inbox"] as? String == inbox.object["url"] as? String)
        }
    }

    @Test func groupsFilterByName() async throws {
        try await SandboxHarness.with { sandbox in
            let groups = try await sandbox.results("groups?name=manager")
            #expect(groups.map { $0["name"] as? String } == ["manager"])
        }
    }

    @Test func passwordChangeAndReset() async throws {
        try await SandboxHarness.with { sandbox in
            let wrong = try await sandbox.post("auth/password/change", json: [
                "old_password": "nope", "new_password1": "n3w", "new_password2": "n3w",
            ])
            #expect(wrong.status == 400)
            let mismatch = try await sandbox.post("auth/password/change", json: [
                "old_password": "demo-password", "new_password1": "n3w", "new_password2": "other",
            ])
            #expect(mismatch.status == 400)
            let changed = try await sandbox.post("auth/password/change", json: [
                "old_password": "demo-password", "new_password1": "n3w", "new_password2": "n3w",
            ])
            #expect(changed.status == 200 && changed.detail != nil)
            let old = try await sandbox.request("POST", "auth/login", json: ["username": "demo@rossum.local", "password": "demo-password"])
            #expect(old.status == 401)
            #expect(try await sandbox.loggedIn(as: "demo@rossum.local", password: "n3w").token != nil)
            #expect(try await sandbox.get("auth/user").status == 200)

            let reset = try await sandbox.request("POST", "auth/password/reset", json: ["email": "jana.novakova@rossum.local"], authorized: false)
            #expect(reset.status == 200 && reset.detail != nil)
            #expect(try await sandbox.post("auth/password/reset", json: ["email": "not-an-address"]).status == 400)
        }
    }
}
