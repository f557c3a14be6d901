import Foundation
import Logging
import RossumKit
import Synchronization

/// Appends log lines to a file: while curses owns the terminal nothing may be printed.
public struct FileLogHandler: LogHandler {
    final class Sink: Sendable {
        let handle: Mutex<FileHandle?>
        init(path: String) {
            let directory = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            let file = FileHandle(forWritingAtPath: path)
            _ = try? file?.seekToEnd()
            handle = Mutex(file)
        }
        func write(_ line: String) {
            handle.withLock { _ = try? $0?.write(contentsOf: Data(line.utf8)) }
        }
    }

    let sink: Sink
    let label: String
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// `$XDG_STATE_HOME/rossum-tui/rossum-tui.log` (default `~/.local/state/...`).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.local/state")
        return state + "/rossum-tui/rossum-tui.log"
    }

    /// A factory for `LoggingSystem.bootstrap` writing every logger to one file.
    public static func factory(path: String, level: Logger.Level = .info) -> @Sendable (String) -> any LogHandler {
        let sink = Sink(path: path)
        return { label in
            var handler = FileLogHandler(sink: sink, label: label)
            handler.logLevel = level
            return handler
        }
    }

    private static let bootstrapped = Mutex(false)

    /// Sends every logger to the file; later calls do nothing (the logging system is set once).
    public static func bootstrapOnce(path: String) {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        if first { LoggingSystem.bootstrap(factory(path: path)) }
    }

    public func log(event: LogEvent) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        var extra = metadata
        if let more = event.metadata { extra.merge(more) { _, new in new } }
        let meta = extra.isEmpty ? "" : " " + extra.map { "\($0)=\($1)" }.sorted().joined(separator: " ")
        // Whoever logged it, a URL's credentials never reach the file.
        sink.write(Redactor.removingURLCredentials(from: "\(stamp) \(event.level) \(label):\(meta) \(event.message)\n"))
    }
}
