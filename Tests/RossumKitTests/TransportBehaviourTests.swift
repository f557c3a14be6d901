import Foundation
import Logging
import NIOCore
import Synchronization
import Testing
@testable import RossumKit

/// The client's own decisions, checked without a server: what is retried, how often, how long it
/// waits, when it logs in again, and that no secret leaks into errors.
@Suite struct TransportBehaviourTests {
    @Test func retriesIdempotentRequestsThenReportsTheStatus() async throws {
        let recorder = SleepRecorder()
        let transport = FakeTransport { _, _ in json(503, #"{"detail": "maintenance"}"#) }
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"), configuration: .instant(recorder), transport: transport)
        let error = await #expect(throws: RossumError.self) { _ = try await client.workspaces.retrieve(1) }
        #expect(transport.requests.count == 3)
        #expect(error == .http(status: 503, method: "GET", url: "https://x/api/v1/workspaces/1", detail: "maintenance"))
        #expect(recorder.recorded == [.milliseconds(1500), .milliseconds(2500)])
    }

    @Test func retriesForATimeBudgetRatherThanACount() async throws {
        let recorder = SleepRecorder()
        let transport = FakeTransport { _, _ in json(503, #"{"detail": "maintenance"}"#) }
        var configuration = RossumClientConfiguration.instant(recorder, retries: nil)
        configuration.retryBudget = .seconds(30)
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"), configuration: configuration, transport: transport)
        let error = await #expect(throws: RossumError.self) { _ = try await client.workspaces.retrieve(1) }
        #expect(error?.status == 503)
        // 1 s doubling, capped at 10 s, plus the fixed 0.5 s of jitter, while the waits fit in 30 s
        #expect(recorder.recorded == [.milliseconds(1500), .milliseconds(2500), .milliseconds(4500), .milliseconds(8500), .milliseconds(10500)])
        #expect(transport.requests.count == 6)
    }

    @Test func aLoginKeepsTryingWhileTheBudgetLasts() async throws {
        // five failed logins in a row: more than any small count of attempts allows
        let transport = FakeTransport { request, number in
            if request.url.hasSuffix("auth/login") {
                return number <= 5 ? json(503, "{}") : json(200, #"{"key": "key-after-blips", "domain": "x"}"#)
            }
            return json(200, #"{"id": 1}"#)
        }
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .credentials(username: "jane", password: "secret-pw"),
                                      configuration: .instant(retries: nil), transport: transport)
        #expect(try await client.workspaces.retrieve(1).id == 1)
        #expect(transport.requests.filter { $0.url.hasSuffix("auth/login") }.count == 6)
    }

    @Test func honoursRetryAfter() async throws {
        let recorder = SleepRecorder()
        let transport = FakeTransport { _, number in
            number == 1 ? json(429, "{}", headers: [("Retry-After", "7")]) : json(200, #"{"id": 1}"#)
        }
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"), configuration: .instant(recorder), transport: transport)
        let workspace = try await client.workspaces.retrieve(1)
        #expect(workspace.id == 1)
        #expect(recorder.recorded == [.seconds(7)])
    }

    @Test func nonIdempotentPostIsNotRetriedAfterAServerError() async throws {
        let transport = FakeTransport { _, _ in json(502, "bad gateway") }
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"), configuration: .instant(), transport: transport)
        await #expect(throws: RossumError.self) { try await client.annotations.confirm(5) }
        #expect(transport.requests.count == 1)
    }

    @Test func nonIdempotentPostIsRetriedWhenNothingWasSent() async throws {
        let transport = FakeTransport { _, number in
            if number == 1 { throw TransportFailure(phase: .beforeSending, isTimeout: false, reason: "connection refused") }
            if number == 2 { return json(429, "{}") }
            return json(200, "{}")
        }
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"), configuration: .instant(), transport: transport)
        try await client.annotations.confirm(5)
        #expect(transport.requests.count == 3)
        let timeouts = FakeTransport { _, _ in throw TransportFailure(phase: .unknown, isTimeout: true, reason: "deadline") }
        let other = try RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"), configuration: .instant(), transport: timeouts)
        let error = await #expect(throws: RossumError.self) { try await other.annotations.confirm(5) }
        #expect(timeouts.requests.count == 1)
        #expect(error == .timeout(method: "POST", url: "https://x/api/v1/annotations/5/confirm", seconds: 30))
    }

    @Test func logsInLazilyOnceAndAgainOnExpiry() async throws {
        let tokens = Mutex<[String]>([])
        let transport = FakeTransport { request, _ in
            if request.url.hasSuffix("auth/login") {
                let body = String(decoding: request.body ?? [], as: UTF8.self)
                #expect(body == "username=jane&password=pa%24%24word")
                #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
                #expect(request.header("Authorization") == nil)
                let key = "key-\(tokens.withLock { $0.count + 1 })"
                tokens.withLock { $0.append(key) }
                return json(200, #"{"key": "\#(key)", "domain": "x"}"#)
            }
            // the first token expires after the first use
            return request.header("Authorization") == "Bearer key-1" && tokens.withLock({ $0.count }) == 1
                && request.url.hasSuffix("/2") ? json(401, #"{"detail": "Invalid token."}"#) : json(200, #"{"id": 1}"#)
        }
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .credentials(username: "jane", password: "pa$$word"),
                                      configuration: .instant(), transport: transport)
        #expect(transport.requests.isEmpty)  // lazy
        async let first = client.workspaces.retrieve(1)
        async let second = client.workspaces.retrieve(1)
        _ = try await (first, second)
        #expect(tokens.withLock { $0 } == ["key-1"])  // concurrent requests shared one login
        _ = try await client.workspaces.retrieve(2)
        #expect(tokens.withLock { $0 } == ["key-1", "key-2"])
        #expect(try await client.token() == "key-2")
        #expect(transport.requests.last?.header("Authorization") == "Bearer key-2")
    }

    @Test func aRejectedTokenFailsAtOnceWithAClearErrorAndNoSecret() async throws {
        let secret = "tok-super-secret-987"
        let transport = FakeTransport { request, _ in
            // a server that echoes the header back must not make the error leak it
            json(401, #"{"detail": "Invalid token \#(request.header("Authorization") ?? "")"}"#)
        }
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .token(secret), configuration: .instant(), transport: transport)
        let error = await #expect(throws: RossumError.self) { _ = try await client.queues.retrieve(3) }
        #expect(transport.requests.count == 1)
        #expect(error?.status == 401)
        let text = "\(String(describing: error)) \(error?.localizedDescription ?? "")"
        #expect(!text.contains(secret))
        #expect(text.contains("token is missing, invalid or expired"))
        #expect(!"\(Credentials.token(secret))".contains(secret))
        #expect(!"\(Credentials.credentials(username: "u", password: secret))".contains(secret))
    }

    @Test func loginIsRetriedAndAFailedLoginNamesTheUserNotThePassword() async throws {
        let transport = FakeTransport { _, number in
            number == 1 ? json(503, "{}") : json(401, #"{"detail": "Unable to log in with provided credentials."}"#)
        }
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .credentials(username: "jane", password: "hunter2-secret"),
                                      configuration: .instant(), transport: transport)
        let error = await #expect(throws: RossumError.self) { try await client.authenticate() }
        #expect(transport.requests.count == 2)
        guard case .authentication(let message)? = error else {
            Issue.record("expected an authentication error, got \(String(describing: error))")
            return
        }
        #expect(message.contains("jane"))
        #expect(!message.contains("hunter2-secret"))
    }

    @Test func inFlightCapHoldsAcrossTasks() async throws {
        let transport = FakeTransport { _, _ in
            try await Task.sleep(for: .milliseconds(5))
            return json(200, #"{"id": 1}"#)
        }
        var configuration = RossumClientConfiguration.instant()
        configuration.maxInFlightRequests = 3
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"), configuration: configuration, transport: transport)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in 0..<24 { group.addTask { _ = try await client.workspaces.retrieve(id) } }
            try await group.waitForAll()
        }
        #expect(transport.requests.count == 24)
        #expect(transport.maxInFlight == 3)
    }

    @Test func pagesAreFetchedAheadAndYieldedInOrder() async throws {
        // later pages answer first; the sequence must still be in page order
        let transport = FakeTransport { request, _ in
            let page = Int(request.url.components(separatedBy: "page=").last!.prefix { $0.isNumber })!
            #expect(request.url.contains("include_total=true"))
            #expect(request.url.contains("page_size=100"))
            #expect(request.url.contains("ordering=-id"))
            try await Task.sleep(for: .milliseconds(UInt64(20 - page)))
            let ids = (0..<3).map { #"{"id": \#(page * 100 + $0)}"# }.joined(separator: ",")
            return json(200, #"{"pagination": {"total": 27, "total_pages": 9, "next": null}, "results": [\#(ids)]}"#)
        }
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"), configuration: .instant(), transport: transport)
        let ids = try await client.workspaces.list(ordering: ["-id"]).collect().map(\.id)
        var expected: [Int] = []
        for page in 1...9 { for offset in 0..<3 { expected.append(page * 100 + offset) } }
        #expect(ids == expected)
        #expect(transport.maxInFlight <= 4)
        #expect(transport.maxInFlight > 1)
        let limited = try await client.workspaces.list(ordering: ["-id"], maxPages: 2).collect()
        #expect(limited.count == 6)
        let third = try await client.workspaces.list(ordering: ["-id"]).page(3)
        #expect(third.results.map(\.id) == [300, 301, 302])
        #expect(third.total == 27)
    }

    @Test func aListThatShrinksWhileReadEndsCleanly() async throws {
        // page 1 counts 3 pages; by the time page 3 is asked for, it is gone
        let transport = FakeTransport { request, _ in
            if request.url.contains("page=3") { return json(404, #"{"detail": "Invalid page."}"#) }
            let page = request.url.contains("page=2") ? 2 : 1
            return json(200, #"{"pagination": {"total": 5, "total_pages": 3}, "results": [{"id": \#(page * 10)}, {"id": \#(page * 10 + 1)}]}"#)
        }
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"), configuration: .instant(), transport: transport)
        #expect(try await client.workspaces.list().collect().map(\.id) == [10, 11, 20, 21])
    }

    @Test func cursorPaginationFollowsNext() async throws {
        let transport = FakeTransport { request, _ in
            if request.url.contains("cursor=b") { return json(200, #"{"next": null, "results": [{"id": 3}]}"#) }
            if request.url.contains("cursor=a") { return json(200, #"{"next": "https://x/api/v1/things?cursor=b", "results": [{"id": 2}]}"#) }
            return json(200, #"{"next": "https://x/api/v1/things?cursor=a", "results": [{"id": 1}]}"#)
        }
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .token("tok-123456"), configuration: .instant(), transport: transport)
        let items = try await client.requestCursorPaginated("things").collect()
        #expect(items.map { $0["id"]?.intValue } == [1, 2, 3])
        #expect(transport.requests.count == 3)
    }

    @Test func logLinesNeverCarryTheToken() async throws {
        let secret = "tok-log-secret-555"
        let sink = LogSink()
        var configuration = RossumClientConfiguration.instant()
        configuration.logger = Logger(label: "test") { _ in sink }
        configuration.logger.logLevel = .trace
        let transport = FakeTransport { request, number in
            number < 3 ? json(503, #"{"detail": "echo \#(request.header("Authorization") ?? "")"}"#) : json(500, "{\"detail\": \"\(secret)\"}")
        }
        let client = try RossumClient(baseURL: "https://x/api/v1", credentials: .token(secret), configuration: configuration, transport: transport)
        let error = await #expect(throws: RossumError.self) { _ = try await client.hooks.retrieve(1) }
        #expect(!sink.lines.isEmpty)
        for line in sink.lines + ["\(String(describing: error))"] {
            #expect(!line.contains(secret))
        }
    }
}

/// Collects formatted log lines.
final class LogSink: LogHandler, @unchecked Sendable {
    private let storage = Mutex<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    var lines: [String] { storage.withLock { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        storage.withLock { $0.append("\(event.level) \(event.message) \(event.metadata ?? [:])") }
    }
}

/// A refused connection is said as one, not in NIO's words.
@Suite struct TransportReasonTests {
    @Test func aRefusedConnectionIsSaidPlainly() async throws {
        var configuration = RossumClientConfiguration()
        configuration.retryBudget = .zero  // one attempt: a refused connection is otherwise retried
        let client = try RossumClient(baseURL: "http://127.0.0.1:9/api/v1", credentials: .token("t"), configuration: configuration)
        do {
            _ = try await client.queues.retrieve(1)
            Issue.record("port 9 answered")
        } catch let error as RossumError {
            #expect(error.description.contains("could not reach the server: connection refused: nothing answers at that address and port"), "\(error)")
        }
        #expect(AsyncHTTPTransport.plainReason("something new") == "something new")
    }
}
