import TerminalUI

/// Finds bracketed pastes in what was read: the terminal wraps pasted text in `ESC [ 200 ~`
/// and `ESC [ 201 ~` (mode 2004, switched on by `CursesScreen`). Everything else is left for
/// the key decoder. A paste longer than one read carries over to the next.
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

    public mutating func split(_ feed: [RawInput]) -> [Piece] {
        var pieces: [Piece] = []
        var run: [RawInput] = []
        var index = 0
        func matches(_ marker: [UInt32]) -> Bool {
            guard index + marker.count <= feed.count else { return false }
            for (offset, value) in marker.enumerated() {
                guard case .character(value) = feed[index + offset] else { return false }
            }
            return true
        }
        while index < feed.count {
            if open != nil {
                if matches(Self.end) {
                    pieces.append(.paste(String(String.UnicodeScalarView((open ?? []).compactMap(Unicode.Scalar.init)))))
                    open = nil
                    index += Self.end.count
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
        if !run.isEmpty { pieces.append(.input(run)) }
        return pieces
    }
}
