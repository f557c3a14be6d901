import CNcursesw
import Glibc
import Synchronization
import TerminalUI

/// What wakes the app.
public enum LoopInput<Event: Sendable>: Sendable {
    /// The terminal's size: always the first input, then after every resize (and after ctrl-z).
    case resize(width: Int, height: Int)
    case key(Key)
    case mouse(MouseEvent)
    /// Text that arrived in one burst, faster than anyone types (a paste): it goes into a text
    /// field as text, and its newlines are never taken as enter.
    case paste(String)
    /// Something a background task posted with `TerminalLoop.post`.
    case event(Event)
    /// The deadline the app asked for has passed.
    case tick(ContinuousClock.Instant)
}

/// The app's answer to an input.
public struct LoopDecision: Sendable {
    /// The new frame, or nil to keep the screen as it is.
    public var frame: Grid?
    /// The app's state changed: before the screen is next drawn, the loop asks the `render`
    /// closure given to `run` for the frame. Many inputs read in one go (a held key, a burst
    /// of answers) then cost one frame, not one each.
    public var redraw: Bool
    /// When to wake with a `.tick` even if nothing happens (a spinner, a flash to clear);
    /// nil sleeps until input or a posted event.
    public var wakeAt: ContinuousClock.Instant?
    public var quit: Bool
    /// Runs with the terminal handed over (curses left, the shell's modes back), on the loop's
    /// thread; the screen is redrawn whole when it returns. A ctrl-c or ctrl-z meant for what
    /// it runs does not reach the app; SIGTERM and SIGHUP still end the loop.
    public var handOver: (@Sendable () -> Void)?

    public init(frame: Grid?, redraw: Bool = false, wakeAt: ContinuousClock.Instant? = nil, quit: Bool = false,
                handOver: (@Sendable () -> Void)? = nil) {
        self.handOver = handOver
        self.frame = frame
        self.redraw = redraw
        self.wakeAt = wakeAt
        self.quit = quit
    }

    public static func draw(_ frame: Grid, wakeAt: ContinuousClock.Instant? = nil) -> LoopDecision {
        LoopDecision(frame: frame, wakeAt: wakeAt)
    }

    /// Render (with `run`'s `render` closure) before the screen is next drawn.
    public static func redraw(wakeAt: ContinuousClock.Instant? = nil) -> LoopDecision {
        LoopDecision(frame: nil, redraw: true, wakeAt: wakeAt)
    }

    public static func keep(wakeAt: ContinuousClock.Instant? = nil) -> LoopDecision {
        LoopDecision(frame: nil, wakeAt: wakeAt)
    }

    public static let quit = LoopDecision(frame: nil, quit: true)
}

public struct TerminalOptions: Sendable {
    /// Below this size a "terminal too small" message replaces the app's frame.
    public var minimumWidth: Int
    public var minimumHeight: Int
    /// Mouse reporting (click, wheel), asked of the terminal (SGR, mode 1006); off by default
    /// so the terminal's own selection works (most terminals still select with shift held).
    public var mouse: Bool
    /// False for monochrome (e.g. `NO_COLOR`): only attributes are drawn.
    public var colors: Bool
    public var escapeDelayMilliseconds: Int32

    public init(minimumWidth: Int = 40, minimumHeight: Int = 10, mouse: Bool = false, colors: Bool = true, escapeDelayMilliseconds: Int32 = 25) {
        self.minimumWidth = minimumWidth
        self.minimumHeight = minimumHeight
        self.mouse = mouse
        self.colors = colors
        self.escapeDelayMilliseconds = escapeDelayMilliseconds
    }
}

/// The terminal's event loop. One thread (the one calling `run`) owns curses and sleeps in
/// `poll()` on the terminal input, a wake-up pipe and the signal pipe; an idle screen costs
/// no CPU. Background tasks call `post` from any thread, which queues the event and writes a
/// byte to the wake-up pipe. Timers exist only as the deadline the app returns.
public final class TerminalLoop<Event: Sendable>: Sendable {
    private let options: TerminalOptions
    private let pending = Mutex<[Event]>([])
    /// A bracketed paste may span reads.
    private let pastes = Mutex(PasteDetector())
    private let wakeRead: Int32
    private let wakeWrite: Int32

    public init(options: TerminalOptions = TerminalOptions()) throws {
        self.options = options
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TerminalError.cannotInitialize("pipe: errno \(errno)") }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeRead = fds[0]
        wakeWrite = fds[1]
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    /// Queues `event` for the loop and wakes it. Callable from any thread or task.
    public func post(_ event: Event) {
        pending.withLock { $0.append(event) }
        var byte: UInt8 = 1
        // A full pipe already guarantees a wake-up, so EAGAIN is fine.
        _ = write(wakeWrite, &byte, 1)
    }

