import Foundation
import Testing
import TerminalUI
@testable import Console

/// The mouse as events into the reducer (at 120x35: header row 0, the screen from row 1, its
/// title first; the monitor panel from row 25).
@Suite struct MouseReducerTests {
    func click(_ x: Int, _ y: Int, _ state: inout AppState) -> [Effect] {
        state.send(.mouse(MouseEvent(x: x, y: y, kind: .press))) + state.send(.mouse(MouseEvent(x: x, y: y, kind: .release)))
    }

    @Test func aClickSelectsTheRowAndASecondOneSoonAfterOpensIt() {
        var state = makeState()
        state.loadTree()
        // Row 3 is the first line under the table's header: workspace 1; row 4 its first queue.
        _ = click(10, 4, &state)
        #expect(state.tree.scroll.selected == 1)
        #expect(state.top is TreeScreen)
        state.now += 0.2
        let effects = click(30, 4, &state)
        #expect(state.list?.queue.id == 11, "a double click opens, as enter does")
        #expect(!AppState.pageRequests(effects).isEmpty)
        state.press(.escape)
        // Slower than a double click: two selections.
        _ = click(10, 5, &state)
        state.now += 1
        _ = click(10, 5, &state)
        #expect(state.top is TreeScreen && state.tree.scroll.selected == 2)
        // Below the last row: nothing is selected, nothing opens.
        _ = click(10, 20, &state)
        _ = click(10, 20, &state)
        #expect(state.top is TreeScreen && state.tree.scroll.selected == 2)
    }

    /// The hook logs, the emails and the case file take clicks as the lists do: row 3 is the
    /// first run or email (title row 1, header row 2); the case file's table starts below its
    /// headline.
    @Test func diagnosisScreensSelectAndOpenByClick() throws {
        var state = makeState()
        state.loadTree()
        state.command("logs")
        state.answer(HookLogsRequest(filter: HookLogFilter(), withHookNames: true), .success(HookLogsRequest.Answer(
            entries: [HookLogsReducerTests.run("b", minute: 2), HookLogsReducerTests.run("a", minute: 1)], hookNames: [3: "MDH"])))
        _ = click(10, 4, &state)
        #expect((state.top as? HookLogsScreen)?.selected?.id == "a")
        state.now += 0.2
        _ = click(10, 4, &state)
        #expect(state.top is DocumentScreen, "a double click opens the run")
        state.press(.escape, .escape)

        state.command("emails")
        state.answer(EmailsRequest(filter: EmailFilter()), .success((rows: [try EmailsTests.row(2, annotations: []), try EmailsTests.row(1, annotations: [4])], total: 2)))
        _ = click(10, 4, &state)
        #expect((state.top as? EmailsScreen)?.selected?.id == 1)
        state.press(.escape)

        _ = state.open(CaseFileScreen(annotationID: 1))
        state.answer(CaseFileRequest(annotationID: 1), .success(CaseFileReducerTests.file()))
        // Title row 1, headline 2-3, advice none, gap row 4, table header 5: the second entry is row 7.
        _ = click(10, 7, &state)
        #expect((state.top as? CaseFileScreen)?.scroll.selected == 1)
    }

    @Test func theWheelMovesTheScreenOrTheMonitorUnderThePointer() {
        var state = makeState()
        state.openQueueWithRows(total: 250)
        state.send(.mouse(MouseEvent(x: 50, y: 10, kind: .wheelDown)))
        #expect(state.list?.scroll.selected == AppState.wheelRows)
        state.send(.mouse(MouseEvent(x: 50, y: 10, kind: .wheelUp)))
        #expect(state.list?.scroll.selected == 0)
        state.send(.mouse(MouseEvent(x: 50, y: 27, kind: .wheelDown)))
        #expect(state.focus == .monitor && state.list?.scroll.selected == 0)
        _ = click(50, 10, &state)
        #expect(state.focus == .main)
    }

    @Test func aClickOnAStatusTabSwitchesToIt() throws {
        var state = makeState()
        state.openQueueWithRows(total: 250)
        state.press(.space)
        let tabLine = ConsoleRenderer.render(state).plainText().split(separator: "\n", omittingEmptySubsequences: false)[2]
        let label = try #require(tabLine.range(of: "postponed"))
        let x = tabLine.distance(from: tabLine.startIndex, to: label.lowerBound)
        let effects = click(x + 1, 2, &state)
        #expect(state.list?.query.tab == "postponed")
        #expect(AppState.pageRequests(effects).first?.query.tab == "postponed")
        #expect(state.list?.marked.isEmpty == true, "marks go with the tab, as with ]")
        state.answerPage(0, rows: sampleRows([3, 6, 9, 12]), total: 4)
        // A row of the list: under the tab line and the table's header.
        _ = click(20, 6, &state)
        #expect(state.list?.scroll.selected == 2)
    }

    @Test func nothingHappensUnderADialogOrWhileTyping() {
        var state = makeState()
        state.loadTree()
        state.press(.char(":"))
        _ = click(10, 4, &state)
        _ = click(10, 4, &state)
        #expect(state.tree.scroll.selected == 0 && state.top is TreeScreen)
        state.press(.escape)
        // The header, the flash line and the hints are not the screen.
        _ = click(10, 0, &state)
        _ = click(10, 34, &state)
        #expect(state.tree.scroll.selected == 0)
    }
}
