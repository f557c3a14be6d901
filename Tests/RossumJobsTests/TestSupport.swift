import Foundation

/// A fresh private directory per test, removed by the caller.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "rossum-jobs-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

func mode(of path: String) -> mode_t {
    var info = stat()
    stat(path, &info)
    return info.st_mode & 0o777
}

struct DeadlineExceeded: Error, CustomStringConvertible {
    let seconds: Double
    var description: String { "not done within \(seconds) s" }
}

/// Runs `body`, failing with `DeadlineExceeded` instead of hanging when it takes too long.
func withDeadline<T: Sendable>(seconds: Double = 20, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            throw DeadlineExceeded(seconds: seconds)
        }
        let first = try await group.next()!
        group.cancelAll()
        return first
    }
}