    /// Runs on the controlling terminal until the handler quits. The terminal is restored on
    /// return, on a thrown error, on SIGINT/SIGTERM/SIGHUP (then the signal is re-raised with
    /// its default action so the exit status tells the truth), on a crash, and around ctrl-z.
    /// `render` makes the frame when a decision asked for a `redraw`: at most once per pass
    /// of the loop, after every input that arrived together has been handled.
    /// `beforeSignalExit` runs after the terminal is restored and before such a signal is
    /// re-raised: the program's last chance to undo what it holds on a server (it may block
    /// briefly; the process ends when it returns).
    public func run(render: (() -> Grid)? = nil, beforeSignalExit: ((Int32) -> Void)? = nil,
                    _ handler: (LoopInput<Event>) throws -> LoopDecision) throws {
        var shellModes = termios()
        let hasModes = tcgetattr(STDIN_FILENO, &shellModes) == 0
        let relay = try SignalRelay(terminalDescriptor: STDOUT_FILENO, shellModes: hasModes ? shellModes : nil)
        let mask = SignalRelay.unblockRelayedSignals()
        let screen: CursesScreen
        do {
            screen = try CursesScreen(colors: options.colors, mouse: options.mouse, escapeDelayMilliseconds: options.escapeDelayMilliseconds)
        } catch {
            SignalRelay.restore(mask: mask)
            throw error
        }
        relay.prepare(resetSequence: SignalRelay.resetSequence(mouse: options.mouse))
        relay.install()
        var fatalSignal: Int32?
        do {
            fatalSignal = try drive(screen: screen, signals: relay, render: render, handler: handler)
        } catch {
            screen.end()
            relay.uninstall()
            SignalRelay.restore(mask: mask)
            throw error
        }
        screen.end()
        relay.uninstall()
        SignalRelay.restore(mask: mask)
        if let fatalSignal {
            // The terminal is restored; now end the way the signal asked, so the shell sees
            // 128 + its number (130 for SIGINT, 143 for SIGTERM) rather than a clean exit.
            beforeSignalExit?(fatalSignal)
            SignalRelay.raiseWithDefaultAction(fatalSignal)
        }
    }

    /// Runs the loop on a screen the caller made (e.g. `CursesScreen.offscreen` with a pipe as
    /// input, in tests). No signal handlers are installed. Returns when the handler quits.
    public func run(on screen: CursesScreen, render: (() -> Grid)? = nil, handler: (LoopInput<Event>) throws -> LoopDecision) throws {
        _ = try drive(screen: screen, signals: nil, render: render, handler: handler)
    }

