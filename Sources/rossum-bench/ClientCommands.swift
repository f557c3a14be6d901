import ArgumentParser
import Foundation
import RossumKit

// Our side of each client benchmark, run by the bench as a child process of this same
// executable so the OS accounts for it exactly as for the peers.

struct ClientList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client-list", abstract: "List every annotation with RossumKit and print how many (benchmark child).")

    @Option var baseURL: String
    @Option var username: String
    @Option var password: String
    @Option var inFlight = 4
    @Option var pageSize = 100

    func run() async throws {
        var configuration = RossumClientConfiguration()
        configuration.maxInFlightRequests = inFlight
        configuration.pageSize = pageSize
        let client = try RossumClient(baseURL: baseURL, credentials: .credentials(username: username, password: password),
                                      configuration: configuration)
        var count = 0
        for try await _ in client.annotations.list() { count += 1 }
        print(count)
    }
}

struct ClientDownload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client-download", abstract: "Download a Data Storage collection to a JSON array file with RossumKit (benchmark child).")

    @Option var baseURL: String
    @Option var token: String
    @Option var collection: String
    @Option var output: String

    func run() async throws {
        let client = try RossumClient(baseURL: baseURL, credentials: .token(token))
        let summary = try await client.dataStorage.downloadCollection(collection, to: URL(fileURLWithPath: output))
        print(summary.records)
    }
}

struct ClientFindOnce: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client-find-once", abstract: "Fetch a whole collection in one data/find request and write the answer as is (the sandbox's ceiling).")

    @Option var baseURL: String
    @Option var token: String
    @Option var collection: String
    @Option var limit: Int
    @Option var output: String

    func run() async throws {
        let client = try RossumClient(baseURL: baseURL, credentials: .token(token))
        let body: JSONValue = ["collectionName": .string(collection), "query": [:], "sort": ["_id": 1], "limit": .number(Double(limit))]
        let response = try await client.request("POST", client.serviceURL("svc/data-storage/api/v1/data/find"), body: .json(body))
        let bytes = response.body.readableBytesView
        guard FileManager.default.createFile(atPath: output, contents: Data(bytes)) else {
            throw ValidationError("cannot write \(output)")
        }
    }
}
