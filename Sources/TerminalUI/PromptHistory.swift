import Foundation

/// The lines entered at a prompt before, walked like a shell's history: up goes to older
/// lines, down to newer ones and finally back to what was being typed, which is never lost.
public struct PromptHistory: Sendable, Hashable {
    /// Oldest first, as they were entered.
    public private(set) var entries: [String]
    /// The entry on show, or nil while the person's own text is.
    private var position: Int?
    /// What was typed before walking away from it.
    private var draft = ""

    /// How many lines are kept: enough for weeks of use, small enough to read at every start.
    public static let limit = 200

    public init(_ entries: [String] = []) {
        self.entries = Self.trimmed(entries)
    }

    /// The line to show after `up` from `current`, or nil when there is nothing older.
    public mutating func older(than current: String) -> String? {
        guard !entries.isEmpty else { return nil }
        if let position {
            guard position > 0 else { return nil }
            self.position = position - 1
        } else {
            draft = current
            position = entries.count - 1
        }
        return entries[self.position!]
    }

    /// The line to show after `down`: the next newer entry, then the draft; nil when the draft
    /// is already on show.
    public mutating func newer() -> String? {
        guard let position else { return nil }
        if position + 1 < entries.count {
            self.position = position + 1
            return entries[position + 1]
        }
        self.position = nil
        return draft
    }

    /// Editing a recalled line makes it the person's own text: the next `up` starts again
    /// from the newest entry, as in a shell.
    public mutating func detach() {
        position = nil
    }

    /// `entries` with `line` entered: blank lines are not kept, a line equal to the one before
    /// is kept once, and only the newest `limit` stay.
    public static func recording(_ line: String, in entries: [String]) -> [String] {
        let line = line.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty, entries.last != line else { return entries }
        return Array((entries + [line]).suffix(limit))
    }

    /// Any list (read from a file someone edited) made to follow the same rules.
    public static func trimmed(_ lines: [String]) -> [String] {
        lines.reduce(into: []) { kept, line in kept = recording(line, in: kept) }
    }
}
