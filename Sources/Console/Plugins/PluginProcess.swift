import Foundation

/// Runs a plugin's command with `/bin/sh -c`: in the background with its output captured, or
/// in the foreground on the terminal (the loop has handed it over).
public enum PluginProcess {
    /// The plugin's environment: the console's without any `ROSSUM_*` variable (the
    /// credentials it may have been started with among them), then the selection and the
    /// server; `ROSSUM_TOKEN` only for a plugin that `needs_token`.
    public static func environment(_ run: PluginRun, baseURL: String, token: String?,
                                   inherited: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var environment = inherited.filter { !$0.key.hasPrefix("ROSSUM_") }
        environment["ROSSUM_ANNOTATION_IDS"] = run.annotationIDs.map(String.init).joined(separator: ",")
        environment["ROSSUM_QUEUE_ID"] = run.queueID.map(String.init) ?? ""
        environment["ROSSUM_BASE_URL"] = baseURL
        if run.plugin.needsToken, let token { environment["ROSSUM_TOKEN"] = token }
        return environment
    }

    /// Output kept of a background run; more is cut, and said.
    static let outputLimit = 1_000_000

    /// Runs to the end with stdout and stderr captured together; stdin is empty.
    public static func captured(_ command: String, environment: [String: String]) -> PluginOutcome.Ended {
        let process = shell(command, environment)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return .init(status: -1, output: nil, failure: "cannot start /bin/sh: \(error)") }
        var data = Data()
        let reader = pipe.fileHandleForReading
        while let chunk = try? reader.read(upToCount: 65_536), !chunk.isEmpty {
            if data.count < outputLimit { data.append(chunk.prefix(outputLimit - data.count)) }
        }
        process.waitUntilExit()
        var text = String(decoding: data, as: UTF8.self)
        if data.count >= outputLimit { text += "\n[output cut at \(outputLimit) bytes]" }
        return .init(status: process.terminationStatus, output: text, failure: nil)
    }

    /// Runs on the terminal itself, then waits for enter so its last lines can be read. The
    /// command stays in the console's process group, which has the terminal, so it reads keys
    /// (an editor, a pager) and ctrl-c reaches it as in a shell; the console's own handlers
    /// only note such a signal (the loop drops it after the hand-over).
    public static func onTerminal(_ command: String, environment: [String: String]) -> PluginOutcome.Ended {
        let terminal = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard terminal >= 0 else { return .init(status: -1, output: nil, failure: "no terminal to hand over (/dev/tty)") }
        defer { close(terminal) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] { posix_spawn_file_actions_adddup2(&actions, terminal, descriptor) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Default handling and no blocked signal in the command, whatever the console set.
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
        let variables: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (arguments + variables).forEach { free($0) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, variables)
        guard started == 0 else {
            return .init(status: -1, output: nil, failure: "cannot start /bin/sh: \(String(cString: strerror(started)))")
        }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        // Exited: its code; killed by a signal: 128 + the signal, as a shell says it.
        let status = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        let prompt = "\n[\(status == 0 ? "done" : "exit \(status)")] press enter to return to rossum-tui "
        _ = prompt.withCString { write(terminal, $0, strlen($0)) }
        var byte: UInt8 = 0
        while true {
            let count = read(terminal, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 || byte == 10 || byte == 13 { break }
        }
        return .init(status: status, output: nil, failure: nil)
    }

    private static func shell(_ command: String, _ environment: [String: String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = environment
        return process
    }
}

extension PluginOutcome {
    /// A run's end before it is named.
    public struct Ended: Sendable {
        public var status: Int32
        public var output: String?
        public var failure: String?
    }

    init(_ name: String, _ ended: Ended) {
        self.init(name: name, status: ended.status, output: ended.output, failure: ended.failure)
    }
}
