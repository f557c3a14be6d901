import Testing
@testable import TerminalUI

@Suite struct GridTests {
    @Test func putClipsAtEdgesAndReturnsColumnsUsed() {
        var grid = Grid(width: 6, height: 2)
        #expect(grid.put("Hello, world", x: 1, y: 0) == 5)
        #expect(grid.put("xy", x: -1, y: 1) == 2)
        #expect(grid.put("nope", x: 0, y: 5) == 0)
        #expect(grid.plainText() == " Hello\ny")
    }

    @Test func wideCharacterTakesTwoCellsAndIsNeverSplitAtTheEdge() {
        var grid = Grid(width: 5, height: 1)
        grid.put("日本語", x: 0, y: 0)
        #expect(grid[0, 0].character == "日")
        #expect(grid[1, 0].isContinuation)
        #expect(grid[4, 0].character == " ")  // "語" would straddle the edge
        #expect(grid.plainText() == "日本")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = Grid(width: 4, height: 1)
        grid.put("日本", x: 0, y: 0)
        grid.put("x", x: 1, y: 0)
        #expect(grid.line(at: 0) == " x本")
        grid.put("y", x: 2, y: 0)
        #expect(grid.line(at: 0) == " xy")
        #expect(!grid[3, 0].isContinuation)
    }

    @Test func controlsBecomeQuestionMarksAndStrayMarksVanish() {
        var grid = Grid(width: 8, height: 1)
        grid.put("a\u{1B}[2Jb", x: 0, y: 0)
        #expect(grid.line(at: 0) == "a?[2Jb")
    }

    @Test func tinyGridsNeverCrash() {
        var grid = Grid(width: 1, height: 1)
        grid.put("日", x: 0, y: 0)
        grid.fill(Rect(x: -3, y: -3, width: 10, height: 10), with: "#")
        #expect(grid.plainText() == "#")
        var empty = Grid(width: 0, height: 0)
        empty.put("x", x: 0, y: 0)
        #expect(empty.plainText() == "")
        _ = Grid(width: -5, height: -1)
    }

    @Test func styledDumpShowsRuns() {
        var grid = Grid(width: 6, height: 1)
        grid.put("ab", x: 0, y: 0, style: Style(foreground: .ansi(.red), bold: true))
        grid.put("c", x: 2, y: 0)
        #expect(grid.styledText() == "{fg=red,bold}ab{}c   ")
        let red = Style(foreground: .ansi(.red), bold: true)
        #expect(grid.styleMask(row: 0, legend: [red: "R", .plain: "."]) == "RR....")
    }

    @Test func blitCopiesAGridOntoAnother() {
        var big = Grid(width: 5, height: 2)
        var small = Grid(width: 2, height: 1)
        small.put("ok", x: 0, y: 0)
        big.blit(small, x: 4, y: 1)
        #expect(big.plainText() == "\n    o")
    }
}
