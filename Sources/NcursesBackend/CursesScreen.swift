import CNcursesw
import Dispatch
import Glibc
import TerminalUI

public enum TerminalError: Error, CustomStringConvertible {
    case notATerminal
    case cannotInitialize(String)

    public var description: String {
        switch self {
        case .notATerminal: return "standard input and output must be a terminal"
        case .cannotInitialize(let detail): return "cannot start the terminal screen: \(detail)"
        }
    }
}

/// What a cell on the curses screen holds, read back for tests.
public struct CursesCell: Sendable, Hashable {
    public var text: String
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool
    public var foreground: Int32
    public var background: Int32
}

/// Owns one curses screen: setup, teardown, drawing Grids (only rows that changed), input.
/// Not thread-safe: curses has one owner thread; `TerminalLoop` is that owner.
public final class CursesScreen {
    private let screen: OpaquePointer
    private var window: UnsafeMutablePointer<WINDOW>
    private let inputFile: UnsafeMutablePointer<FILE>?
    private let outputFile: UnsafeMutablePointer<FILE>?
    private var closeFiles: Bool
    private var previous: Grid?
    private var pairs: ColorPairCache
    private var resolvedStyles: [Style: ResolvedStyle] = [:]
    private var recentStyles: ((style: Style, resolved: ResolvedStyle), (style: Style, resolved: ResolvedStyle))
    private let rowWriter = CursesRowWriter()
    private var ended = false
    /// Curses keeps process-wide state (the current screen, stdscr, curscr), so two screens
    /// driven from two threads at once corrupt each other; in one process (a test run, a
    /// benchmark) screens take turns: a screen holds its turn from creation until `end()`.
    /// A semaphore, not a mutex: `end()` may run on another thread (from `deinit`).
    private static let turns = DispatchSemaphore(value: 1)
    public let isUTF8: Bool
    public let mouseEnabled: Bool
    public let inputDescriptor: Int32

    /// Sets up curses on the controlling terminal (stdin/stdout).
    public convenience init(colors: Bool = true, mouse: Bool = false, escapeDelayMilliseconds: Int32 = 25) throws {
        guard isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        guard let input = fdopen(STDIN_FILENO, "r"), let output = fdopen(STDOUT_FILENO, "w") else {
            throw TerminalError.cannotInitialize("cannot open the terminal streams")
        }
        Self.turns.wait()
        do {
            try self.init(terminalType: nil, input: input, output: output, closeFiles: false, colors: colors, mouse: mouse, escapeDelayMilliseconds: escapeDelayMilliseconds)
        } catch {
            Self.turns.signal()
            throw error
        }
    }

    /// A screen writing to /dev/null: drawing and reading cells back without a terminal.
    /// `inputDescriptor` (e.g. a pipe's read end) feeds keys; by default input is /dev/null.
    /// `locale` replaces the environment's (e.g. "C.UTF-8", or "C" to see the ASCII fallback).
    public static func offscreen(terminalType: String = "xterm-256color", width: Int, height: Int, colors: Bool = true, mouse: Bool = false, inputDescriptor: Int32? = nil, locale: String? = nil) throws -> CursesScreen {
        let inputStream = inputDescriptor.map { fdopen(dup($0), "r") } ?? fopen("/dev/null", "r")
        guard let output = fopen("/dev/null", "w"), let input = inputStream else {
            throw TerminalError.cannotInitialize("cannot open /dev/null")
        }
        turns.wait()
        let screen: CursesScreen
        do {
            screen = try CursesScreen(terminalType: terminalType, input: input, output: output, closeFiles: true, colors: colors, mouse: mouse, escapeDelayMilliseconds: 25, locale: locale)
        } catch {
            turns.signal()
            throw error
        }
        screen.resize(width: width, height: height)
        return screen
    }

