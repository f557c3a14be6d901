import Foundation
import Testing
@testable import RossumSandbox

/// Thousands of generated malformed requests, across every route family and every query
/// operator: the server must answer each with less than a 500, and still work afterwards.
/// A crash would end the whole test process, so reaching the end is itself the first check.
@Suite struct FuzzTests {
    /// Fixed, so a failure repeats; set SANDBOX_FUZZ_SEED (and SANDBOX_FUZZ_COUNT) to explore others.
    static let seed = ProcessInfo.processInfo.environment["SANDBOX_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_260_512
    static let requestCount = ProcessInfo.processInfo.environment["SANDBOX_FUZZ_COUNT"].flatMap { Int($0) } ?? 3_000

    /// What a fuzz run saw.
    struct Run: Sendable {
        var failures: [String] = []
        var statuses: [Int: Int] = [:]
        var families: [String: Int] = [:]
        var operatorsUsed: Set<String> = []
        var elapsed: Duration = .zero
    }

    @Test func malformedRequestsAreAnsweredWithoutServerErrors() async throws {
        // Run alone among the sandbox tests: thousands of requests would squeeze their deadlines.
        try await SandboxHarness.with({ configuration in
            configuration.size = .small
            configuration.dataHubTimings = DataHubTimings(queued: .milliseconds(5), processing: .milliseconds(10))
        }, exclusive: true) { sandbox in
            let (baseURL, token) = (sandbox.server.baseURL, sandbox.token)
            // The client side (generating, sending, reading) runs off the cooperative threads,
            // which are left to the server under test and to the other tests.
            let run = try await RawHTTPConnection.runBlocking { Self.fuzz(baseURL: baseURL, token: token) }
            print("fuzz: \(Self.requestCount) requests in \(run.elapsed); statuses \(run.statuses.sorted { $0.key < $1.key }); families \(run.families.sorted { $0.key < $1.key })")

            #expect(run.failures.isEmpty, "\(run.failures.count) failures, first ones:\n\(run.failures.prefix(25).joined(separator: "\n"))")
            let missing = RequestFuzzer.everyOperator.subtracting(run.operatorsUsed)
            #expect(missing.isEmpty, "operators never sent: \(missing.sorted())")
            try await Self.expectAlive(sandbox)
        }
    }

    /// Sends the generated requests one by one, blocking, on a kept-alive connection (opened
    /// again whenever the server ends one, e.g. after an unreadable body).
    static func fuzz(baseURL: String, token: String?) -> Run {
        var fuzzer = RequestFuzzer(seed: seed)
        var run = Run()
        var client = KeptAliveClient(baseURL: baseURL, token: token)
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<requestCount {
            let request = fuzzer.next()
            run.families[request.family, default: 0] += 1
            do {
                let (status, body) = try client.send(request)
                run.statuses[status, default: 0] += 1
                if status >= 500 { run.failures.append("\(status) \(request)") }
                if status >= 400, request.family.hasPrefix("new:"), let problem = RequestFuzzer.errorBodyProblem(path: request.path, body: body) {
                    run.failures.append("\(status), \(problem): \(request)")
                }
            } catch {
                run.failures.append("no answer (\(error)): \(request)")
            }
            // Admin requests may have switched faults on; the next request must meet a plain server.
            if request.family == "admin" {
                let reset = FuzzRequest(family: "reset", method: "PUT", path: "/api/v1/_sandbox/faults", body: Data("{}".utf8), contentType: "application/json")
                if (try? client.send(reset))?.status != 200 { run.failures.append("could not switch faults off after \(request)") }
            }
        }
        run.elapsed = clock.now - start
        run.operatorsUsed = fuzzer.operatorsUsed
        return run
    }

    /// One connection reused request after request, as HTTP clients do (cheaper for the server
    /// than a connection each, so the fuzz run squeezes the other tests less).
    struct KeptAliveClient {
        let baseURL: String
        let token: String?
        var connection: RawHTTPConnection?

        init(baseURL: String, token: String?) {
            self.baseURL = baseURL
            self.token = token
        }

        mutating func send(_ request: FuzzRequest) throws -> (status: Int, body: Data) {
            var head = "\(request.method) \(request.path) HTTP/1.1\r\nHost: \(baseURL.dropFirst("http://".count))\r\n"
            if request.authorized, let token { head += "Authorization: Bearer \(token)\r\n" }
            for (name, value) in request.headers { head += "\(name): \(value)\r\n" }
            if let contentType = request.contentType { head += "Content-Type: \(contentType)\r\n" }
            if let body = request.body { head += "Content-Length: \(body.count)\r\n" }
            var bytes = Data((head + "\r\n").utf8)
            if let body = request.body { bytes.append(body) }
            let connection = try self.connection ?? RawHTTPConnection(baseURL: baseURL)
            self.connection = nil
            try connection.sendBlocking(bytes)
            guard let response = try connection.readResponseBlocking(timeout: .seconds(15), method: request.method) else {
                throw RawHTTPConnection.Failure(description: "connection closed without an answer")
            }
            if !connection.closedByPeer, response.header("Connection")?.lowercased() != "close" { self.connection = connection }
            return (response.status, response.body)
        }
    }

    @Test func garbageOnTheWireIsRefusedAndTheConnectionEnds() async throws {
        try await SandboxHarness.with { sandbox in
            var random = SplitMix64(seed: Self.seed)
            var failures: [String] = []
            for index in 0..<150 {
                let bytes = Self.garbage(index, random: &random)
                let connection = try await RawHTTPConnection.open(baseURL: sandbox.server.baseURL)
                try await connection.send(bytes)
                connection.finishSending()
                do {
                    if let response = try await connection.readResponse(timeout: .seconds(5)), response.status >= 500 || response.status == 0 {
                        failures.append("\(response.statusLine) for \(String(decoding: bytes.prefix(120), as: UTF8.self).debugDescription)")
                    }
                    if !(try await connection.waitForClose(timeout: .seconds(5))) {
                        failures.append("left open: \(String(decoding: bytes.prefix(120), as: UTF8.self).debugDescription)")
                    }
                } catch {
                    failures.append("\(error): \(String(decoding: bytes.prefix(120), as: UTF8.self).debugDescription)")
                }
            }
            #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
            try await Self.expectAlive(sandbox)
        }
    }

    static func expectAlive(_ sandbox: SandboxHarness) async throws {
        #expect(try await sandbox.get("auth/user").status == 200)
        #expect(try await sandbox.get("annotations?page_size=5").status == 200)
        let found = try await sandbox.post(SandboxHarness.storage + "/data/find", json: ["collectionName": "suppliers", "query": [:], "limit": 1])
        #expect(found.status == 200)
        #expect(try await sandbox.request("GET", "_sandbox/faults", authorized: false).status == 200)
        // The newer families' lists still read whole after the run, and page edits and copies
        // left no page pointing at an annotation that is gone.
        #expect(try await sandbox.get("emails?page_size=5").status == 200)
        // Every e-mail still has a thread the thread list serves, and the registries read whole.
        let emails = ((try await sandbox.get("emails?page_size=100").json as? [String: Any])?["results"] as? [[String: Any]]) ?? []
        let threads = ((try await sandbox.get("email_threads?page_size=100").json as? [String: Any])?["results"] as? [[String: Any]]) ?? []
        let threadURLs = Set(threads.compactMap { $0["url"] as? String })
        #expect(emails.allSatisfy { ($0["email_thread"] as? String).map(threadURLs.contains) == true })
        #expect(try await sandbox.get("/svc/master-data-hub/api/v2/datasets").status == 200)
        #expect(try await sandbox.get("/svc/master-data-hub/api/v2/datasets/suppliers/search_indexes").status == 200)
        let pages = try await sandbox.get("pages?page_size=100&ordering=-id")
        #expect(pages.status == 200)
        let owners = Set(((pages.json as? [String: Any])?["results"] as? [[String: Any]] ?? []).compactMap { $0["annotation"] as? String })
        for owner in owners.sorted() {
            guard let id = owner.split(separator: "/").last else { continue }
            #expect(try await sandbox.get("annotations/\(id)").status == 200, "page owner \(owner) is gone")
        }
        let indexes = try await sandbox.post(SandboxHarness.storage + "/indexes/list", json: ["collectionName": "suppliers"])
        #expect(indexes.status == 200)
    }

    /// Bytes that are not quite HTTP: broken request lines, headers and chunk framing.
    static func garbage(_ index: Int, random: inout SplitMix64) -> Data {
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        let lines = ["GET  HTTP/1.1", "GET / HTTP/2.0", "GET / HTTP/1.1 extra", "BREW /api/v1 HTTP/1.1", "G\u{0}ET / HTTP/1.1",
                     "GET /" + String(repeating: "a", count: 10_000) + " HTTP/1.1", "GET /api/v1/queues HTTP/0.9", "GET /api/v1/queues",
                     "POST /api/v1/workspaces HTTP/1.1", "POST /svc/data-storage/api/v1/data/find HTTP/1.1", "\r\n\r\n", "HTTP/1.1 200 OK"]
        let headers = ["X: \u{0}", ":::", "Content-Length: -1", "Content-Length: 1e3", "Content-Length: 99999999999999999999",
                       "Transfer-Encoding: chunked, identity", "Host: \u{1}", "Content-Length: 3\r\nContent-Length: 4", "Transfer-Encoding: chunked",
                       "X-Big: " + String(repeating: "b", count: 100_000), "Host", " folded: line", "Content-Type: application/json"]
        let bodies = ["", "{}", "FFFFFFFFFFFFFFFFFF\r\n", "-1\r\n", "1;ext=\u{0}\r\nx\r\n0\r\n\r\n", "3\r\nabc\r\n0\r\n\r\n", "{\"collectionName\":"]
        if index % 10 == 9 {
            return Data((0..<Int(random.next() % 300)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        }
        var text = pick(lines) + "\r\n"
        for _ in 0..<Int(random.next() % 4) { text += pick(headers) + "\r\n" }
        text += "\r\n" + pick(bodies)
        return Data(text.utf8)
    }
}
