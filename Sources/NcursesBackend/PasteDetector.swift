import TerminalUI

/// Finds bracketed pastes in what was read: the terminal wraps pasted text in `ESC [ 200 ~`
/// and `ESC [ 201 ~` (mode 2004, switched on by `CursesScreen`). Everything else is left for
/// the key decoder. A paste longer than one read carries over to the next.
///
/// Pasted text is never run as keys, even when it is hostile: text that carries its own end
/// marker keeps the rest of that read as pasted text (no person types within the microseconds
/// of one read after a paste), and a start marker whose end never comes is closed as a paste
/// by the loop after a pause (`closeStale`), so it cannot swallow the keys that follow.
public struct PasteDetector: Sendable {
    static let start: [UInt32] = [27, 91, 50, 48, 48, 126]
    static let end: [UInt32] = [27, 91, 50, 48, 49, 126]

    public enum Piece: Sendable, Hashable {
        /// Input that is not a paste, to decode as keys.
        case input([RawInput])
        case paste(String)
    }

    /// The text of a paste whose end has not been read yet.
    private var open: [UInt32]?

    public init() {}

    /// A paste has started and its end has not been read.
    public var isOpen: Bool { open != nil }

    /// Gives up waiting for the end marker: what was read so far is the paste.
    public mutating func closeStale() -> String? {
        guard let text = open else { return nil }
        open = nil
        return Self.string(text)
    }

    static func string(_ values: [UInt32]) -> String {
        String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))
    }

    public mutating func split(_ feed: [RawInput]) -> [Piece] {
        var pieces: [Piece] = []
        var run: [RawInput] = []
        var index = 0
        /// An end marker was read and more of the same read followed it.
        var ended = false
        func matches(_ marker: [UInt32]) -> Bool {
            guard index + marker.count <= feed.count else { return false }
            for (offset, value) in marker.enumerated() {
                guard case .character(value) = feed[index + offset] else { return false }
            }
            return true
        }
        func closePaste() {
            pieces.append(.paste(Self.string(open ?? [])))
            open = nil
            ended = false
        }
        while index < feed.count {
            if open != nil {
                if matches(Self.end) {
                    index += Self.end.count
                    ended = true
                } else if ended && matches(Self.start) {
                    // A second paste right after the first: both are pastes of their own.
                    closePaste()
                } else {
                    if case .character(let value) = feed[index] { open?.append(value) }
                    index += 1
                }
            } else if matches(Self.start) {
                if !run.isEmpty { pieces.append(.input(run)) }
                run = []
                open = []
                index += Self.start.count
            } else {
                run.append(feed[index])
                index += 1
            }
        }
        if ended { closePaste() }
        if !run.isEmpty { pieces.append(.input(run)) }
        return pieces
    }
}
