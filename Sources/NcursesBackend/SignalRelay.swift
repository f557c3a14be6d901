import CNcursesw
import Glibc

/// State the signal handlers read. Written once before the handlers are installed and only
/// read inside them, so the handlers touch nothing but plain memory and async-signal-safe
/// calls (`write`, `tcsetattr`, `sigaction`, `raise`).
private struct RelayState {
    var pipeWrite: Int32
    var terminalDescriptor: Int32
    var reset: UnsafeMutablePointer<UInt8>
    var resetCount: Int
    var shellModes: termios
    var hasShellModes: Bool
    /// Previous actions of the crash signals, indexed by signal number, to chain to.
    var previousActions: UnsafeMutablePointer<sigaction>
}

nonisolated(unsafe) private var relayState: UnsafeMutablePointer<RelayState>?

/// Signals that end or pause the program, delivered to the loop through a self-pipe so the
/// loop thread (the only one allowed to call curses) restores the terminal.
let relayedSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGWINCH]
/// Signals of a crash (a Swift runtime trap is SIGILL or SIGTRAP): the handler itself writes
/// the terminal's reset sequence and restores the saved tty modes, then lets the previous
/// handler (the runtime's backtracer, or the default) finish the job.
let crashSignals: [Int32] = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

private func relayHandler(_ signal: Int32) {
    guard let state = relayState else { return }
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(state.pointee.pipeWrite, &byte, 1)
    errno = savedErrno
}

private func crashHandler(_ signal: Int32) {
    if let state = relayState {
        _ = write(state.pointee.terminalDescriptor, state.pointee.reset, state.pointee.resetCount)
        if state.pointee.hasShellModes {
            _ = tcsetattr(state.pointee.terminalDescriptor, TCSANOW, &state.pointee.shellModes)
        }
        _ = sigaction(signal, state.pointee.previousActions + Int(signal), nil)
    } else {
        var defaultAction = sigaction()
        defaultAction.__sigaction_handler.sa_handler = SIG_DFL
        _ = sigaction(signal, &defaultAction, nil)
    }
    // Returning re-executes a faulting instruction (or delivers the pending raise) under the
    // previous handler.
    _ = raise(signal)
}

/// Installs and removes the process's terminal signal handlers. One terminal session at a time.
final class SignalRelay {
    let readDescriptor: Int32
    private let writeDescriptor: Int32
    private var previous: [Int32: sigaction] = [:]
    private var installed = false

    /// Captures the signal dispositions in force now (before curses adds its own), which
    /// `uninstall` puts back.
    /// - Parameters:
    ///   - terminalDescriptor: where the reset sequence is written on a crash.
    ///   - shellModes: tty modes from before curses started.
    init(terminalDescriptor: Int32, shellModes: termios?) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TerminalError.cannotInitialize("pipe: errno \(errno)") }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        for signal in relayedSignals + crashSignals {
            var old = sigaction()
            sigaction(signal, nil, &old)
            previous[signal] = old
        }
        self.terminalDescriptor = terminalDescriptor
        self.shellModes = shellModes
    }

    private let terminalDescriptor: Int32
    private let shellModes: termios?

    /// Publishes the state the handlers read; `resetSequence` leaves the alternate screen,
    /// shows the cursor and resets colours (see `resetSequence(mouse:)`).
    func prepare(resetSequence: [UInt8]) {
        let reset = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, resetSequence.count))
        reset.initialize(from: resetSequence, count: resetSequence.count)
        let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        actions.initialize(repeating: sigaction(), count: 65)
        let state = UnsafeMutablePointer<RelayState>.allocate(capacity: 1)
        state.initialize(to: RelayState(
            pipeWrite: writeDescriptor, terminalDescriptor: terminalDescriptor,
            reset: reset, resetCount: resetSequence.count,
            shellModes: shellModes ?? termios(), hasShellModes: shellModes != nil,
            previousActions: actions))
        // Never freed: a handler on another thread may still be reading an older state.
        relayState = state
    }

    func install() {
        guard !installed, let state = relayState else { return }
        installed = true
        for signal in relayedSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = relayHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signal, &action, nil)
        }
        for signal in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = crashHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND) | Int32(truncatingIfNeeded: SA_NODEFER)
            sigaction(signal, &action, state.pointee.previousActions + Int(signal))
        }
    }

    /// Puts back the handlers that were there before curses started.
    func uninstall() {
        guard installed else { return }
        installed = false
        for (signal, old) in previous {
            var action = old
            sigaction(signal, &action, nil)
        }
    }

    /// Lets the relayed signals reach the calling thread (the loop's) and returns the mask to
    /// put back. A thread started from Swift's task pool inherits libdispatch's mask, which
    /// blocks SIGINT, SIGTERM, SIGHUP and more: a signal raised there would stay pending for
    /// ever, so ctrl-z would not stop the process and a re-raised SIGTERM would not end it.
    static func unblockRelayedSignals() -> sigset_t {
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in relayedSignals { sigaddset(&unblocked, signal) }
        var previous = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &unblocked, &previous)
        return previous
    }

    static func restore(mask: sigset_t) {
        var mask = mask
        pthread_sigmask(SIG_SETMASK, &mask, nil)
    }

    /// Delivers `signal` to this process with its default action (terminate, or stop for
    /// SIGTSTP), unblocked on the calling thread so it takes effect now. Returns only for a
    /// stop, once the process is continued.
    static func raiseWithDefaultAction(_ signal: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, signal)
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        raise(signal)
    }

    /// Signal numbers received since the last call.
    func drain() -> [Int32] {
        var buffer = [UInt8](repeating: 0, count: 64)
        var signals: [Int32] = []
        while true {
            let count = read(readDescriptor, &buffer, buffer.count)
            if count <= 0 { break }
            signals += buffer[0..<count].map { Int32($0) }
        }
        return signals
    }

    deinit {
        uninstall()
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// The terminal's own capability strings for leaving curses mode, read from terminfo.
    static func resetSequence(mouse: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            if let value = tigetstr(capability), Int(bitPattern: value) != -1 {
                bytes += Array(String(cString: value).utf8)
            }
        }
        if mouse { bytes += Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l".utf8) }
        bytes += Array("\r\n".utf8)
        return bytes
    }
}
