import Foundation

enum TmuxError: Error, CustomStringConvertible {
    case failed([String], String)
    case timedOut(String, screen: String)

    var description: String {
        switch self {
        case .failed(let arguments, let output): return "tmux \(arguments.joined(separator: " ")) failed: \(output)"
        case .timedOut(let what, let screen): return "timed out waiting for \(what); the screen showed:\n\(screen)"
        }
    }
}

/// One console running in a tmux pane on a private tmux server, the way a user sees it: the
/// bench types keys and reads the screen tmux keeps, exactly as the end-to-end tests do.
final class TmuxPane: Sendable {
    static let executable = "/usr/bin/tmux"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    let socket: String
    let session = "bench"

    private init(socket: String) { self.socket = socket }

    /// Starts `command` in a new pane of `width` x `height`. The private server inherits
    /// `environment` (HOME and XDG folders keep the console away from the user's own).
    static func start(_ command: [String], width: Int, height: Int, environment: [String: String]) throws -> TmuxPane {
        let pane = TmuxPane(socket: "rossum-bench-\(getpid())-\(UUID().uuidString.prefix(8))")
        // `exec`: the pane's process is the command itself, so /proc accounts for it alone.
        let quoted = "exec " + command.map(Self.shellQuoted).joined(separator: " ")
        try pane.tmux(["-f", "/dev/null", "new-session", "-d", "-s", pane.session, "-x", String(width), "-y", String(height), quoted],
                      environment: environment)
        // A console that fails at once should leave its message readable, not vanish.
        try pane.tmux(["set-option", "-t", pane.session, "remain-on-exit", "on"])
        return pane
    }

    /// The process running in the pane (the console itself, as the command `exec`s it).
    func processID() throws -> pid_t {
        let text = try tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = pid_t(text) else { throw TmuxError.failed(["display-message"], text) }
        return pid
    }

    func isDead() -> Bool {
        (try? tmux(["display-message", "-p", "-t", session, "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines)) != "0"
    }

    func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", session]) }

    /// Keys in tmux's names (`Enter`, `NPage`, `m`); `repeat` sends them that many times in one go.
    func send(_ keys: [String], repeat count: Int = 1) throws {
        try tmux(["send-keys", "-t", session] + (count > 1 ? ["-N", String(count)] : []) + keys)
    }

    /// Types text literally (a `:` command line).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", session, "-l", text]) }

    /// Reads the screen every `interval` until `condition` holds; returns when it was first
    /// seen and the screen. Fails with the last screen after `timeout`.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration, interval: Duration = .milliseconds(10),
                 _ condition: (String) -> Bool) throws -> (seenAt: ContinuousClock.Instant, screen: String) {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var screen = ""
        while true {
            screen = try capture()
            let seen = clock.now
            if condition(screen) { return (seen, screen) }
            if seen >= deadline || isDead() { throw TmuxError.timedOut(what, screen: screen) }
            Thread.sleep(forTimeInterval: interval.seconds)
        }
    }

    /// Ends the pane's server and removes its socket.
    func kill() {
        _ = try? tmux(["kill-server"])
        Self.removeSocket(socket)
    }

    /// tmux leaves a killed server's socket file behind.
    static func removeSocket(_ socket: String) {
        let base = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(base)/tmux-\(getuid())/\(socket)")
    }

    @discardableResult
    private func tmux(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString.prefix(8)).out").path
        defer { unlink(output) }
        // Never attach to the tmux the bench itself may run in.
        var environment = environment
        environment["TMUX"] = ""
        let (status, _) = try ChildProcess.spawnAndWait(Self.executable, ["-L", socket] + arguments, environment: environment,
                                                        stdout: output, stderr: output)
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else { throw TmuxError.failed(arguments, text) }
        return text
    }

    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
