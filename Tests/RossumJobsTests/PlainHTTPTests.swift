import Foundation
import Logging
import RossumJobs
import RossumKit
import ScriptedHTTPServer
import Testing

/// Plain http:// only to this machine, decided on the address itself, and the credentials a
/// URL may carry (`http://user:secret@host`) never shown.
@Suite struct PlainHTTPTests {
    static let thisMachine = [
        "http://127.0.0.1:9000/api/v1", "http://127.255.255.254/api/v1", "http://localhost/api/v1", "http://LOCALHOST:1/api/v1",
        "http://sandbox.localhost:8080/api/v1", "http://[::1]:9000/api/v1", "http://[0:0:0:0:0:0:0:1]/api/v1",
    ]
    static let elsewhere = [
        "http://127.attacker.invalid/api/v1", "http://127.0.0.1.attacker.invalid/api/v1", "http://127.1/api/v1",
        "http://0x7f.0.0.1/api/v1", "http://127.0.0.256/api/v1", "http://localhost.attacker.invalid/api/v1",
        "http://128.0.0.1/api/v1", "http://[::2]/api/v1", "http://rossum.example.com/api/v1",
    ]

    @Test(arguments: thisMachine)
    func plainHTTPToThisMachineIsAllowed(url: String) throws {
        #expect(try ConnectionSettings.validatedBaseURL(url, allowInsecureHTTP: false) == url)
    }

    @Test(arguments: elsewhere)
    func plainHTTPAnywhereElseIsRefused(url: String) {
        let error = #expect(throws: CommandFailure.self) { try ConnectionSettings.validatedBaseURL(url, allowInsecureHTTP: false) }
        #expect(error?.status == .config)
        #expect(error?.message.hasPrefix("refusing plain http://") == true)
    }

    @Test func credentialsInAURLAreBlankedByOneRule() {
        #expect(Redactor.removingURLCredentials(from: "[GET] http://jane:hunter2@127.0.0.1:9/api/v1/x - failed")
            == "[GET] http://***@127.0.0.1:9/api/v1/x - failed")
        #expect(Redactor.removingURLCredentials(from: "a https://tok@h/p?q=a@b and http://u:p@w@x/y")
            == "a https://***@h/p?q=a@b and http://***@x/y")
        #expect(Redactor.removingURLCredentials(from: "mail jane@example.com, see https://example.com/@jane")
            == "mail jane@example.com, see https://example.com/@jane")
    }

    @Test func aPasswordInTheBaseURLNeverReachesAMessageOutputOrLog() async throws {
        let secret = "hunter2-in-the-url"
        let server = try await ScriptedHTTPServer.start { _ in ScriptedHTTPServer.answer(503, #"{"detail": "down for maintenance"}"#) }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let baseURL = "http://jane:\(secret)@127.0.0.1:\(server.port)/api/v1"
        let paths = AppPaths(configDirectory: directory.file("config"), stateDirectory: directory.file("state"))
        try ProfileStore(paths: paths).save(ProfileConfiguration(profiles: ["url": Profile(baseURL: baseURL, token: "tok-123456")]))

        // an error from the client
        let (capturing, output) = OutputStreams.capturing()
        var configuration = RossumClientConfiguration()
        configuration.retries = 1
        let context = CommandContext(overrides: ConnectionOverrides(profile: "url"), environment: ["HOME": directory.path], paths: paths,
                                     output: capturing, clientConfiguration: configuration)
        let status = await context.run { try await ScriptingCommands.listWorkspaces(options: ListOptions(format: .ndjson), context: context) }
        #expect(status == .unavailable)
        #expect(output.err.contains("http://***@127.0.0.1:\(server.port)/api/v1/workspaces"))
        // the listing of profiles, the connection check's message
        try AccountCommands.profiles(json: true, context: context)
        #expect(output.out.contains("http://***@127.0.0.1"))
        let problem = await ConnectionCheck.problem(switchingTo: "url", from: context, deadline: .seconds(2))
        #expect(problem?.contains("http://***@127.0.0.1") == true)
        // a bad URL
        let bad = #expect(throws: CommandFailure.self) {
            try ConnectionSettings.validatedBaseURL("ftp://jane:\(secret)@files.example.com/", allowInsecureHTTP: false)
        }
        // a log line
        let log = directory.file("state/test.log")
        let logger = Logger(label: "test") { label in FileLogHandler(label: label, sink: FileSink(path: log)) }
        logger.info("connecting to \(baseURL)")
        for text in [output.out, output.err, problem ?? "", bad?.message ?? "", try String(contentsOfFile: log, encoding: .utf8)] {
            #expect(!text.contains(secret), "\(text)")
        }
        await server.shutdown()
    }
}
