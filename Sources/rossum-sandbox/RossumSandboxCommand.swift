import ArgumentParser
import Foundation
import RossumSandbox

/// `rossum-sandbox`: the local Rossum-compatible server on its own.
@main
struct RossumSandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rossum-sandbox",
        abstract: "A local Rossum-compatible API server with demo data, for demos, practice and tests.")

    @Option(help: "Address to listen on (loopback unless told otherwise).") var host = "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free one.") var port = 0
    @Option(help: "Demo user name.") var username = "demo@rossum.local"
    @Option(help: "Demo user password.") var password = "demo-password"
    @Option(name: .customLong("db"), help: "SQLite file that keeps the state across restarts (default: in memory).")
    var databasePath: String?
    @Option(help: "Seed of the demo data generator.") var seed: UInt64 = 1
    @Option(help: "Demo data size: empty, small, demo or large.") var size = "small"
    @Flag(help: "Keep the demo alive: new documents arrive and go through import.") var live = false
    @Option(help: "Faults to inject, e.g. error=0.2,throttle=0.1,latency=50ms,drop=0.05,truncate=0.05.")
    var faults = ""
    @Option(help: "Token lifetime in seconds.") var tokenLifetime: Double = 162 * 3600
    @Option(help: "Seconds from upload to to_review.") var importDelay: Double = 2

    mutating func run() async throws {
        guard let demoSize = DemoSize(rawValue: size) else {
            throw ValidationError("--size must be one of: \(DemoSize.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var configuration = SandboxConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.username = username
        configuration.password = password
        configuration.databasePath = databasePath
        configuration.seed = seed
        configuration.size = demoSize
        configuration.live = live
        configuration.tokenLifetime = .milliseconds(Int(tokenLifetime * 1000))
        configuration.importDelay = .milliseconds(Int(importDelay * 1000))
        do {
            configuration.faults = try FaultConfiguration(parsing: faults)
        } catch {
            throw ValidationError("--faults: \(error)")
        }

        let server = try await SandboxServer.start(configuration)
        // The first line is the URL, so scripts can read it (`--port 0` picks a free port).
        print(server.baseURL)
        print("rossum-sandbox: API at \(server.apiURL)")
        print("rossum-sandbox: log in as \(username) / \(password)")
        if !configuration.faults.isOff { print("rossum-sandbox: injecting faults \(faults)") }
        fflush(nil)

        // Wait for Ctrl-C or SIGTERM, then shut down cleanly.
        let (signals, continuation) = AsyncStream<Int32>.makeStream()
        let sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { continuation.yield(signalNumber) }
            source.resume()
            return source
        }
        for await _ in signals { break }
        sources.forEach { $0.cancel() }
        await server.shutdown()
    }
}
