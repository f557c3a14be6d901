import Testing
import TerminalUI
@testable import NcursesBackend

/// The row writer sends ASCII runs and everything else to curses by different calls; every
/// column must still read back exactly what the Grid held, whatever the screen showed before.
@Suite(.serialized) struct RowWriterTests {
    /// Every column of row `y` on `screen` against the Grid: characters, attributes, colours.
    func expectScreen(_ screen: CursesScreen, matches grid: Grid, row y: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        for x in 0..<grid.width where !grid[x, y].isContinuation {
            let cell = grid[x, y], shown = screen.cell(x: x, y: y)
            let expectedForeground: Int32 = if case .ansi(let color) = cell.style.foreground { Int32(color.rawValue) } else { -1 }
            let expectedBackground: Int32 = if case .ansi(let color) = cell.style.background { Int32(color.rawValue) } else { -1 }
            #expect(shown.text == String(cell.character), "column \(x)", sourceLocation: sourceLocation)
            #expect(shown.bold == cell.style.bold && shown.underline == cell.style.underline && shown.reverse == cell.style.reverse,
                    "attributes of column \(x)", sourceLocation: sourceLocation)
            #expect(shown.foreground == expectedForeground && shown.background == expectedBackground,
                    "colours of column \(x)", sourceLocation: sourceLocation)
        }
    }

    @Test func mixedRowsReadBackExactlyOverAnyPreviousContent() throws {
        let width = 24
        let screen = try CursesScreen.offscreen(width: width, height: 2, locale: "C.UTF-8")
        defer { screen.end() }
        let red = Style(foreground: .ansi(.red), bold: true)
        let blue = Style(foreground: .ansi(.white), background: .ansi(.blue), underline: true)
        let plain = Style.plain
        // Three frames over the same row: wide characters under ASCII runs and the other way
        // round, shifted by one column each time, so old halves of wide characters lie at
        // every run boundary.
        let frames: [[(String, Style)]] = [
            [("ab", red), ("山田", blue), ("cd", plain), ("e\u{301}Ž", red), ("x", blue), ("日本", plain), ("!", red)],
            [(" ", plain), ("山", red), ("abc", blue), ("田本", plain), ("Ž", blue), ("efgh", red), ("語", blue)],
            [("plain ASCII over all of it", blue)],
            [("語語語語語語語語語語語語", red)],
            [("a", plain), ("語語語語語語語語語語語", blue)],
        ]
        for runs in frames {
            var grid = Grid(width: width, height: 2)
            var x = 0
            for (text, style) in runs { x += grid.put(text, x: x, y: 0, style: style) }
            grid.put("status line", x: 0, y: 1, style: red)
            screen.flush(grid)
            expectScreen(screen, matches: grid, row: 0)
            expectScreen(screen, matches: grid, row: 1)
            #expect(screen.rowText(0) == grid.line(at: 0, trimTrailingSpaces: false))
        }
    }

    @Test func colourPairsBeyondTheNarrowRangeStayExact() throws {
        // More than 255 colour combinations: the later pairs do not fit a chtype, so their
        // cells take the wide path in the middle of ASCII rows.
        let width = 40, height = 8
        let screen = try CursesScreen.offscreen(width: width, height: height, locale: "C.UTF-8")
        defer { screen.end() }
        var grid = Grid(width: width, height: height)
        func style(_ index: Int) -> Style { Style(foreground: .indexed(UInt8(index % 256)), background: .indexed(UInt8(1 + index / 256))) }
        for index in 0..<(width * height) {
            grid.set(x: index % width, y: index / width, Cell(Character(Unicode.Scalar(UInt8(65 + index % 26))), style: style(index)))
        }
        screen.flush(grid)
        #expect(screen.allocatedPairCount == width * height)
        for index in 0..<(width * height) {
            let shown = screen.cell(x: index % width, y: index / width)
            #expect(shown.text == String(Unicode.Scalar(UInt8(65 + index % 26))))
            #expect(shown.foreground == Int32(index % 256) && shown.background == Int32(1 + index / 256), "cell \(index)")
        }
    }
}
