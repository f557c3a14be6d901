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
    @Option(help: "Seconds between arrivals in live mode.") var liveInterval: Double = 5
    @Option(help: "Faults to inject, e.g. error=0.2,throttle=0.1,latency=50ms,drop=0.05,truncate=0.05.")
    var faults = ""
    @Option(help: "Token lifetime in seconds.") var tokenLifetime: Double = 162 * 3600
    @Option(help: "Seconds from upload to to_review.") var importDelay: Double = 2
    @Option(help: "Seconds a deleted queue stays in deletion_requested before it is removed.") var queueDeletionDelay: Double = 60
    @Option(help: "Seconds a confirmed annotation stays exporting before its export runs (0: within the confirm).")
    var exportDelay: Double = 1

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
        // Checked before converting to milliseconds: an out-of-range Double would trap.
        let year = 366.0 * 86_400
        guard (0.001...year).contains(liveInterval), (0.001...(10 * year)).contains(tokenLifetime), (0...year).contains(importDelay),
              (0...year).contains(queueDeletionDelay), (0...year).contains(exportDelay) else {
            throw ValidationError(
                "--live-interval must be from 0.001 s to a year, --token-lifetime from 0.001 s to ten years, "
                    + "--import-delay, --queue-deletion-delay and --export-delay from 0 to a year")
        }
        configuration.liveInterval = .milliseconds(Int(liveInterval * 1000))
        configuration.tokenLifetime = .milliseconds(Int(tokenLifetime * 1000))
        configuration.importDelay = .milliseconds(Int(importDelay * 1000))
        configuration.queueDeletionDelay = .milliseconds(Int(queueDeletionDelay * 1000))
        configuration.exportDelay = .milliseconds(Int(exportDelay * 1000))
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
        if let warning = configuration.exposureWarning {
            FileHandle.standardError.write(Data("rossum-sandbox: warning: \(warning)\n".utf8))
        }
        fflush(nil)

        // Wait for Ctrl-C or SIGTERM, then shut down cleanly.
        await ShutdownSignal.wait()
        await server.shutdown()
    }
}

/// SIGINT/SIGTERM -> one byte on a pipe (the only thing a signal handler may safely do),
/// read by a plain thread that then resumes the waiting task.
enum ShutdownSignal {
    static let pipeDescriptors: [Int32] = {
        var descriptors: [Int32] = [-1, -1]
        _ = pipe(&descriptors)
        return descriptors
    }()

    static func wait() async {
        _ = pipeDescriptors
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { _ in
                var byte: UInt8 = 1
                _ = write(ShutdownSignal.pipeDescriptors[1], &byte, 1)
            }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread {
                var byte: UInt8 = 0
                _ = read(ShutdownSignal.pipeDescriptors[0], &byte, 1)
                continuation.resume()
            }.start()
        }
    }
}
