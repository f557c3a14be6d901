import Testing
import TerminalUI
@testable import NcursesBackend

@Suite struct PasteDetectorTests {
    func raw(_ text: String) -> [RawInput] { text.unicodeScalars.map { .character($0.value) } }
    let start: [RawInput] = PasteDetector.start.map { .character($0) }
    let end: [RawInput] = PasteDetector.end.map { .character($0) }

    @Test func aBracketedPasteIsTextWithItsNewlinesAndTheRestIsInput() {
        var detector = PasteDetector()
        let feed = raw("r") + start + raw("Supplier wrong\nyes") + end + raw("j")
        #expect(detector.split(feed) == [.input(raw("r")), .paste("Supplier wrong\nyes"), .input(raw("j"))])
    }

    @Test func typingFastIsNeverAPaste() {
        var detector = PasteDetector()
        #expect(detector.split(raw(":queue 12\r]")) == [.input(raw(":queue 12\r]"))])
        // ESC [ that is not the paste marker stays input (alt-[, arrows...).
        #expect(detector.split(raw("\u{1B}[A")) == [.input(raw("\u{1B}[A"))])
    }

    @Test func aPasteLongerThanOneReadCarriesOver() {
        var detector = PasteDetector()
        #expect(detector.split(start + raw("Nový dodavatel ")) == [])
        #expect(detector.split(raw("日本") + end + raw("k")) == [.paste("Nový dodavatel 日本"), .input(raw("k"))])
    }
}
