import Testing
@testable import TerminalUI

@Suite struct LayoutTests {
    @Test func fixedPercentAndRemainingTileTheWhole() {
        let rects = Rect(x: 0, y: 0, width: 100, height: 30).split(.vertical, [.fixed(1), .percent(50), .fill, .fixed(1)])
        #expect(rects.map(\.height) == [1, 15, 13, 1])
        #expect(rects.map(\.y) == [0, 1, 16, 29])
        #expect(rects.allSatisfy { $0.width == 100 })
    }

    @Test func remainingIsSharedByWeightWithRoundingToTheFirst() {
        let rects = Rect(x: 2, y: 0, width: 10, height: 1).split(.horizontal, [.remaining(weight: 1), .remaining(weight: 2)])
        #expect(rects.map(\.width) == [4, 6])
        #expect(rects.map(\.x) == [2, 6])
        let three = Rect(x: 0, y: 0, width: 10, height: 1).split(.horizontal, [.fill, .fill, .fill])
        #expect(three.map(\.width) == [4, 3, 3])
    }

    @Test func spacingAndShortageShrinkLaterParts() {
        let rects = Rect(x: 0, y: 0, width: 10, height: 1).split(.horizontal, [.fixed(6), .fixed(6), .fill], spacing: 1)
        #expect(rects.map(\.width) == [6, 2, 0])
        #expect(rects[1].x == 7)
    }

    @Test func rectHelpers() {
        let r = Rect(x: 0, y: 0, width: 10, height: 5)
        #expect(r.inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 3))
        #expect(r.inset(by: 4).isEmpty)
        #expect(r.centered(width: 4, height: 1) == Rect(x: 3, y: 2, width: 4, height: 1))
        #expect(r.row(-1) == Rect(x: 0, y: 4, width: 10, height: 1))
        #expect(r.intersection(Rect(x: 8, y: 3, width: 5, height: 5)) == Rect(x: 8, y: 3, width: 2, height: 2))
    }
}