    /// The loop proper. Returns the signal that ended it, if one did.
    private func drive(screen: CursesScreen, signals: SignalRelay?, render: (() -> Grid)?, handler: (LoopInput<Event>) throws -> LoopDecision) throws -> Int32? {
        var frame: Grid?
        var needsDraw = false
        var needsRender = false
        var deadline: ContinuousClock.Instant?
        var quit = false
        var handedOver = false
        var fatalDuringHandOver: Int32?

        func apply(_ input: LoopInput<Event>) throws {
            // Below the minimum size the app is not on screen: keys would act on a dialog or a
            // row the person cannot see. Only ctrl-c (to leave) reaches it.
            if screen.width < options.minimumWidth || screen.height < options.minimumHeight {
                switch input {
                case .key(let key) where key != .ctrl("c"): return
                case .paste, .mouse: return
                default: break
                }
            }
            let decision = try handler(input)
            if let newFrame = decision.frame {
                frame = newFrame
                needsRender = false
                needsDraw = true
            }
            if decision.redraw, render != nil {
                needsRender = true
                needsDraw = true
            }
            deadline = decision.wakeAt
            if decision.quit { quit = true }
            if let body = decision.handOver {
                screen.suspend()
                body()
                screen.resume()
                handedOver = true
                // Signals that came meanwhile were the command's (ctrl-c) or the end of ours.
                for signal in signals?.drain() ?? [] where [SIGTERM, SIGHUP].contains(signal) {
                    fatalDuringHandOver = signal
                }
            }
        }

        func draw() {
            needsDraw = false
            if needsRender, let render {
                needsRender = false
                frame = render()
            }
            let width = screen.width, height = screen.height
            if width < options.minimumWidth || height < options.minimumHeight {
                screen.flush(TooSmallScreen.render(width: width, height: height, minimumWidth: options.minimumWidth, minimumHeight: options.minimumHeight))
            } else if let frame {
                screen.flush(frame)
            }
        }

        func resized() throws {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_row > 0 && size.ws_col > 0 {
                screen.resize(width: Int(size.ws_col), height: Int(size.ws_row))
            } else {
                screen.invalidate()
            }
            try apply(.resize(width: screen.width, height: screen.height))
            needsDraw = true
        }

        /// KEY_RESIZE from curses: it already knows the new size.
        func cursesResized() throws {
            screen.invalidate()
            try apply(.resize(width: screen.width, height: screen.height))
            needsDraw = true
        }

        try apply(.resize(width: screen.width, height: screen.height))
        draw()
        var descriptors = [
            pollfd(fd: screen.inputDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signals?.readDescriptor ?? -1, events: Int16(POLLIN), revents: 0),
        ]
        /// When an open paste whose end marker never came is given up on (see `PasteDetector`).
        var pasteGivenUpAt: ContinuousClock.Instant?
        while !quit {
            if let fatal = fatalDuringHandOver { return fatal }
            if handedOver {
                // The terminal may have changed size meanwhile; draw everything again.
                handedOver = false
                try resized()
                draw()
            }
            let timeout: Int32
            if let due = [deadline, pasteGivenUpAt].compactMap({ $0 }).min() {
                let remaining = due - ContinuousClock.now
                let (seconds, attoseconds) = remaining.components
                let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
                timeout = Int32(clamping: max(0, milliseconds))
            } else {
                timeout = -1
            }
            for index in descriptors.indices { descriptors[index].revents = 0 }
            let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                throw TerminalError.cannotInitialize("poll: errno \(errno)")
            }
            if descriptors[2].revents != 0, let signals {
                var resize = false
                for signal in signals.drain() {
                    switch signal {
                    case SIGINT, SIGTERM, SIGHUP:
                        return signal
                    case SIGTSTP:
                        suspendProcess(screen: screen, signals: signals)
                        resize = true
                    case SIGCONT:
                        screen.invalidate()
                        needsDraw = true
                    case SIGWINCH:
                        resize = true
                    default:
                        break
                    }
                }
                // A storm of SIGWINCH becomes one resize.
                if resize { try resized() }
            }
            if descriptors[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                if descriptors[0].revents & Int16(POLLHUP | POLLERR) != 0 && descriptors[0].revents & Int16(POLLIN) == 0 {
                    // The terminal went away (the input end closed); nothing more will come.
                    return SIGHUP
                }
                try readInput(screen: screen, apply: apply, cursesResized: cursesResized)
                // A terminal streams a paste without pauses: a quarter second of silence
                // inside one means its end marker is not coming.
                pasteGivenUpAt = pastes.withLock { $0.isOpen } ? ContinuousClock.now + .milliseconds(250) : nil
            } else if let due = pasteGivenUpAt, ContinuousClock.now >= due {
                pasteGivenUpAt = nil
                if let text = pastes.withLock({ $0.closeStale() }) { try apply(.paste(text)) }
            }
            if descriptors[1].revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 256)
                while read(wakeRead, &buffer, buffer.count) > 0 {}
                let events = pending.withLock { queue -> [Event] in
                    let taken = queue
                    queue.removeAll(keepingCapacity: true)
                    return taken
                }
                for event in events where !quit { try apply(.event(event)) }
            }
            if !quit, let due = deadline, ContinuousClock.now >= due {
                try apply(.tick(ContinuousClock.now))
            }
            if needsDraw && !quit { draw() }
        }
        return nil
    }

    private func readInput(screen: CursesScreen, apply: (LoopInput<Event>) throws -> Void, cursesResized: () throws -> Void) throws {
        // Drain everything curses has, including what it buffered internally.
        var feed: [RawInput] = []
        while let raw = screen.readRawInput() { feed.append(raw) }
        for piece in pastes.withLock({ $0.split(feed) }) {
            switch piece {
            case .paste(let text):
                try apply(.paste(text))
            case .input(let raw):
                for input in KeyDecoder.decodeAll(raw) {
                    switch input {
                    case .key(let key):
                        try apply(.key(key))
                    case .resize:
                        try cursesResized()
                    case .mouse(let event):
                        try apply(.mouse(event))
                    }
                }
            }
        }
    }

    /// ctrl-z: leave curses, stop for real, and come back with a full repaint on SIGCONT.
    private func suspendProcess(screen: CursesScreen, signals: SignalRelay) {
        screen.suspend()
        signals.uninstall()
        SignalRelay.raiseWithDefaultAction(SIGTSTP)
        // Execution continues here after SIGCONT.
        signals.install()
        screen.resume()
    }
}
