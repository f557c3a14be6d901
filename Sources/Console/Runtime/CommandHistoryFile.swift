import Foundation
import RossumJobs
import TerminalUI

/// The `:` prompt's history on disk: one command per line, oldest first, readable by its
/// owner only (commands name queues and profiles). The history is a convenience: a file that
/// cannot be read or written costs the history, never the console.
public struct CommandHistoryFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The lines kept, trimmed to the prompt's rules; none when the file is missing, unreadable
    /// or not text. Control characters (a binary file, a stray escape) are dropped with their
    /// line: they would be drawn on the prompt.
    public func read() -> [String] {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else { return [] }
        // `\r\n` is one newline character: a file saved by another editor still reads.
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        return PromptHistory.trimmed(lines.filter { line in !line.unicodeScalars.contains { $0.properties.generalCategory == .control } })
    }

    /// Replaces the file with `lines`, written whole to a private temporary file first so a
    /// crash mid-write leaves the old history, not half of it. Returns why it failed, if it did.
    @discardableResult
    public func write(_ lines: [String]) -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        let text = PromptHistory.trimmed(lines).map { $0 + "\n" }.joined()
        let temporary = path + ".tmp"
        do {
            try AppPaths.makePrivateDirectory(directory)
            guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                return "cannot write \(temporary)"
            }
            // An existing file keeps its mode through `createFile`: make it private either way.
            guard chmod(temporary, 0o600) == 0, rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                return "cannot replace \(path): \(reason)"
            }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
