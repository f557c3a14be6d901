import Foundation
import Testing

@Suite struct ResourceTests {
    @Test func queuesHaveLiveCountsThatFollowTransitions() async throws {
        try await SandboxHarness.with { sandbox in
            let queue = try #require(try await sandbox.results("queues?page_size=100").first)
            let id = try #require(queue["id"] as? Int)
            let counts = try #require(queue["counts"] as? [String: Int])
            #expect(counts.keys.contains("to_review") && counts.keys.contains("exported"))
            let toReview = try await sandbox.get("annotations?queue=\(id)&status=to_review&page_size=1")
            let total = (toReview.object["pagination"] as? [String: Any])?["total"] as? Int
            #expect(counts["to_review"] == total)

            let annotation = try #require((toReview.object["results"] as? [[String: Any]])?.first?["id"] as? Int)
            #expect(try await sandbox.post("annotations/\(annotation)/postpone").status == 204)
            let after = try await sandbox.get("queues/\(id)").object["counts"] as? [String: Int]
            #expect(after?["to_review"] == counts["to_review"]! - 1)
            #expect(after?["postponed"] == counts["postponed"]! + 1)
        }
    }

    @Test func paginationHasAbsoluteNextLinksFromTheHostAndRejectsPagesPastTheEnd() async throws {
        try await SandboxHarness.with { sandbox in
            let first = try await sandbox.request(
                "GET", "annotations?page_size=50&ordering=&sideload=&content.schema_id=&include_total=true",
                headers: [("Host", "rossum.example:8443")])
            let pagination = try #require(first.object["pagination"] as? [String: Any])
            let total = try #require(pagination["total"] as? Int)
            #expect(pagination["total_pages"] as? Int == (total + 49) / 50)
            let next = try #require(pagination["next"] as? String)
            #expect(next.hasPrefix("http://rossum.example:8443/api/v1/annotations?"))
            #expect(next.contains("page=2") && next.contains("page_size=50"))
            #expect(pagination["previous"] is NSNull)

            // Follow `next` (rewritten to the real address) through every page: no gaps, no repeats.
            var seen = Set<Int>()
            var url: String? = sandbox.url("annotations?page_size=100")
            while let current = url {
                let page = try await sandbox.get(current)
                for item in page.object["results"] as? [[String: Any]] ?? [] { seen.insert(item["id"] as! Int) }
                url = (page.object["pagination"] as? [String: Any])?["next"] as? String
            }
            #expect(seen.count == total)

            #expect(try await sandbox.get("annotations?page=999").status == 404)
            #expect(try await sandbox.get("annotations?page=0").status == 404)
            let capped = try await sandbox.results("annotations?page_size=1000")
            #expect(capped.count == 100)
            let defaultSize = try await sandbox.results("annotations")
            #expect(defaultSize.count == 20)
        }
    }

    @Test func workspaceCreateFilterUpdateDelete() async throws {
        try await SandboxHarness.with { sandbox in
            let created = try await sandbox.post("workspaces", json: ["name": "Ops", "metadata": ["team": "ap"]])
            #expect(created.status == 201)
            let id = try #require(created.object["id"] as? Int)
            #expect((created.object["organization"] as? String)?.hasSuffix("/organizations/1") == true)
            #expect(try await sandbox.results("workspaces?name=Ops").count == 1)
            let patched = try await sandbox.request("PATCH", "workspaces/\(id)", json: ["name": "Ops 2"])
            #expect(patched.object["name"] as? String == "Ops 2")
            #expect(try await sandbox.request("DELETE", "workspaces/\(id)").status == 204)
            #expect(try await sandbox.get("workspaces/\(id)").status == 404)
        }
    }

