import CNcursesw
import TerminalUI

/// A style as curses draws it: attribute bits and a colour pair.
struct ResolvedStyle: Equatable {
    var attributes: attr_t
    var pair: Int32

    /// The same as one `chtype`'s attribute and colour bits, when the pair fits in them
    /// (pairs above 255 only fit a `cchar_t`).
    var narrowBits: chtype? {
        pair >= 0 && pair <= 255 ? (attributes & ~rt_attr_color()) | chtype(pair) << 8 : nil
    }
}

/// Turns one row of a Grid into curses cells and hands them to curses, as few calls and as
/// little work per cell as possible: a frame of 12,000 cells is drawn in well under a
/// millisecond.
///
/// Runs of printable ASCII go to `waddchnstr` as `chtype`s (character and attributes in one
/// word, copied by curses without a width lookup); everything else (wide characters,
/// combining marks, colour pairs above 255, the ASCII fallback) goes to `wadd_wchnstr` as
/// `cchar_t`s. Both kinds are built in reusable raw buffers: no allocation, reference counting
/// or exclusivity check per cell. Not thread-safe, like the screen that owns it.
final class CursesRowWriter {
    private enum RunKind { case narrow, wide }

    private struct Run {
        var kind: RunKind
        /// First screen column of the run.
        var column: Int
        /// Index of the run's first element in its buffer (`narrow` is indexed by column).
        var start: Int
        var count: Int
    }

    private var narrow = UnsafeMutableBufferPointer<chtype>.allocate(capacity: 0)
    private var wide = UnsafeMutableBufferPointer<cchar_t>.allocate(capacity: 0)
    private var runs = UnsafeMutableBufferPointer<Run>.allocate(capacity: 0)

    deinit {
        narrow.deallocate()
        wide.deallocate()
        runs.deallocate()
    }

    /// Writes `cells` (one screen row, already clipped to the screen's width) at row `y`.
    /// `resolve` gives a style's curses attributes; it is asked only when the style changes.
    func write(_ cells: UnsafeBufferPointer<Cell>, y: Int32, window: UnsafeMutablePointer<WINDOW>, isUTF8: Bool, resolve: (Style) -> ResolvedStyle) {
        let limit = cells.count
        guard limit > 0 else { return }
        reserve(columns: limit)
        let narrow = narrow.baseAddress!, wide = wide.baseAddress!, runs = runs.baseAddress!
        var runCount = 0
        var wideCount = 0
        var style = cells[0].style
        var resolved = resolve(style)
        var narrowBits = resolved.narrowBits
        var x = 0
        while x < limit {
            // An ASCII run: printable ASCII cells in styles that fit a chtype (nearly all).
            let narrowColumn = x
            while x < limit {
                let cell = cells[x]
                if cell.style != style {
                    style = cell.style
                    resolved = resolve(style)
                    narrowBits = resolved.narrowBits
                }
                guard let ascii = cell.printableASCII, let bits = narrowBits else { break }
                narrow[x] = chtype(ascii) | bits
                x += 1
            }
            if x > narrowColumn {
                runs[runCount] = Run(kind: .narrow, column: narrowColumn, start: narrowColumn, count: x - narrowColumn)
                runCount += 1
            }
            guard x < limit else { break }
            // A wide run, up to the next cell that can start an ASCII run. Its first cell is
            // the one that ended the ASCII run, so every pass moves on.
            let wideColumn = x, wideStart = wideCount
            while x < limit {
                let cell = cells[x]
                if cell.style != style {
                    style = cell.style
                    resolved = resolve(style)
                    narrowBits = resolved.narrowBits
                }
                if cell.printableASCII != nil && narrowBits != nil { break }
                appendWide(cell, isLast: x + 1 >= limit, isUTF8: isUTF8, resolved, to: wide, count: &wideCount)
                x += 1
            }
            runs[runCount] = Run(kind: .wide, column: wideColumn, start: wideStart, count: wideCount - wideStart)
            runCount += 1
        }

        // Wide runs first: `wadd_wchnstr` blanks the column left of its start when it finds
        // there the right half of an old wide character, and that column always belongs to an
        // ASCII run (two wide runs are never adjacent), which is written afterwards.
        for index in 0..<runCount where runs[index].kind == .wide && runs[index].count > 0 {
            let run = runs[index]
            mvwadd_wchnstr(window, y, Int32(run.column), wide + run.start, Int32(run.count))
        }
        for index in 0..<runCount where runs[index].kind == .narrow && runs[index].count > 0 {
            let run = runs[index]
            mvwaddchnstr(window, y, Int32(run.column), narrow + run.start, Int32(run.count))
        }
    }