    init(terminalType: String?, input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>, closeFiles: Bool, colors: Bool, mouse: Bool, escapeDelayMilliseconds: Int32, locale: String? = nil) throws {
        setlocale(LC_ALL, locale ?? "")
        let codeset = String(cString: nl_langinfo(Int32(CODESET)))
        isUTF8 = codeset.uppercased().replacingASCIIDashes == "UTF8"
        guard let screen = terminalType.map({ newterm($0, output, input) }) ?? newterm(nil, output, input) else {
            if closeFiles { fclose(input); fclose(output) }
            throw TerminalError.cannotInitialize("unknown terminal type \(terminalType ?? String(cString: getenv("TERM") ?? strdup("")))")
        }
        self.screen = screen
        set_term(screen)
        window = rt_stdscr()!
        inputFile = input
        outputFile = output
        self.closeFiles = closeFiles
        inputDescriptor = fileno(input)
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        set_escdelay(escapeDelayMilliseconds)
        curs_set(0)
        if colors && has_colors() {
            start_color()
            use_default_colors()
        }
        pairs = ColorPairCache(enabled: colors)
        // Plain text (pair 0, no attributes) until the first lookup replaces these.
        recentStyles = ((.plain, ResolvedStyle(attributes: 0, pair: 0)), (.plain, ResolvedStyle(attributes: 0, pair: 0)))
        mouseEnabled = mouse
        // Mouse reports are read as bytes (`MouseReport`): curses must not take their start
        // (the terminfo `kmous`, `ESC [ <` or `ESC [ M`) for a key of its own.
        if mouse { keyok(KEY_MOUSE, false) }
        setBracketedPaste(true)
        setMouseReporting(true)
    }

    deinit { end() }

    /// Asks the terminal to wrap pasted text in `ESC [ 200 ~` ... `ESC [ 201 ~`, so a paste is
    /// text and never keys (a pasted newline must not press enter in a dialog).
    private func setBracketedPaste(_ on: Bool) {
        guard let outputFile else { return }
        fputs(on ? "\u{1B}[?2004h" : "\u{1B}[?2004l", outputFile)
        fflush(outputFile)
    }

    /// Asks the terminal to report button presses, releases and the wheel as SGR sequences
    /// (modes 1000 and 1006), when mouse reporting is on.
    private func setMouseReporting(_ on: Bool) {
        guard mouseEnabled, let outputFile else { return }
        fputs(on ? "\u{1B}[?1000h\u{1B}[?1006h" : "\u{1B}[?1006l\u{1B}[?1000l", outputFile)
        fflush(outputFile)
    }

    /// Leaves curses mode and restores the terminal. Safe to call more than once.
    public func end() {
        guard !ended else { return }
        ended = true
        set_term(screen)
        setMouseReporting(false)
        setBracketedPaste(false)
        curs_set(1)
        endwin()
        delscreen(screen)
        if closeFiles {
            if let inputFile { fclose(inputFile) }
            if let outputFile { fclose(outputFile) }
        }
        Self.turns.signal()
    }

    public var width: Int { Int(rt_cols()) }
    public var height: Int { Int(rt_lines()) }
    public var colorCount: Int { pairs.colorCount }
    var allocatedPairCount: Int { pairs.allocatedCount }

    /// Tells curses the terminal's new size and forgets the last frame (all rows redraw).
    /// (`resize_term`, not `resizeterm`: the latter also queues a KEY_RESIZE we would read
    /// back as another resize.)
    public func resize(width: Int, height: Int) {
        resize_term(Int32(max(1, height)), Int32(max(1, width)))
        window = rt_stdscr()!
        previous = nil
        // The terminal may have reflowed or cleared what it showed; curses' own copy of the
        // screen must not be trusted either, or unchanged-looking cells stay blank.
        clearok(rt_curscr(), true)
    }

    /// Makes the next flush repaint the whole terminal (after a suspend, or corruption).
    public func invalidate() {
        previous = nil
        clearok(rt_curscr(), true)
    }

    /// Leaves curses temporarily (for ctrl-z); `resume` comes back.
    public func suspend() {
        setMouseReporting(false)
        setBracketedPaste(false)
        endwin()
    }

    public func resume() {
        setBracketedPaste(true)
        setMouseReporting(true)
        refresh()
        invalidate()
    }

    /// How many flushes reached the terminal; a frame equal to the last one does not.
    public private(set) var terminalUpdates = 0

