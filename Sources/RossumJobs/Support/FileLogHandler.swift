import Foundation
import Logging
import RossumKit
import Synchronization

/// Writes log records to a file (the `log` of `rossum-tui paths`) instead of the terminal,
/// so retries and diagnostics never mix with a command's output or the console's screen.
public struct FileLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let sink: FileSink

    public init(label: String, sink: FileSink, level: Logger.Level = .info) {
        self.label = label
        self.sink = sink
        self.logLevel = level
    }

    /// Sends every logger of the process to `path` (created private, appended to).
    public static func bootstrap(path: String, level: Logger.Level = .info) {
        let sink = FileSink(path: path)
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink, level: level) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        // Whoever logged it, a URL's credentials never reach the file.
        sink.write(Redactor.removingURLCredentials(
            from: "\(Timestamp.string(Date())) \(event.level) \(label): \(event.message)\(fields.isEmpty ? "" : " " + fields)\n"))
    }
}

/// One append-only log file shared by every handler; a file that cannot be opened drops records.
public final class FileSink: Sendable {
    private let handle: Mutex<FileHandle?>

    public init(path: String) {
        try? AppPaths.makePrivateDirectory((path as NSString).deletingLastPathComponent)
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        handle = Mutex(fd >= 0 ? FileHandle(fileDescriptor: fd, closeOnDealloc: true) : nil)
    }

    func write(_ text: String) {
        handle.withLock { handle in try? handle?.write(contentsOf: Data(text.utf8)) }
    }
}
