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
        #expect(KeyDecoder.decodeAll([.keyCode(KEY_RESIZE), .keyCode(KEY_MOUSE)]) == [.resize, .mouse])
        #expect(KeyDecoder.decodeAll([.keyCode(9999)]).isEmpty)
    }
}