    /// Draws `grid`, writing only the rows that differ from the last frame, then updates the
    /// terminal once. Cells beyond the screen are clipped; screen rows beyond the grid blank.
    /// A frame equal to the last one sends nothing at all: a poll that brought nothing new
    /// does not repaint.
    public func flush(_ grid: Grid) {
        if let previous, previous == grid { return }
        terminalUpdates += 1
        let rows = height, columns = width
        let sizeChanged = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if sizeChanged { werase(window) }
        for y in 0..<min(rows, grid.height) {
            if !sizeChanged, let previous, previous.row(y) == grid.row(y) { continue }
            writeRow(grid, y: y, columns: columns)
        }
        previous = grid
        wnoutrefresh(window)
        doupdate()
    }

    private func writeRow(_ grid: Grid, y: Int, columns: Int) {
        let limit = min(columns, grid.width)
        grid.cells.withUnsafeBufferPointer { all in
            let row = UnsafeBufferPointer(rebasing: all[(y * grid.width)..<(y * grid.width + limit)])
            rowWriter.write(row, y: Int32(y), window: window, isUTF8: isUTF8, resolve: resolve)
        }
    }

    /// Curses attributes and colour pair of `style`, computed once per style and screen.
    private func resolve(_ style: Style) -> ResolvedStyle {
        // Rows alternate between a few styles (a row's, a coloured cell's): the last two
        // answers spare most dictionary lookups.
        if recentStyles.0.style == style { return recentStyles.0.resolved }
        if recentStyles.1.style == style {
            recentStyles = (recentStyles.1, recentStyles.0)
            return recentStyles.0.resolved
        }
        let resolved = lookUp(style)
        recentStyles = ((style, resolved), recentStyles.0)
        return resolved
    }

    private func lookUp(_ style: Style) -> ResolvedStyle {
        if let cached = resolvedStyles[style] { return cached }
        var attributes: attr_t = 0
        if style.bold { attributes |= rt_attr_bold() }
        if style.dim { attributes |= rt_attr_dim() }
        if style.underline { attributes |= rt_attr_underline() }
        if style.reverse { attributes |= rt_attr_reverse() }
        if style.italic { attributes |= rt_attr_italic() }
        let resolved = ResolvedStyle(attributes: attributes, pair: pairs.pair(foreground: style.foreground, background: style.background))
        resolvedStyles[style] = resolved
        return resolved
    }

    /// Reads the next waiting input without blocking (nil when there is none).
    public func readRawInput() -> RawInput? {
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        switch result {
        case OK: return .character(UInt32(value))
        case KEY_CODE_YES: return .keyCode(Int32(value))
        default: return nil
        }
    }

    /// What curses holds at (x, y): characters, attributes and the pair's colours.
    public func cell(x: Int, y: Int) -> CursesCell {
        var raw = cchar_t()
        mvwin_wch(window, Int32(y), Int32(x), &raw)
        var text: [wchar_t] = Array(repeating: 0, count: Int(CCHARW_MAX) + 1)
        var attributes: attr_t = 0
        var pair: Int32 = 0
        _ = rt_getcchar(&raw, &text, &attributes, &pair)
        var foreground: Int32 = -1, background: Int32 = -1
        if pair > 0 { extended_pair_content(pair, &foreground, &background) }
        let string = String(String.UnicodeScalarView(text.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
        return CursesCell(
            text: string,
            bold: attributes & rt_attr_bold() != 0,
            dim: attributes & rt_attr_dim() != 0,
            underline: attributes & rt_attr_underline() != 0,
            reverse: attributes & rt_attr_reverse() != 0,
            foreground: foreground, background: background
        )
    }

    /// One screen row as text (wide characters once), for tests.
    public func rowText(_ y: Int) -> String {
        var text = ""
        var x = 0
        while x < width {
            let cell = cell(x: x, y: y)
            text += cell.text
            x += max(1, TextWidth.of(cell.text))
        }
        return text
    }
}

extension String {
    fileprivate var replacingASCIIDashes: String { String(filter { $0 != "-" && $0 != "_" }) }
}