    @Test func queueAndSchemaReferencesAreCheckedAndSchemasInUseCannotBeDeleted() async throws {
        try await SandboxHarness.with { sandbox in
            let missing = try await sandbox.post("queues", json: ["name": "Q", "workspace": sandbox.url("workspaces/999"), "schema": 1])
            #expect(missing.status == 400)
            #expect((missing.object["workspace"] as? [String])?.first?.contains("does not exist") == true)
            let queue = try await sandbox.post("queues", json: ["name": "Q", "workspace": 1, "schema": sandbox.url("schemas/1")])
            #expect(queue.status == 201)
            #expect((queue.object["schema"] as? String) == sandbox.url("schemas/1"))
            let schema = try await sandbox.get("schemas/1")
            #expect((schema.object["queues"] as? [String])?.contains(queue.object["url"] as! String) == true)
            let content = try #require(schema.object["content"] as? [[String: Any]])
            #expect(content.map { $0["category"] as? String } == ["section", "section", "section", "section"])
            let multivalue = (content.last?["children"] as? [[String: Any]])?.first
            #expect(multivalue?["category"] as? String == "multivalue")
            #expect((multivalue?["children"] as? [String: Any])?["category"] as? String == "tuple")
            let deletion = try await sandbox.request("DELETE", "schemas/1")
            #expect(deletion.status == 409)
            #expect(deletion.detail != nil)
        }
    }

    @Test func everyResourceFamilyLists() async throws {
        try await SandboxHarness.with { sandbox in
            for family in [
                "organizations", "workspaces", "queues", "schemas", "users", "groups", "hooks", "connectors", "inboxes",
                "email_templates", "relations", "document_relations", "documents", "uploads", "organization_groups",
            ] {
                let response = try await sandbox.get("\(family)?page_size=5")
                #expect(response.status == 200, "\(family): \(response.status)")
                #expect(response.object["pagination"] is [String: Any], "\(family) has no pagination")
            }
            let users = try await sandbox.results("users?page_size=100")
            #expect(users.count == 7)
            #expect(users.allSatisfy { $0["password"] == nil })
            let names = users.map { "\($0["first_name"] ?? "") \($0["last_name"] ?? "")" }
            #expect(names.contains("Tomáš Dvořák") && names.contains("Yuki 田中"))
            // Validate VAT numbers, Notify ERP, supplier matching and chat notifications.
            #expect(try await sandbox.results("hooks?queue=1").count == 4)
        }
    }

    @Test func hooksConnectorsInboxesAndEmailTemplatesCanBeCreatedAndChanged() async throws {
        try await SandboxHarness.with { sandbox in
            let hook = try await sandbox.post("hooks", json: [
                "name": "H", "events": ["annotation_status.changed"], "config": ["url": "https://example.com"], "queues": [1],
            ])
            #expect(hook.status == 201)
            #expect(hook.object["type"] as? String == "webhook")
            let hookID = try #require(hook.object["id"] as? Int)
            #expect(try await sandbox.request("PATCH", "hooks/\(hookID)", json: ["active": false]).object["active"] as? Bool == false)
            #expect(try await sandbox.post("connectors", json: ["name": "C", "service_url": "https://c.example"]).status == 201)
            #expect(try await sandbox.post("inboxes", json: ["name": "I", "email_prefix": "i"]).status == 201)
            let template = try await sandbox.post("email_templates", json: ["name": "T", "queue": 1, "type": "custom"])
            #expect(template.status == 201)
            let wrongType = try await sandbox.post("email_templates", json: ["name": "T", "queue": 1, "type": "nope"])
            #expect(wrongType.status == 400)
            #expect(try await sandbox.request("DELETE", "hooks/\(hookID)").status == 204)
        }
    }

    @Test func usersCanBeCreatedAndLogIn() async throws {
        try await SandboxHarness.with { sandbox in
            let created = try await sandbox.post("users", json: ["username": "new@example.com", "password": "pw", "groups": [2]])
            #expect(created.status == 201)
            #expect(created.object["password"] == nil)
            let other = try await sandbox.loggedIn(as: "new@example.com", password: "pw")
            #expect(try await other.get("auth/user").object["username"] as? String == "new@example.com")
            #expect(try await sandbox.post("users", json: ["username": "new@example.com"]).status == 400)
        }
    }
}
