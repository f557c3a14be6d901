import Foundation
import RossumKit
import Synchronization

/// Where a command writes: standard output (results, for pipes) and standard error (progress,
/// diagnostics, the alert JSON line). Tests inject `OutputStreams.capturing()` and read it back.
public struct OutputStreams: Sendable {
    public let writeOut: @Sendable (String) -> Void
    public let writeErr: @Sendable (String) -> Void
    /// Whether standard error is a terminal (progress bar) or a log/pipe (plain lines).
    public let errIsTerminal: Bool
    /// Whether standard input is a terminal (confirmation prompts are possible).
    public let inIsTerminal: Bool
    /// Reads one line from standard input (for confirmations); nil at end of input.
    public let readLine: @Sendable () -> String?

    public init(writeOut: @escaping @Sendable (String) -> Void, writeErr: @escaping @Sendable (String) -> Void,
                errIsTerminal: Bool, inIsTerminal: Bool, readLine: @escaping @Sendable () -> String? = { nil }) {
        self.writeOut = writeOut
        self.writeErr = writeErr
        self.errIsTerminal = errIsTerminal
        self.inIsTerminal = inIsTerminal
        self.readLine = readLine
    }

    /// The process's real standard streams. A closed standard output ends the command quietly
    /// (`StandardOutputPipe`); a closed standard error is ignored: there is nowhere left to
    /// complain. Diagnostics never show the credentials of a URL (`Redactor`).
    public static var standard: OutputStreams {
        OutputStreams(
            writeOut: { text in StandardOutputPipe.shared.write(text) },
            writeErr: { text in
                var writer = FileDescriptorWriter(FileHandle.standardError)
                try? writer.write(Array(Redactor.removingURLCredentials(from: text).utf8))
            },
            errIsTerminal: isatty(STDERR_FILENO) == 1,
            inIsTerminal: isatty(STDIN_FILENO) == 1,
            readLine: { Swift.readLine() })
    }

    /// Streams that write nowhere: for jobs run under a full-screen program, which shows their
    /// events instead and must not have lines written over its screen.
    public static var discarding: OutputStreams {
        OutputStreams(writeOut: { _ in }, writeErr: { _ in }, errIsTerminal: false, inIsTerminal: false)
    }

    /// Streams that record into `CapturedOutput`, for tests.
    public static func capturing(errIsTerminal: Bool = false, inIsTerminal: Bool = false,
                                 input: [String] = []) -> (OutputStreams, CapturedOutput) {
        let captured = CapturedOutput(input: input)
        let streams = OutputStreams(
            writeOut: { captured.append(out: $0) }, writeErr: { captured.append(err: $0) },
            errIsTerminal: errIsTerminal, inIsTerminal: inIsTerminal, readLine: { captured.nextInput() })
        return (streams, captured)
    }

    public func line(_ text: String) { writeOut(text + "\n") }
    public func errorLine(_ text: String) { writeErr(text + "\n") }
}

/// What a command wrote, kept for inspection.
public final class CapturedOutput: Sendable {
    private let state: Mutex<(out: String, err: String, input: [String])>

    init(input: [String]) {
        state = Mutex(("", "", input))
    }

    func append(out text: String) { state.withLock { $0.out += text } }
    func append(err text: String) { state.withLock { $0.err += text } }
    func nextInput() -> String? {
        state.withLock { $0.input.isEmpty ? nil : $0.input.removeFirst() }
    }

    public var out: String { state.withLock { $0.out } }
    public var err: String { state.withLock { $0.err } }
    public var outLines: [String] { out.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    public var errLines: [String] { err.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
}