    /// Appends the `cchar_t`s of one cell that cannot go into an ASCII run.
    private func appendWide(_ cell: Cell, isLast: Bool, isUTF8: Bool, _ resolved: ResolvedStyle, to wide: UnsafeMutablePointer<cchar_t>, count: inout Int) {
        if let ascii = cell.printableASCII {
            rt_fill_cell(wide + count, wchar_t(ascii), resolved.attributes, resolved.pair)
            count += 1
            return
        }
        if cell.isContinuation {
            // Curses gives a wide character both its columns itself.
            if !isUTF8 { append(" ", resolved, to: wide, count: &count) }
            return
        }
        let character = cell.character
        if !isUTF8 {
            append(AsciiFallback.character(for: character), resolved, to: wide, count: &count)
            return
        }
        let gridWidth = CharacterWidth.of(character)
        if gridWidth == 2 && isLast {
            append(" ", resolved, to: wide, count: &count)  // half a wide character cannot show at the edge
            return
        }
        appendTerminalSafe(character, gridWidth: gridWidth, resolved, to: wide, count: &count)
    }

    /// Grows the buffers for a row of `columns` cells. A consistent row yields one `cchar_t`
    /// per column at most; a wide character whose continuation cell was lost may yield two.
    private func reserve(columns: Int) {
        guard narrow.count < columns else { return }
        narrow.deallocate()
        wide.deallocate()
        runs.deallocate()
        narrow = .allocate(capacity: columns)
        wide = .allocate(capacity: 2 * columns)
        runs = .allocate(capacity: columns + 1)
    }

    /// Writes a non-ASCII character so that it takes exactly the columns the Grid gave it,
    /// whatever the terminal's own width table says. Terminals disagree about emoji sequences
    /// (most draw a ZWJ sequence as separate glyphs), so a cell holds the base character and
    /// its combining marks only, and a character the terminal measures narrower than we do
    /// gets a blank after it; one it cannot print, or measures wider, becomes `?`.
    private func appendTerminalSafe(_ character: Character, gridWidth: Int, _ resolved: ResolvedStyle, to out: UnsafeMutablePointer<cchar_t>, count: inout Int) {
        var scalars: [Unicode.Scalar] = []
        for scalar in character.unicodeScalars {
            if scalars.isEmpty {
                scalars.append(scalar)
                continue
            }
            if scalar.value == 0x200D { break }
            if (0x1F3FB...0x1F3FF).contains(scalar.value) { continue }  // skin tones are spacing to wcwidth
            if CharacterWidth.of(scalar: scalar) == 0 && rt_wcwidth(wchar_t(bitPattern: scalar.value)) == 0 { scalars.append(scalar) }
        }
        let terminalWidth = Int(rt_wcwidth(wchar_t(bitPattern: scalars[0].value)))
        if terminalWidth == gridWidth {
            append(scalars, resolved, to: out, count: &count)
        } else if terminalWidth == 1 && gridWidth == 2 {
            append(scalars, resolved, to: out, count: &count)
            append(" ", resolved, to: out, count: &count)
        } else {
            append("?", resolved, to: out, count: &count)
            if gridWidth == 2 { append(" ", resolved, to: out, count: &count) }
        }
    }

    private func append(_ character: Character, _ resolved: ResolvedStyle, to out: UnsafeMutablePointer<cchar_t>, count: inout Int) {
        if let ascii = character.asciiValue {
            rt_fill_cell(out + count, wchar_t(ascii), resolved.attributes, resolved.pair)
            count += 1
            return
        }
        append(Array(character.unicodeScalars), resolved, to: out, count: &count)
    }

    private func append(_ scalars: [Unicode.Scalar], _ resolved: ResolvedStyle, to out: UnsafeMutablePointer<cchar_t>, count: inout Int) {
        // CCHARW_MAX (5) characters and the terminating zero.
        var text: (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t, wchar_t) = (0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &text) { raw in
            let text = raw.bindMemory(to: wchar_t.self)
            var length = 0
            for scalar in scalars where length < Int(CCHARW_MAX) {
                text[length] = wchar_t(bitPattern: scalar.value)
                length += 1
            }
            text[length] = 0
            _ = rt_setcchar(out + count, text.baseAddress, resolved.attributes, resolved.pair)
        }
        count += 1
    }
}
