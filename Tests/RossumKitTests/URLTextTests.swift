import Testing
@testable import RossumKit

@Suite struct URLTextTests {
    @Test func servicesRootFromAPIBase() {
        #expect(URLText.servicesRoot(fromAPIBase: "https://acme.rossum.app/api/v1") == "https://acme.rossum.app")
        #expect(URLText.servicesRoot(fromAPIBase: "https://acme.rossum.app/api/v1/") == "https://acme.rossum.app")
        #expect(URLText.servicesRoot(fromAPIBase: "https://api.elis.rossum.ai/v1") == "https://elis.rossum.ai")
        #expect(URLText.servicesRoot(fromAPIBase: "https://us.api.rossum.ai/api/v1") == "https://us.app.rossum.ai")
        #expect(URLText.servicesRoot(fromAPIBase: "http://127.0.0.1:8080/api/v1") == "http://127.0.0.1:8080")
    }

    @Test func servicesRootCanBeOverridden() throws {
        var configuration = RossumClientConfiguration()
        configuration.servicesRoot = "https://data.example.com"
        let client = try RossumClient(baseURL: "https://api.example.com/api/v1", credentials: .token("t0ken-value"), configuration: configuration)
        #expect(client.dataStorage.baseURL == "https://data.example.com/svc/data-storage/api/v1")
        #expect(client.masterDataHub.baseURL == "https://data.example.com/svc/master-data-hub/api/v1")
    }

    @Test func resolvesRelativeAndKeepsAbsolute() {
        #expect(URLText.resolve("queues/1", against: "https://x/api/v1") == "https://x/api/v1/queues/1")
        #expect(URLText.resolve("/queues/1", against: "https://x/api/v1/") == "https://x/api/v1/queues/1")
        #expect(URLText.resolve("https://y/api/v1/queues/1?page=2", against: "https://x/api/v1") == "https://y/api/v1/queues/1?page=2")
    }

    @Test func queryEncodingKeepsOrderAndEscapes() {
        let query: QueryItems = ["status": ["to_review", "postponed"], "queue": 12, "automated": true, "q": "a b&c"]
        #expect(query.encoded == "status=to_review%2Cpostponed&queue=12&automated=true&q=a%20b%26c")
        #expect(URLText.appendingQuery(query, to: "https://x/a?format=json").hasPrefix("https://x/a?format=json&status="))
    }

    @Test func idsFromURLs() {
        #expect(URLText.id(in: "https://E/api/v1/annotations/314528") == 314528)
        #expect(URLText.id(in: "https://E/api/v1/annotations/320332/content/19434", after: "annotations") == 320332)
        #expect(URLText.id(in: "https://E/api/v1/tasks/16508?no_redirect=True") == 16508)
        #expect(URLText.id(in: "https://E/api/v1/annotations/x") == nil)
    }

    @Test func operationIDFromLocation() {
        #expect(MasterDataHub.operationID(fromLocation: "https://x/svc/master-data-hub/api/v1/operation/64f0c2a1b3e4d5f6a7b8c9d0") == "64f0c2a1b3e4d5f6a7b8c9d0")
        #expect(MasterDataHub.operationID(fromLocation: "/svc/master-data-hub/api/v1/operation/abc?x=1") == "abc")
        #expect(MasterDataHub.operationID(fromLocation: "https://x/svc/data-storage/api/v1/operation_status/0123") == "0123")
        #expect(MasterDataHub.operationID(fromLocation: "https://x/elsewhere") == nil)
    }

    @Test func invalidBaseURLIsAConfigurationError() {
        #expect(throws: RossumError.self) { try RossumClient(baseURL: "not a url", credentials: .token("abcd")) }
        var configuration = RossumClientConfiguration()
        configuration.retries = 0
        #expect(throws: RossumError.self) { try RossumClient(baseURL: "https://x/api/v1", credentials: .token("abcd"), configuration: configuration) }
    }
}
