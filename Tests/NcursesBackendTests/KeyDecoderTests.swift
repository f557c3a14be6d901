import CNcursesw
import Testing
import TerminalUI
@testable import NcursesBackend

@Suite struct KeyDecoderTests {
    func feed(_ text: String) -> [RawInput] { text.unicodeScalars.map { .character($0.value) } }

    @Test func printableUnicodeAndControls() {
        #expect(KeyDecoder.decodeAll(feed("jG:ž日")) == [.key(.char("j")), .key(.char("G")), .key(.char(":")), .key(.char("ž")), .key(.char("日"))])
        #expect(KeyDecoder.decodeAll([.character(18), .character(21), .character(23)]) == [.key(.ctrl("r")), .key(.ctrl("u")), .key(.ctrl("w"))])
        #expect(KeyDecoder.decodeAll([.character(13), .character(10), .character(9), .character(127), .character(8), .character(0)])
            == [.key(.enter), .key(.enter), .key(.tab), .key(.backspace), .key(.backspace), .key(.ctrl(" "))])
    }

    @Test func escapeAloneAndAltCombinations() {
        #expect(KeyDecoder.decodeAll([.character(27)]) == [.key(.escape)])
        #expect(KeyDecoder.decodeAll([.character(27), .character(120)]) == [.key(.alt("x"))])
        #expect(KeyDecoder.decodeAll([.character(27), .character(27)]) == [.key(.escape)])
        #expect(KeyDecoder.decodeAll([.character(27), .keyCode(KEY_UP)]) == [.key(Key(.up, modifiers: .alt))])
        #expect(KeyDecoder.decodeAll([.character(27), .character(18)]) == [.key(Key(.char("r"), modifiers: [.ctrl, .alt]))])
    }

    @Test func cursesKeyCodes() {
        let codes: [Int32] = [KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END, KEY_PPAGE, KEY_NPAGE, KEY_DC, KEY_BACKSPACE, KEY_BTAB, KEY_ENTER]
        let keys: [Key] = [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .delete, .backspace, .backTab, .enter]
        #expect(KeyDecoder.decodeAll(codes.map { .keyCode($0) }) == keys.map { .key($0) })
        #expect(KeyDecoder.decodeAll([.keyCode(rt_key_f0() + 5)]) == [.key(Key(.function(5)))])
        #expect(KeyDecoder.decodeAll([.keyCode(KEY_RESIZE)]) == [.resize])
        #expect(KeyDecoder.decodeAll([.keyCode(9999)]).isEmpty)
    }

    @Test func sgrMouseReports() {
        #expect(KeyDecoder.decodeAll(feed("\u{1B}[<0;10;5M\u{1B}[<0;10;5m")) == [.mouse(MouseEvent(x: 9, y: 4, kind: .press)),
                                                                                  .mouse(MouseEvent(x: 9, y: 4, kind: .release))])
        #expect(KeyDecoder.decodeAll(feed("\u{1B}[<64;1;1M\u{1B}[<65;120;35M")) == [.mouse(MouseEvent(x: 0, y: 0, kind: .wheelUp)),
                                                                                     .mouse(MouseEvent(x: 119, y: 34, kind: .wheelDown))])
        // Right and middle buttons, drags and modified wheels the console does not use: nothing,
        // and never keys (a stray `M` would open the monitor).
        #expect(KeyDecoder.decodeAll(feed("\u{1B}[<2;3;3M\u{1B}[<1;3;3M\u{1B}[<32;4;4M\u{1B}[<66;1;1M")).isEmpty)
        // Keys around a report stay keys.
        #expect(KeyDecoder.decodeAll(feed("j\u{1B}[<0;2;2Mk")) == [.key(.char("j")), .mouse(MouseEvent(x: 1, y: 1, kind: .press)), .key(.char("k"))])
        // Large coordinates (SGR has no 223-column limit).
        #expect(KeyDecoder.decodeAll(feed("\u{1B}[<0;300;80M")) == [.mouse(MouseEvent(x: 299, y: 79, kind: .press))])
    }

    @Test func somethingThatOnlyLooksLikeAReportIsKeys() {
        // Cut short or malformed: read as the keys they are.
        #expect(KeyDecoder.decodeAll(feed("\u{1B}[<0;1")) == [.key(.alt("[")), .key(.char("<")), .key(.char("0")), .key(.char(";")), .key(.char("1"))])
        #expect(KeyDecoder.decodeAll(feed("\u{1B}[<0;1;2;3M")).first == .key(.alt("[")))
        #expect(KeyDecoder.decodeAll(feed("\u{1B}[x")) == [.key(.alt("[")), .key(.char("x"))])
    }

    @Test func x10MouseReportsFromOlderTerminals() {
        // ESC [ M, then button, column, row, each plus 32.
        #expect(KeyDecoder.decodeAll(feed("\u{1B}[M\u{20}\u{2A}\u{25}")) == [.mouse(MouseEvent(x: 9, y: 4, kind: .press))])
        #expect(KeyDecoder.decodeAll(feed("\u{1B}[M\u{23}\u{2A}\u{25}")) == [.mouse(MouseEvent(x: 9, y: 4, kind: .release))])
        #expect(KeyDecoder.decodeAll(feed("\u{1B}[M\u{61}\u{21}\u{21}")) == [.mouse(MouseEvent(x: 0, y: 0, kind: .wheelDown))])
    }
}
