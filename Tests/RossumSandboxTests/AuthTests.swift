import Foundation
import Testing
import RossumSandbox

@Suite struct AuthTests {
    @Test func loginWithJSONReturnsKeyAndDomain() async throws {
        try await SandboxHarness.with { sandbox in
            #expect(sandbox.token?.count == 40)
            let user = try await sandbox.get("auth/user")
            #expect(user.status == 200)
            #expect(user.object["username"] as? String == "demo@rossum.local")
        }
    }

    @Test func loginWithFormBodyAndTokenScheme() async throws {
        try await SandboxHarness.with(login: false) { sandbox in
            let login = try await sandbox.request(
                "POST", "auth/login", body: Data("username=demo%40rossum.local&password=demo-password".utf8),
                contentType: "application/x-www-form-urlencoded")
            #expect(login.status == 200)
            let key = try #require(login.object["key"] as? String)
            #expect(login.object["domain"] is String)
            let user = try await sandbox.request("GET", "auth/user", headers: [("Authorization", "Token \(key)")])
            #expect(user.status == 200)
        }
    }

    @Test func wrongPasswordAndMissingOrUnknownTokenAre401WithDetail() async throws {
        try await SandboxHarness.with(login: false) { sandbox in
            let login = try await sandbox.request("POST", "auth/login", json: ["username": "demo@rossum.local", "password": "nope"])
            #expect(login.status == 401)
            #expect(login.detail != nil)
            let missing = try await sandbox.request("GET", "auth/user")
            #expect(missing.status == 401)
            #expect(missing.detail == "Authentication credentials were not provided.")
            let unknown = try await sandbox.request("GET", "auth/user", headers: [("Authorization", "Bearer 0123")])
            #expect(unknown.status == 401)
            #expect(unknown.detail == "Invalid token.")
        }
    }

    @Test func customCredentialsAndLogout() async throws {
        try await SandboxHarness.with({ $0.username = "ops@example.com"; $0.password = "s3cret" }) { sandbox in
            #expect(sandbox.token != nil)
            let logout = try await sandbox.post("auth/logout")
            #expect(logout.status == 200)
            #expect(try await sandbox.get("auth/user").status == 401)
        }
    }

    @Test func tokensExpireSoClientsMustLogInAgain() async throws {
        try await SandboxHarness.with({ $0.tokenLifetime = .seconds(3600) }) { sandbox in
            #expect(try await sandbox.get("auth/user").status == 200)
            // A login may ask for a shorter life (as Rossum's max_token_lifetime_s); this token is
            // only ever expected to expire, so no timing of the machine can make the test race.
            let credentials: [String: Any] = ["username": "demo@rossum.local", "password": "demo-password"]
            var shortLived = credentials
            shortLived["max_token_lifetime_s"] = 0.2
            let login = try await sandbox.request("POST", "auth/login", json: shortLived, authorized: false)
            let key = try #require(login.object["key"] as? String)
            let expired = try await eventually(timeout: .seconds(10)) {
                try await sandbox.request("GET", "auth/user", headers: [("Authorization", "Bearer \(key)")], authorized: false).status == 401
            }
            #expect(expired)
            let again = try await sandbox.request("POST", "auth/login", json: credentials, authorized: false)
            #expect(again.status == 200)
            let fresh = try #require(again.object["key"] as? String)
            #expect(fresh != key)
        }
    }
}
