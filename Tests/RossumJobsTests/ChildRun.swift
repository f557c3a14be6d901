import Foundation
import Synchronization

/// The built `rossum-tui` as a child process the test can watch, signal and time: it is killed
/// if still running after its limit, so a hang fails the test instead of stalling the run.
final class ChildRun: Sendable {
    struct Outcome {
        /// The exit status, or the signal's number when a signal ended the process.
        var status: Int32
        var endedBySignal: Bool
        var out: String
        var err: String
        var elapsed: Duration
        var hitTheLimit: Bool
    }

    private let process: Process
    private let started = ContinuousClock.now
    private let ended = Mutex<CheckedContinuation<Void, Never>?>(nil)
    private let finished = Mutex(false)
    private let collected = Mutex<(out: Data, err: Data)>((Data(), Data()))
    private let readers = DispatchGroup()

    var pid: Int32 { process.processIdentifier }

    /// Starts `rossum-tui arguments`. With `closedStdout`, the child's standard output is a
    /// pipe nobody reads: its reader is gone before the child starts, as after `| head` ends.
    init(_ arguments: [String], environment: [String: String], closedStdout: Bool = false) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try ExecutableTests.binary())
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.terminationHandler = { [self] _ in
            finished.withLock { $0 = true }
            ended.withLock { $0.take() }?.resume()
        }
        if closedStdout { try out.fileHandleForReading.close() }
        try process.run()
        if !closedStdout { read(out.fileHandleForReading, isError: false) }
        read(err.fileHandleForReading, isError: true)
    }

    private func read(_ handle: FileHandle, isError: Bool) {
        readers.enter()
        Thread.detachNewThread { [self] in
            let data = handle.readDataToEndOfFile()
            collected.withLock { if isError { $0.err = data } else { $0.out = data } }
            readers.leave()
        }
    }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits until the child ends, killing it once `limit` has passed since it started.
    func wait(limit: Duration = .seconds(30)) async -> Outcome {
        let watchdog = Task { [process] in
            try? await Task.sleep(for: limit)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        await withCheckedContinuation { continuation in
            let already = finished.withLock { done -> Bool in
                if !done { ended.withLock { $0 = continuation } }
                return done
            }
            if already { continuation.resume() }
        }
        let elapsed = ContinuousClock.now - started
        watchdog.cancel()
        await withCheckedContinuation { continuation in
            readers.notify(queue: .global()) { continuation.resume() }
        }
        let (out, err) = collected.withLock { ($0.out, $0.err) }
        return Outcome(status: process.terminationStatus, endedBySignal: process.terminationReason == .uncaughtSignal,
                       out: String(decoding: out, as: UTF8.self), err: String(decoding: err, as: UTF8.self),
                       elapsed: elapsed, hitTheLimit: elapsed >= limit)
    }

    /// Runs the child to its end.
    static func run(_ arguments: [String], environment: [String: String], closedStdout: Bool = false,
                    limit: Duration = .seconds(30)) async throws -> Outcome {
        try await ChildRun(arguments, environment: environment, closedStdout: closedStdout).wait(limit: limit)
    }
}
