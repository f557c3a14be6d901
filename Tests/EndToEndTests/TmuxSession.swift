import Foundation
@testable import rossum_bench

/// A detached tmux session on a private server socket, for driving a terminal program
/// the way a user would and reading the screen back.
final class TmuxSession {
    static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static var isAvailable: Bool { executable != nil }

    let socket = "rossum-e2e-\(UUID().uuidString.prefix(8))"
    let name = "harness"

    /// Starts a shell in a `width` x `height` pane, in a UTF-8 locale.
    init(width: Int, height: Int) throws {
        try tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
                  "env", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "SWIFT_BACKTRACE=enable=no", "PS1=$ ", "sh"])
    }

    /// Files and folders the test made for this session's program, removed with it.
    var temporaryPaths: [String] = []

    deinit {
        _ = try? tmux(["kill-server"])
        TmuxPane.removeSocket(socket)
        for path in temporaryPaths { try? FileManager.default.removeItem(atPath: path) }
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        guard let executable = Self.executable else { throw TmuxError.notInstalled }
        let (status, text) = try runProcess(executable, ["-L", socket, "-f", "/dev/null"] + arguments)
        guard status == 0 else { throw TmuxError.failed(arguments, text) }
        return text
    }

    /// Types a line into the shell and presses enter.
    func typeLine(_ line: String) throws {
        try tmux(["send-keys", "-t", name, "-l", line])
        try tmux(["send-keys", "-t", name, "Enter"])
    }

    /// Sends tmux key names (`j`, `Enter`, `Escape`, `C-z`, `Tab`).
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name])
    }

    func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Polls the screen every 50 ms until `condition` holds, up to `timeout`.
    /// Returns the last screen either way; `matched` tells whether it held.
    func waitForScreen(timeout: Duration = .seconds(8), _ condition: (String) -> Bool) throws -> (matched: Bool, screen: String) {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while true {
            last = try screen()
            if condition(last) { return (true, last) }
            if ContinuousClock.now >= deadline { return (false, last) }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    func waitFor(_ text: String, timeout: Duration = .seconds(8)) throws -> (matched: Bool, screen: String) {
        try waitForScreen(timeout: timeout) { $0.contains(text) }
    }
}

enum TmuxError: Error {
    case notInstalled
    case failed([String], String)
}

/// The built `terminal-harness` binary: next to the test bundle (same build configuration),
/// else in the package's `.build/debug`.
func harnessPath() -> String? {
    let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let candidates = [
        bundleDirectory.appendingPathComponent("terminal-harness").path,
        packageRoot.appendingPathComponent(".build/debug/terminal-harness").path,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Display columns of `text` up to (not including) the first occurrence of `needle`,
/// counting wide characters as two, as the terminal does.
func displayColumn(of needle: String, in text: String) -> Int? {
    guard let range = text.range(of: needle) else { return nil }
    return text[..<range.lowerBound].reduce(0) { $0 + wcwidthOf($1) }
}

private func wcwidthOf(_ character: Character) -> Int {
    // A tiny independent check of the engine's table: ASCII and Latin are narrow,
    // CJK ideographs, Hangul and emoji are wide.
    guard let scalar = character.unicodeScalars.first else { return 0 }
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60, 0x1F300...0x1FAFF: return 2
    default: return 1
    }
}

/// Runs a program to completion, its output collected in a file (not a pipe: the tmux server
/// that `new-session` forks keeps its output descriptors open, so reading a pipe to its end
/// would never finish). The bench's spawner closes every other inherited descriptor, so the
/// server cannot hold another test's pipes open either.
func runProcess(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString).out").path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    let (status, _) = try ChildProcess.spawnAndWait(path, arguments, environment: [:], stdout: outputPath, stderr: outputPath)
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    return (ChildProcess.shellStatus(status), output)
}
