import Foundation
import Testing
@testable import RossumJobs

@Suite struct ConfigurationTests {
    @Test func pathsFollowXDGAndFallBackToHome() {
        let xdg = AppPaths(environment: ["HOME": "/home/ana", "XDG_CONFIG_HOME": "/cfg", "XDG_STATE_HOME": "/state"])
        #expect(xdg.configFile == "/cfg/rossum-tui/config.yaml")
        #expect(xdg.journalFile == "/state/rossum-tui/journal.sqlite")
        #expect(xdg.themesDirectory == "/cfg/rossum-tui/themes")
        let plain = AppPaths(environment: ["HOME": "/home/ana", "XDG_STATE_HOME": "relative/is/ignored"])
        #expect(plain.configFile == "/home/ana/.config/rossum-tui/config.yaml")
        #expect(plain.journalFile == "/home/ana/.local/state/rossum-tui/journal.sqlite")
        #expect(plain.logFile == "/home/ana/.local/state/rossum-tui/rossum-tui.log")
    }

    static let configuration = ProfileConfiguration(defaultProfile: "prod", profiles: [
        "prod": Profile(baseURL: "https://acme.rossum.app/api/v1", token: "profile-token", readonly: true, theme: "dusk",
                        pollIntervals: ["annotations": 10]),
        "local": Profile(baseURL: "http://127.0.0.1:8080/api/v1", username: "ana", password: "secret"),
    ])

    @Test func flagBeatsEnvironmentBeatsProfile() throws {
        let fromProfile = try ConnectionSettings.resolve(overrides: ConnectionOverrides(), environment: [:], configuration: Self.configuration)
        #expect(fromProfile.profileName == "prod")
        #expect(fromProfile.baseURL == "https://acme.rossum.app/api/v1")
        #expect(fromProfile.credentials == .token("profile-token"))
        #expect(fromProfile.readonly)
        #expect(fromProfile.theme == "dusk")

        let environment = ["ROSSUM_BASE_URL": "https://env.rossum.app/api/v1/", "ROSSUM_TOKEN": "env-token"]
        let fromEnvironment = try ConnectionSettings.resolve(overrides: ConnectionOverrides(), environment: environment, configuration: Self.configuration)
        #expect(fromEnvironment.baseURL == "https://env.rossum.app/api/v1")
        #expect(fromEnvironment.credentials == .token("env-token"))

        let fromFlag = try ConnectionSettings.resolve(overrides: ConnectionOverrides(baseURL: "https://flag.rossum.app/api/v1"),
                                                      environment: environment, configuration: Self.configuration)
        #expect(fromFlag.baseURL == "https://flag.rossum.app/api/v1")
    }

