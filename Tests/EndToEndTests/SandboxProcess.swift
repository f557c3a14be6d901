import Foundation
import Testing

/// The built `rossum-sandbox` as a process of its own. A console end-to-end test whose server
/// lives in the test process shares that process's threads with every test running beside it;
/// under a full parallel run the console's five-second connection check could time out.
final class SandboxProcess {
    let process = Process()
    let apiURL: String

    /// Starts it on a free port (`--port 0`) and waits for the first line, its base URL.
    init(size: String = "small") throws {
        let binary = try #require(consolePath().map { URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("rossum-sandbox").path },
                                  "rossum-sandbox is built next to rossum-tui")
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--port", "0", "--size", size]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("\n"), Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let base = text.split(separator: "\n").first.map(String.init) ?? ""
        guard base.hasPrefix("http://") else {
            process.terminate()
            throw SandboxProcessError(description: "rossum-sandbox printed no address: \(text)")
        }
        apiURL = base + "/api/v1"
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }
}

struct SandboxProcessError: Error, CustomStringConvertible {
    var description: String
}
