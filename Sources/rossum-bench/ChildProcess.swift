import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the operating system accounted for one finished child process.
struct ChildUsage: Sendable {
    var exitStatus: Int32
    var wallSeconds: Double
    var cpuSeconds: Double
    /// ru_maxrss of the child alone (wait4), i.e. its peak resident set.
    var peakRSSBytes: Int
    var standardOutput: String
    var standardError: String
}

enum ChildProcessError: Error, CustomStringConvertible {
    case cannotStart(String, Int32)
    case failed(String, ChildUsage)

    var description: String {
        switch self {
        case .cannotStart(let path, let code): return "cannot start \(path): \(String(cString: strerror(code)))"
        case .failed(let command, let usage):
            let detail = usage.standardError.split(separator: "\n").suffix(5).joined(separator: "\n")
            return "\(command) exited with status \(usage.exitStatus): \(detail)"
        }
    }
}

/// Runs a program as a child and reads its resource usage with `wait4`, so each side of a
/// benchmark (our client and every peer) is measured by the same OS accounting.
enum ChildProcess {
    static let timeTool = "/usr/bin/time"

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> ChildUsage {
        try await withCheckedThrowingContinuation { continuation in
            // wait4 blocks: keep it off the cooperative pool, which also runs the in-process sandbox.
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(executable, arguments, environment: environment) })
            }
        }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ChildUsage {
        let directory = FileManager.default.temporaryDirectory
        let stdoutPath = directory.appendingPathComponent("rossum-bench-\(UUID().uuidString).out").path
        let stderrPath = directory.appendingPathComponent("rossum-bench-\(UUID().uuidString).err").path
        defer {
            unlink(stdoutPath)
            unlink(stderrPath)
        }
        // A child's ru_maxrss starts at its parent's peak (Linux keeps the high-water mark of the
        // address space the child was cloned from across exec), and this parent holds a sandbox.
        // GNU time is tiny: the program it forks is accounted from a clean slate.
        let usagePath = directory.appendingPathComponent("rossum-bench-\(UUID().uuidString).usage").path
        defer { unlink(usagePath) }
        let timed = FileManager.default.isExecutableFile(atPath: timeTool)
        let program = timed ? timeTool : executable
        let programArguments = timed ? ["-f", "%U %S %M", "-o", usagePath, executable] + arguments : arguments

        let started = ContinuousClock.now
        let (status, usage) = try spawnAndWait(program, programArguments, environment: environment, stdout: stdoutPath, stderr: stderrPath)
        let wall = ContinuousClock.now - started
        let exitStatus = shellStatus(status)
        var result = ChildUsage(
            exitStatus: exitStatus,
            wallSeconds: wall.seconds,
            cpuSeconds: usage.ru_utime.seconds + usage.ru_stime.seconds,
            peakRSSBytes: Int(usage.ru_maxrss) * 1024,
            standardOutput: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
        if timed {
            // GNU time writes "Command exited with non-zero status" first when the program failed.
            let line = ((try? String(contentsOfFile: usagePath, encoding: .utf8)) ?? "").split(separator: "\n").last ?? ""
            let fields = line.split(separator: " ").compactMap { Double($0) }
            if fields.count == 3 {
                result.cpuSeconds = fields[0] + fields[1]
                result.peakRSSBytes = Int(fields[2]) * 1024
            }
        }
        guard exitStatus == 0 else {
            throw ChildProcessError.failed(([executable] + arguments).joined(separator: " "), result)
        }
        return result
    }
}

extension ChildProcess {
    /// Runs `program` (looked up in PATH) with stdin from /dev/null and stdout/stderr into
    /// files, and waits for it with `wait4`. Files rather than pipes: a program that leaves a
    /// daemon behind (tmux starting its server) must not keep the bench reading.
    static func spawnAndWait(_ program: String, _ arguments: [String], environment: [String: String],
                             stdout: String, stderr: String) throws -> (status: Int32, usage: rusage) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if stderr == stdout {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        // Nothing else of this process goes to the child: a daemon it leaves behind (a tmux
        // server) would otherwise hold other children's pipes open, and whoever reads them
        // (a test running beside the bench's own test) would wait for an end that never comes.
        try closeInheritedDescriptors(&actions)

        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The child starts with no signal blocked and every handler at its default: a child
        // inherits the spawning thread's mask, and the threads of Dispatch and the test runner
        // block signals. A tmux server spawned with SIGHUP blocked in its panes never exits
        // on `kill-server`.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let code = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        guard code == 0 else { throw ChildProcessError.cannotStart(program, code) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { throw ChildProcessError.cannotStart(program, errno) }
        }
        return (status, usage)
    }
}

extension ChildProcess {
    /// A `wait` status as a shell reports it: the exit code, or 128 + the signal that ended it.
    static func shellStatus(_ status: Int32) -> Int32 {
        (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module
    /// does not export; looked up once.
    private static let addCloseFrom: AddCloseFrom? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddCloseFrom.self) }

    /// Has the child close every descriptor above stderr before it starts.
    static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) throws {
        guard let addCloseFrom = Self.addCloseFrom else {
            throw ChildProcessError.cannotStart("a child process (this C library cannot close inherited descriptors)", ENOSYS)
        }
        let code = addCloseFrom(&actions, 3)
        guard code == 0 else { throw ChildProcessError.cannotStart("a child process", code) }
    }
}

extension timeval {
    var seconds: Double { Double(tv_sec) + Double(tv_usec) / 1_000_000 }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