    @Test func profileIsChosenByFlagThenEnvironmentThenDefault() throws {
        let byEnvironment = try ConnectionSettings.resolve(overrides: ConnectionOverrides(), environment: ["ROSSUM_PROFILE": "local"],
                                                           configuration: Self.configuration)
        #expect(byEnvironment.profileName == "local")
        #expect(byEnvironment.credentials == .password(username: "ana", password: "secret"))
        let byFlag = try ConnectionSettings.resolve(overrides: ConnectionOverrides(profile: "prod"), environment: ["ROSSUM_PROFILE": "local"],
                                                    configuration: Self.configuration)
        #expect(byFlag.profileName == "prod")
        #expect(throws: CommandFailure.self) {
            try ConnectionSettings.resolve(overrides: ConnectionOverrides(profile: "staging"), environment: [:], configuration: Self.configuration)
        }
        let usernameOnly = try ConnectionSettings.resolve(
            overrides: ConnectionOverrides(), environment: ["ROSSUM_BASE_URL": "https://x.rossum.app/api/v1", "ROSSUM_USERNAME": "bob"],
            configuration: ProfileConfiguration())
        #expect(usernameOnly.credentials == .usernameOnly("bob"))
    }

    /// `--profile NAME` (and the console's `:profile NAME`) means that profile: `ROSSUM_*`
    /// variables fill only what it leaves out, and `--base-url` still wins.
    @Test func aProfileNamedExplicitlyBeatsTheEnvironment() throws {
        let environment = ["ROSSUM_BASE_URL": "https://env.rossum.app/api/v1", "ROSSUM_TOKEN": "env-token",
                           "ROSSUM_USERNAME": "env-user", "ROSSUM_PASSWORD": "env-password"]
        let prod = try ConnectionSettings.resolve(overrides: ConnectionOverrides(profile: "prod"), environment: environment,
                                                  configuration: Self.configuration)
        #expect(prod.baseURL == "https://acme.rossum.app/api/v1")
        #expect(prod.credentials == .token("profile-token"))
        let local = try ConnectionSettings.resolve(overrides: ConnectionOverrides(profile: "local"), environment: environment,
                                                   configuration: Self.configuration)
        #expect(local.credentials == .password(username: "ana", password: "secret"))

        // What the profile leaves out comes from the environment.
        let partial = ProfileConfiguration(profiles: ["urlOnly": Profile(baseURL: "https://partial.rossum.app/api/v1"),
                                                      "userOnly": Profile(baseURL: "https://u.rossum.app/api/v1", username: "bob")])
        let urlOnly = try ConnectionSettings.resolve(overrides: ConnectionOverrides(profile: "urlOnly"), environment: environment,
                                                     configuration: partial)
        #expect(urlOnly.baseURL == "https://partial.rossum.app/api/v1")
        #expect(urlOnly.credentials == .token("env-token"))
        let userOnly = try ConnectionSettings.resolve(overrides: ConnectionOverrides(profile: "userOnly"), environment: environment,
                                                      configuration: partial)
        #expect(userOnly.credentials == .password(username: "bob", password: "env-password"))

        let flagged = try ConnectionSettings.resolve(overrides: ConnectionOverrides(profile: "prod", baseURL: "https://flag.rossum.app/api/v1"),
                                                     environment: environment, configuration: Self.configuration)
        #expect(flagged.baseURL == "https://flag.rossum.app/api/v1")

        // Without a profile named on the command line, the environment still comes first,
        // also for a profile chosen by ROSSUM_PROFILE.
        let chosenByEnvironment = try ConnectionSettings.resolve(
            overrides: ConnectionOverrides(), environment: environment.merging(["ROSSUM_PROFILE": "prod"]) { $1 },
            configuration: Self.configuration)
        #expect(chosenByEnvironment.baseURL == "https://env.rossum.app/api/v1")
        #expect(chosenByEnvironment.credentials == .token("env-token"))
    }

    @Test func plainHTTPIsRefusedOffThisMachine() throws {
        #expect(throws: CommandFailure(.config, "refusing plain http:// to rossum.example.com (credentials would travel unencrypted): use https:// or pass --allow-insecure-http")) {
            try ConnectionSettings.validatedBaseURL("http://rossum.example.com/api/v1", allowInsecureHTTP: false)
        }
        #expect(try ConnectionSettings.validatedBaseURL("http://rossum.example.com/api/v1", allowInsecureHTTP: true) == "http://rossum.example.com/api/v1")
        #expect(try ConnectionSettings.validatedBaseURL("http://127.0.0.1:9000/api/v1", allowInsecureHTTP: false) == "http://127.0.0.1:9000/api/v1")
        #expect(try ConnectionSettings.validatedBaseURL("http://localhost:9000/api/v1", allowInsecureHTTP: false) == "http://localhost:9000/api/v1")
        #expect(throws: CommandFailure.self) { try ConnectionSettings.validatedBaseURL("ftp://x/api/v1", allowInsecureHTTP: true) }
        #expect(throws: CommandFailure.self) {
            try ConnectionSettings.resolve(overrides: ConnectionOverrides(), environment: [:], configuration: ProfileConfiguration())
        }
    }

    @Test func profilesRoundTripThroughAPrivateFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let paths = AppPaths(environment: ["HOME": directory.path, "XDG_CONFIG_HOME": directory.file("config")])
        let store = ProfileStore(paths: paths)
        #expect(try store.load() == ProfileConfiguration())
        try store.save(Self.configuration)
        #expect(try store.load() == Self.configuration)
        #expect(mode(of: paths.configFile) == 0o600)
        #expect(mode(of: paths.configDirectory) == 0o700)

        // A directory left open to others is tightened before the token is written.
        chmod(paths.configDirectory, 0o755)
        try store.update(profile: "prod") { $0.token = "new-token" }
        #expect(mode(of: paths.configDirectory) == 0o700)
        #expect(try store.load().profiles["prod"]?.token == "new-token")
        let text = try String(contentsOfFile: paths.configFile, encoding: .utf8)
        #expect(text.contains("base_url: https://acme.rossum.app/api/v1"))
    }

    /// A journal placed in a folder of the person's (or in /tmp) keeps its own file private but
    /// leaves that folder's mode alone; a folder it creates is private.
    @Test func aJournalInAFolderOfThePersonsLeavesThatFoldersModeAlone() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        chmod(directory.path, 0o777)
        _ = try Journal(path: directory.file("journal.sqlite"))
        #expect(mode(of: directory.path) == 0o777)
        #expect(mode(of: directory.file("journal.sqlite")) == 0o600)
        _ = try Journal(path: directory.file("new/journal.sqlite"))
        #expect(mode(of: directory.file("new")) == 0o700)
    }

    @Test func keyBindingsOfTheFileAndOfTheProfileAreMergedPerAction() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let paths = AppPaths(configDirectory: directory.path, stateDirectory: directory.file("state"))
        try directory.write("config.yaml", """
            keys:
              annotation.confirm: [C]
              refresh: [ctrl-r, f5]
            profiles:
              prod:
                base_url: https://acme.rossum.app/api/v1
                token: t
                keys: {annotation.confirm: [ctrl-y], annotation.delete: []}
              plain: {base_url: "https://acme.rossum.app/api/v1", token: t}
            """)
        let configuration = try ProfileStore(paths: paths).load()
        #expect(configuration.keys == ["annotation.confirm": ["C"], "refresh": ["ctrl-r", "f5"]])
        let prod = try ConnectionSettings.resolve(overrides: ConnectionOverrides(profile: "prod"), environment: [:], configuration: configuration)
        #expect(prod.keys == ["annotation.confirm": ["ctrl-y"], "annotation.delete": [], "refresh": ["ctrl-r", "f5"]])
        let plain = try ConnectionSettings.resolve(overrides: ConnectionOverrides(profile: "plain"), environment: [:], configuration: configuration)
        #expect(plain.keys == ["annotation.confirm": ["C"], "refresh": ["ctrl-r", "f5"]])
    }

    @Test func consoleSettingsOfTheFileReachEveryProfile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let paths = AppPaths(configDirectory: directory.path, stateDirectory: directory.file("state"))
        try directory.write("config.yaml", """
            aliases: {inv: "find status:to_review", exports: failed-exports}
            mouse: false
            plugins:
              dump: {key: ctrl-e, scopes: [list, detail], command: "env > /tmp/x", background: false, dangerous: true, needs_token: true}
            profiles:
              prod: {base_url: "https://acme.rossum.app/api/v1", token: t}
            """)
        let configuration = try ProfileStore(paths: paths).load()
        let prod = try ConnectionSettings.resolve(overrides: ConnectionOverrides(profile: "prod"), environment: [:], configuration: configuration)
        #expect(prod.aliases == ["inv": "find status:to_review", "exports": "failed-exports"])
        #expect(!prod.mouse)
        #expect(prod.plugins["dump"] == PluginConfig(key: "ctrl-e", scopes: ["list", "detail"], command: "env > /tmp/x",
                                                     background: false, dangerous: true, needsToken: true))
    }

    @Test func aBrokenConfigSaysWhereAndWhat() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let paths = AppPaths(configDirectory: directory.path, stateDirectory: directory.file("state"))
        try directory.write("config.yaml", "profiles: [this is: not a map\n")
        #expect(throws: CommandFailure.self) { try ProfileStore(paths: paths).load() }
        do {
            _ = try ProfileStore(paths: paths).load()
        } catch let failure as CommandFailure {
            #expect(failure.status == .config)
            #expect(failure.message.contains(paths.configFile))
        }
    }
}
