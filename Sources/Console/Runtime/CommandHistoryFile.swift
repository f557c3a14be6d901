import Foundation
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

    /// Replaces the file with `lines` (see `PrivateStateFile`). Returns why it failed, if it did.
    @discardableResult
    public func write(_ lines: [String]) -> String? {
        PrivateStateFile.write(Data(PromptHistory.trimmed(lines).map { $0 + "\n" }.joined().utf8), to: path)
    }
}
