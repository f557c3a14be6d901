import Foundation
import RossumKit
import Synchronization

/// Standard output's reader may go away before a command is done (`rossum-tui queues list |
/// head -2`). SIGPIPE is ignored, so a write fails with `EPIPE` instead of killing the process;
/// this is where that is noticed and remembered. From then on nothing more is written, the
/// command is told to stop (`whenClosed`), and it ends quietly with exit 141 (128 + SIGPIPE),
/// which is what the shell reports for other tools cut short the same way.
public final class StandardOutputPipe: Sendable {
    public static let shared = StandardOutputPipe()

    private let state = Mutex<(closed: Bool, reactions: [@Sendable () -> Void])>((false, []))

    public var isClosed: Bool { state.withLock { $0.closed } }

    /// Runs `reaction` once when the reader goes away (at once if it already has).
    public func whenClosed(_ reaction: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state -> Bool in
            if state.closed { return true }
            state.reactions.append(reaction)
            return false
        }
        if runNow { reaction() }
    }

    /// Writes `text` to standard output, unless its reader went away.
    func write(_ text: String) {
        guard !isClosed else { return }
        var writer = FileDescriptorWriter(FileHandle.standardOutput)
        do {
            try writer.write(Array(text.utf8))
        } catch let error as POSIXError where error.code == .EPIPE {
            markClosed()
        } catch {
            // Another failure (a full disk behind a redirect): nothing can be said on stdout.
        }
    }

    /// Records that the reader went away; also called by jobs that write to standard output
    /// themselves (`storage download -o -`, `export -o -`).
    public func markClosed() {
        let reactions = state.withLock { state -> [@Sendable () -> Void] in
            if state.closed { return [] }
            state.closed = true
            defer { state.reactions = [] }
            return state.reactions
        }
        reactions.forEach { $0() }
    }

    /// Whether `error` is a write to a pipe whose reader went away.
    public static func isClosedPipe(_ error: any Error) -> Bool {
        (error as? POSIXError)?.code == .EPIPE
    }
}
