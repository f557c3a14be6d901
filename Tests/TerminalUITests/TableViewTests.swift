import Testing
@testable import TerminalUI

/// A provider that counts which rows were asked for, to prove only visible rows are read.
final class CountingProvider: TableRowProvider {
    let rowCount: Int
    private(set) var requested: [Int] = []
    init(rowCount: Int) { self.rowCount = rowCount }
    func row(at index: Int) -> TableRow {
        requested.append(index)
        return [TableCell("row \(index)"), TableCell(String(index * 10))]
    }
}

@Suite struct TableViewTests {
    let theme = Theme(name: "test", slots: [
        .text: .plain,
        .header: Style(bold: true),
        .selection: Style(reverse: true),
        .marked: Style(foreground: .ansi(.yellow)),
        .status("ok"): Style(foreground: .ansi(.green)),
    ])

    var table: TableView {
        TableView(columns: [
            TableColumn("Name", width: .flex(min: 4, weight: 1)),
            TableColumn("Size", width: .fixed(5), alignment: .right),
        ], sort: TableSort(column: 0, ascending: true))
    }

    @Test func rendersHeaderWithSortMarkerAndRows() {
        var grid = Grid(width: 20, height: 4)
        var state = ScrollState()
        let provider = ArrayRowProvider([["alpha", "1"], ["beta", "22"], ["gamma", "333"]])
        table.render(provider, state: &state, in: grid.bounds, into: &grid, theme: theme)
        #expect(grid.plainText() == """
             Name▲          Size
             alpha             1
             beta             22
             gamma           333
            """)
        let bold = Style(bold: true), rev = Style(reverse: true)
        #expect(grid.styleMask(row: 0, legend: [bold: "H"]) == String(repeating: "H", count: 20))
        #expect(grid.styleMask(row: 1, legend: [rev: "S", .plain: "."]) == String(repeating: "S", count: 20))
        #expect(grid.styleMask(row: 2, legend: [rev: "S", .plain: "."]) == String(repeating: ".", count: 20))
    }

    @Test func onlyVisibleRowsAreRequestedFromAMillionRows() {
        let provider = CountingProvider(rowCount: 1_000_000)
        var grid = Grid(width: 30, height: 6)
        var state = ScrollState(selected: 999_999)
        table.render(provider, state: &state, in: grid.bounds, into: &grid, theme: theme)
        #expect(provider.requested == Array(999_995...999_999))
        #expect(state.offset == 999_995)
        #expect(grid.line(at: 5).hasPrefix(" row 999999"))
    }

    @Test func scrollingKeepsSelectionVisible() {
        var state = ScrollState()
        state.move(by: 7, rowCount: 100)
        state.clamp(rowCount: 100, visibleRows: 5)
        #expect(state.offset == 3)
        state.move(by: -6, rowCount: 100)
        state.clamp(rowCount: 100, visibleRows: 5)
        #expect(state.offset == 1)
        state.moveToBottom(rowCount: 100)
        state.clamp(rowCount: 100, visibleRows: 5)
        #expect(state.selected == 99 && state.offset == 95)
        state.page(-1, visibleRows: 5, rowCount: 100)
        #expect(state.selected == 95 && state.offset == 91)
        state.move(by: 1000, rowCount: 0)
        #expect(state.selected == 0)
    }

    @Test func markedRowsShowGlyphAndColourAndCellSlotsColourCells() {
        var grid = Grid(width: 20, height: 3)
        var state = ScrollState(selected: 0, marked: [1])
        let provider = ArrayRowProvider([["a", "1"], ["b", TableCell("ok", slot: .status("ok"))]])
        table.render(provider, state: &state, in: grid.bounds, into: &grid, theme: theme)
        #expect(grid.line(at: 2) == "●b                ok")
        let yellow = Style(foreground: .ansi(.yellow)), green = Style(foreground: .ansi(.green))
        #expect(grid.styleMask(row: 2, legend: [yellow: "Y", green: "G"]) == String(repeating: "Y", count: 15) + "GGGGG")
    }

    @Test func wideNamesAreTruncatedWithoutBreakingColumns() {
        var grid = Grid(width: 16, height: 3)
        var state = ScrollState(selected: 5)
        let provider = ArrayRowProvider([["山田太郎さんのファイル", "12"], ["Příliš žluťoučký", "7"]])
        table.render(provider, state: &state, in: grid.bounds, into: &grid, theme: theme)
        #expect(state.selected == 1)
        // The name column is 9 wide: four wide characters (8) and the ellipsis.
        #expect(grid.line(at: 1) == " 山田太郎…    12")
        #expect(grid.line(at: 2) == " Příliš ž…     7")
        for y in 1...2 { #expect(TextWidth.of(grid.line(at: y, trimTrailingSpaces: false)) == 16) }
    }

    @Test func columnWidthsFixedThenFlexByWeight() {
        let view = TableView(columns: [
            TableColumn("a", width: .fixed(3)),
            TableColumn("b", width: .flex(min: 2, weight: 1)),
            TableColumn("c", width: .flex(min: 2, weight: 3)),
        ])
        #expect(view.columnWidths(total: 17) == [3, 4, 8])
        #expect(view.columnWidths(total: 4) == [2, 0, 0])
    }

    @Test func clickMapsToRowIndex() {
        let rect = Rect(x: 0, y: 2, width: 20, height: 5)
        let state = ScrollState(selected: 10, offset: 8)
        #expect(table.rowIndex(atScreenY: 3, in: rect, state: state, rowCount: 100) == 8)
        #expect(table.rowIndex(atScreenY: 2, in: rect, state: state, rowCount: 100) == nil)
        #expect(table.rowIndex(atScreenY: 6, in: rect, state: state, rowCount: 10) == nil)
    }
}

@Suite struct TableCellDrawingTests {
    @Test func cellsAreAlignedTruncatedAndStyledInPlace() {
        let theme = Theme(name: "test", slots: [
            .text: .plain, .header: Style(bold: true), .selection: Style(reverse: true),
            .status("ok"): Style(foreground: .ansi(.green)), .status("bad"): Style(foreground: .ansi(.red)),
        ])
        let table = TableView(columns: [
            TableColumn("L", width: .fixed(6)),
            TableColumn("Right", width: .fixed(6), alignment: .right),
            TableColumn("C", width: .fixed(7), alignment: .center),
            TableColumn("S", width: .fixed(4)),
        ])
        let rows = ArrayRowProvider([
            [TableCell("ab"), TableCell("12"), TableCell("mid"), TableCell("ok", slot: .status("ok"))],
            [TableCell("abcdefgh"), TableCell("山田"), TableCell("e\u{301}x"), TableCell("bad", slot: .status("bad"))],
            [TableCell("x"), TableCell("1234567"), TableCell("日本語です"), TableCell("ok", slot: .status("ok"))],
        ])
        var state = ScrollState(selected: 2)
        var grid = Grid(width: 27, height: 4)
        table.render(rows, state: &state, in: grid.bounds, into: &grid, theme: theme)
        #expect(grid.plainText() == """
             L       Right    C    S
             ab         12   mid   ok
             abcde…   山田   éx    bad
             x      12345… 日本語… ok
            """)
        // Status colours fill their whole column, except on the selected row.
        let legend: [Style: Character] = [.plain: ".", Style(foreground: .ansi(.green)): "g", Style(foreground: .ansi(.red)): "r",
                                          Style(reverse: true): "S", Style(bold: true): "H"]
        #expect(grid.styleMask(row: 1, legend: legend) == "......................." + "gggg")
        #expect(grid.styleMask(row: 2, legend: legend) == "......................." + "rrrr")
        #expect(grid.styleMask(row: 3, legend: legend) == String(repeating: "S", count: 27))
        #expect(grid.styleMask(row: 0, legend: legend) == String(repeating: "H", count: 27))
    }
}
