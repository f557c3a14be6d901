import Foundation
import RossumJobs
import Testing

@Suite struct SandboxLoginTests {
    @Test func loginStoresAPrivateTokenThatLaterCommandsUse() async throws {
        try await SandboxHarness.with { harness in
            // Wrong password: nothing is written.
            let (wrong, _) = harness.context(environment: ["ROSSUM_PASSWORD": "nope"])
            let failed = await failure { try await AccountCommands.login(username: nil, context: wrong) { _ in nil } }
            #expect(failed?.status == .auth)
            #expect(!FileManager.default.fileExists(atPath: harness.paths.configFile))

            var (context, output) = harness.context()
            context.overrides.profile = "sandbox"
            try await AccountCommands.login(username: nil, context: context) { _ in nil }
            #expect(output.outLines.first?.hasPrefix("logged in as \(SandboxHarness.username)") == true)
            #expect(mode(of: harness.paths.configFile) == 0o600)
            #expect(mode(of: harness.paths.configDirectory) == 0o700)
            let stored = try ProfileStore(paths: harness.paths).load()
            #expect(stored.defaultProfile == "sandbox")
            let profile = try #require(stored.profiles["sandbox"])
            #expect(profile.baseURL == harness.server.apiURL)
            #expect(profile.password == nil)
            #expect(profile.token?.isEmpty == false)
            #expect(!(try String(contentsOfFile: harness.paths.configFile, encoding: .utf8)).contains(SandboxHarness.password))

            // With no URL or credentials in flags or environment, the stored profile is used.
            let (later, listed) = harness.context()
            var fromProfile = later
            fromProfile.overrides = ConnectionOverrides()
            fromProfile.environment = ["HOME": harness.directory.path]
            try await MDHCommands.datasets(json: true, context: fromProfile)
            #expect(!listed.outLines.isEmpty)
        }
    }
}
