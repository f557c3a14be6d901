import Foundation

/// Reads a running process's CPU time and memory from `/proc`, the OS's own accounting, for
/// processes the bench does not wait for (a console that keeps running between samples).
struct ProcessProbe: Sendable {
    let pid: pid_t

    /// User + system CPU seconds of every thread so far (`/proc/PID/stat`, fields 14 and 15).
    func cpuSeconds() throws -> Double {
        let text = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // The command name (field 2) may hold spaces and parentheses: count from its closing one.
        guard let close = text.lastIndex(of: ")") else { throw BenchError.wrongResult("unreadable /proc/\(pid)/stat") }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is the state (field 3), so utime (14) and stime (15) are at 11 and 12.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw BenchError.wrongResult("unreadable /proc/\(pid)/stat")
        }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Resident set size now and its peak (`VmRSS`, `VmHWM` of `/proc/PID/status`), in bytes.
    func memory() throws -> (resident: Int, peak: Int) {
        let text = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        func kilobytes(_ key: String) -> Int? {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return nil }
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        }
        guard let resident = kilobytes("VmRSS"), let peak = kilobytes("VmHWM") else {
            throw BenchError.wrongResult("no VmRSS/VmHWM in /proc/\(pid)/status")
        }
        return (resident * 1024, peak * 1024)
    }
}
