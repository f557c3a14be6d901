import Foundation
import RossumSandbox
import Testing

/// Runs the built `rossum-tui` against a sandbox, logged in as its demo user with a home of
/// its own, on a thread of its own: waiting for a child process must not hold one of the few
/// threads the in-process sandbox (and every other test) needs to answer it.
enum CLIRunner {
    /// `interruptAfter`: sends SIGINT (Ctrl-C) after this many seconds, for commands that run until stopped.
    /// `interruptWhen`: sends it as soon as the output so far satisfies the condition (then
    /// `interruptAfter` is only the deadline); `onOutput` sees the output so far on every chunk.
    static func run(_ arguments: [String], server: SandboxServer, interruptAfter: TimeInterval? = nil,
                    interruptWhen: (@Sendable (String) -> Bool)? = nil,
                    onOutput: (@Sendable (String) -> Void)? = nil) async throws -> (status: Int32, out: String, err: String) {
        let path = try #require(consolePath())
        let environment = ["ROSSUM_BASE_URL": server.apiURL, "ROSSUM_USERNAME": "demo@rossum.local", "ROSSUM_PASSWORD": "demo-password",
                           "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                do {
                    let home = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
                    defer { try? FileManager.default.removeItem(at: home) }
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: path)
                    process.arguments = arguments
                    process.environment = environment.merging(["HOME": home.path, "XDG_CONFIG_HOME": home.path + "/config",
                                                               "XDG_STATE_HOME": home.path + "/state"]) { a, _ in a }
                    let out = Pipe(), err = Pipe()
                    process.standardOutput = out
                    process.standardError = err
                    try process.run()
                    if let interruptAfter {
                        DispatchQueue.global().asyncAfter(deadline: .now() + interruptAfter) { process.interrupt() }
                    }
                    // Standard error holds a line or two (it never fills its pipe): read after the output.
                    var outData = Data()
                    var interrupted = false
                    while true {
                        let chunk = out.fileHandleForReading.availableData
                        if chunk.isEmpty { break }
                        outData.append(chunk)
                        let soFar = String(decoding: outData, as: UTF8.self)
                        onOutput?(soFar)
                        if !interrupted, let interruptWhen, interruptWhen(soFar) {
                            interrupted = true
                            process.interrupt()
                        }
                    }
                    let errData = err.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: (process.terminationStatus, String(decoding: outData, as: UTF8.self),
                                                    String(decoding: errData, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }
}
